// The json-file log driver: one JSON line per output line ({"log","stream","time"}) in
// <container dir>/<id>-json.log on the data root, plus live followers. Reading applies
// since/until/tail; following continues with live entries until the run ends.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { rfc3339Nano, parseRfc3339, type TimeNs } from './time-format.js';

/** One log record as stored. */
export interface JsonLogEntry {
  log: string;
  stream: 'stdout' | 'stderr';
  time: string;
}

/** Reading options (times in unix seconds, fractional allowed). */
export interface LogReadOptions {
  since?: number;
  until?: number;
  tail?: number;
  stdout: boolean;
  stderr: boolean;
}

/** Splits output into lines (each keeping its "\n"); a trailing partial line stays pending. */
export class LineSplitter {
  private pending = '';
  private readonly decoder = new TextDecoder();

  /** Complete lines of `chunk` (and earlier pending text). */
  push(chunk: Uint8Array): string[] {
    this.pending += this.decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      lines.push(this.pending.slice(0, nl + 1));
      this.pending = this.pending.slice(nl + 1);
    }
    // moby splits long partial lines at 16 KiB
    while (this.pending.length >= 16384) {
      lines.push(this.pending.slice(0, 16384));
      this.pending = this.pending.slice(16384);
    }
    return lines;
  }

  /** The unterminated rest, at EOF. */
  flush(): string[] {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    return rest === '' ? [] : [rest];
  }
}

/** A container's json-file log: ordered appends, a count of entries written, live listeners. */
export class JsonLog {
  private queue: Promise<void> = Promise.resolve();
  private emitted = 0;
  private readonly listeners = new Set<(e: JsonLogEntry, index: number) => void>();

  private constructor(readonly path: string) {}

  /** Opens (or starts) the log at `path`; entries already there count for follow's bookkeeping. */
  static async open(path: string): Promise<JsonLog> {
    const log = new JsonLog(path);
    try {
      const text = await readFile(path, 'utf8');
      log.emitted = text.split('\n').filter(Boolean).length;
    } catch {
      await writeFile(path, '');
    }
    return log;
  }

  /**
   * The log of a new container: nothing is read or written until its first entry, which creates
   * the file (reading a log without a file gives no entries). A container that prints nothing
   * costs no file.
   */
  static create(path: string): JsonLog {
    return new JsonLog(path);
  }

  /** Appends one entry (serialised after earlier ones) and tells followers. */
  write(stream: 'stdout' | 'stderr', text: string, at: TimeNs): void {
    const entry: JsonLogEntry = { log: text, stream, time: rfc3339Nano(at) };
    const index = this.emitted++;
    const line = `${JSON.stringify(entry)}\n`;
    this.queue = this.queue.then(() => appendFile(this.path, line)).catch(() => undefined);
    for (const l of this.listeners) l(entry, index);
  }

  /** Resolves when every entry written so far is on disk. */
  flushed(): Promise<void> {
    return this.queue;
  }

  /** Entries on disk, filtered. */
  async read(options: LogReadOptions, limit?: number): Promise<JsonLogEntry[]> {
    await this.queue;
    let text = '';
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    let entries = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as JsonLogEntry);
    if (limit !== undefined) entries = entries.slice(0, limit);
    return applyFilters(entries, options);
  }

  /**
   * The backlog, then (follow) live entries until `done` resolves or `signal` aborts. No entry is
   * lost or repeated between the two: followers attach before the backlog is read.
   */
  async *follow(options: LogReadOptions, done: Promise<unknown>, signal: AbortSignal): AsyncIterable<JsonLogEntry> {
    const live: JsonLogEntry[] = [];
    let wake: (() => void) | undefined;
    const startIndex = this.emitted;
    const listener = (e: JsonLogEntry): void => { live.push(e); wake?.(); };
    this.listeners.add(listener);
    let finished = false;
    void done.then(() => { finished = true; wake?.(); });
    const onAbort = (): void => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      for (const e of await this.read(options, startIndex)) yield e;
      for (;;) {
        while (live.length > 0) {
          const e = live.shift()!;
          if (matches(e, options)) yield e;
        }
        if (finished || signal.aborted) break;
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
      }
    } finally {
      this.listeners.delete(listener);
      signal.removeEventListener('abort', onAbort);
    }
  }
}

function matches(e: JsonLogEntry, o: LogReadOptions): boolean {
  if (e.stream === 'stdout' ? !o.stdout : !o.stderr) return false;
  const t = parseRfc3339(e.time);
  if (t !== undefined && o.since !== undefined && Number(t) / 1e9 < o.since) return false;
  if (t !== undefined && o.until !== undefined && Number(t) / 1e9 > o.until) return false;
  return true;
}

/** stream/since/until filtering, then tail (the last N of what remains). */
export function applyFilters(entries: JsonLogEntry[], options: LogReadOptions): JsonLogEntry[] {
  const kept = entries.filter((e) => matches(e, options));
  if (options.tail === undefined || options.tail < 0) return kept;
  return options.tail === 0 ? [] : kept.slice(-options.tail);
}
