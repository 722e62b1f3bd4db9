// Rows of `history --format` (docker's formatter.historyContext).
import type { HistoryItem } from '../../client/index.js';
import { GO_TYPE, escapeHtmlJson } from '../template/go-value.js';
import { ellipsis, goTimeString, truncateId } from './go-strings.js';
import { humanDuration, humanSizeWithPrecision } from './human-units.js';

/** Column headers of the history table. */
export const HISTORY_HEADERS: Record<string, string> = {
  ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT',
};

/** docker history's default table. */
export const DEFAULT_HISTORY_TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

/** One history row. */
export class HistoryContext {
  readonly [GO_TYPE] = '*formatter.historyContext';

  constructor(private readonly h: HistoryItem, private readonly trunc: boolean, private readonly human: boolean, private readonly now: number) {}

  ID(): string { return this.trunc ? truncateId(this.h.Id) : this.h.Id; }
  CreatedAt(): string { return this.human ? goTimeString(this.h.Created * 1000) : new Date(this.h.Created * 1000).toISOString().replace(/\.\d+Z$/, 'Z'); }
  CreatedSince(): string { return this.human ? `${humanDuration(this.now - this.h.Created * 1000)} ago` : this.CreatedAt(); }
  CreatedBy(): string { const by = (this.h.CreatedBy ?? '').replace(/\t/g, ' '); return this.trunc ? ellipsis(by, 45) : by; }
  Size(): string { return this.human ? humanSizeWithPrecision(this.h.Size, 3) : String(this.h.Size); }
  Comment(): string { return this.h.Comment ?? ''; }

  /** `{{json .}}`. */
  marshalJSON(): string {
    return escapeHtmlJson(JSON.stringify({ Comment: this.Comment(), CreatedAt: this.CreatedAt(), CreatedBy: this.CreatedBy(), CreatedSince: this.CreatedSince(), ID: this.ID(), Size: this.Size() }));
  }
}
