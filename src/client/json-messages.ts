// Reader for Docker's JSON message streams (/build, /images/create, /images/load, /events,
// /stats): a sequence of JSON values separated by any whitespace, split across chunks anyhow.
import type { Readable } from 'node:stream';

/** Splits concatenated JSON text into complete top-level values (objects or arrays). */
export class JsonSplitter {
  private text = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private scanned = 0;

  /** Adds text; returns the complete JSON texts it finished. */
  push(chunk: string): string[] {
    this.text += chunk;
    const out: string[] = [];
    for (let i = this.scanned; i < this.text.length; i++) {
      const c = this.text[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (c === '"') { this.inString = true; continue; }
      if (c === '{' || c === '[') {
        if (this.depth === 0) this.start = i;
        this.depth++;
      } else if (c === '}' || c === ']') {
        this.depth--;
        if (this.depth === 0 && this.start >= 0) {
          out.push(this.text.slice(this.start, i + 1));
          this.text = this.text.slice(i + 1);
          i = -1;
          this.start = -1;
        }
      } else if (this.depth === 0 && !/\s/.test(c)) {
        throw new Error(`invalid character '${c}' looking for beginning of value`);
      }
    }
    this.scanned = this.text.length;
    return out;
  }

  /** True when no partial value is pending. */
  get idle(): boolean {
    return this.depth === 0 && this.text.trim() === '';
  }
}

/** Yields each JSON value of a stream, parsed, as it completes. */
export async function* jsonMessages<T = unknown>(source: Readable): AsyncGenerator<T> {
  const splitter = new JsonSplitter();
  source.setEncoding('utf8');
  for await (const chunk of source as AsyncIterable<string>) {
    for (const text of splitter.push(chunk)) yield JSON.parse(text) as T;
  }
  if (!splitter.idle) throw new Error('unexpected EOF');
}
