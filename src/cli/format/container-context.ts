// The row object of `ps --format` (docker's formatter.ContainerContext): every field is a
// method, as in Go, so templates call {{.Names}}, {{.Label "app"}}; JSON lists them all.
import type { ContainerSummary } from '../../client/index.js';
import { GO_TYPE, escapeHtmlJson } from '../template/go-value.js';
import { ellipsis, goQuote, goTimeString, truncateId } from './go-strings.js';
import { humanDuration, humanSizeWithPrecision } from './human-units.js';
import { familiarString, parseReference } from './references.js';
import { displayablePorts } from './ports.js';

/** Column headers of the ps table. */
export const CONTAINER_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID', Names: 'NAMES', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED', Ports: 'PORTS', State: 'STATE', Status: 'STATUS', Size: 'SIZE', Labels: 'LABELS',
  Label: 'LABEL', Mounts: 'MOUNTS', LocalVolumes: 'LOCAL VOLUMES', Networks: 'NETWORKS', Platform: 'PLATFORM',
};

/** docker ps's default table. */
export const DEFAULT_PS_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

/** One container as templates see it. */
export class ContainerContext {
  readonly [GO_TYPE] = '*formatter.ContainerContext';

  constructor(private readonly c: ContainerSummary, private readonly trunc: boolean, private readonly now: number) {}

  ID(): string { return this.trunc ? truncateId(this.c.Id) : this.c.Id; }

  Names(): string {
    let names = (this.c.Names ?? []).map((n) => n.slice(1));
    if (this.trunc) {
      const plain = names.find((n) => !n.includes('/'));
      if (plain !== undefined) names = [plain];
    }
    return names.join(',');
  }

  Image(): string {
    const image = this.c.Image ?? '';
    if (image === '') return '<no image>';
    if (this.trunc) {
      const t = truncateId(this.c.ImageID ?? '');
      if (t === truncateId(image)) return t;
      try {
        const ref = parseReference(image);
        return familiarString({ repository: ref.repository, tag: ref.tag });
      } catch {
        return image;
      }
    }
    return image;
  }

  Command(): string {
    const cmd = this.c.Command ?? '';
    return goQuote(this.trunc ? ellipsis(cmd, 20) : cmd);
  }

  CreatedAt(): string { return goTimeString(this.c.Created * 1000); }

  RunningFor(): string { return `${humanDuration(this.now - this.c.Created * 1000)} ago`; }

  Ports(): string { return displayablePorts(this.c.Ports ?? []); }

  State(): string { return this.c.State ?? ''; }

  Status(): string { return this.c.Status ?? ''; }

  Size(): string {
    const srw = humanSizeWithPrecision(this.c.SizeRw ?? 0, 3);
    const sv = humanSizeWithPrecision(this.c.SizeRootFs ?? 0, 3);
    return (this.c.SizeRootFs ?? 0) > 0 ? `${srw} (virtual ${sv})` : srw;
  }

  Labels(): string {
    const labels = this.c.Labels ?? {};
    return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
  }

  Label(name: string): string { return this.c.Labels?.[name] ?? ''; }

  Mounts(): string {
    return (this.c.Mounts ?? []).map((m) => {
      const name = m.Name || m.Source || '';
      return this.trunc ? ellipsis(name, 15) : name;
    }).join(',');
  }

  LocalVolumes(): string { return String((this.c.Mounts ?? []).filter((m) => m.Driver === 'local').length); }

  Networks(): string { return Object.keys(this.c.NetworkSettings?.Networks ?? {}).sort().join(','); }

  Platform(): null { return null; }

  /** `{{json .}}`: every field, keys sorted, HTML-escaped like Go's json.Marshal. */
  marshalJSON(): string {
    const obj: Record<string, unknown> = {
      Command: this.Command(), CreatedAt: this.CreatedAt(), ID: this.ID(), Image: this.Image(), Labels: this.Labels(),
      LocalVolumes: this.LocalVolumes(), Mounts: this.Mounts(), Names: this.Names(), Networks: this.Networks(),
      Platform: this.Platform(), Ports: this.Ports(), RunningFor: this.RunningFor(), Size: this.Size(), State: this.State(),
      Status: this.Status(),
    };
    return escapeHtmlJson(JSON.stringify(obj));
  }
}
