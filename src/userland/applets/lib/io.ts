// Input helpers shared by applets: byte strings (one char per byte, so text tools pass any
// bytes through unchanged), opening FILE-or-stdin, and reading input line by line.
import { O } from '../../../abi/index.js';
import { encode, decode, type Libc } from '../../libc/index.js';

/** Bytes → a "binary string" with one char (0-255) per byte. */
export function bstr(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** A binary string → its bytes (chars above 255 are truncated; use only on bstr output). */
export function bbytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A JS (Unicode) string as a binary string of its UTF-8 bytes, e.g. a pattern from argv. */
export const utf8bin = (s: string): string => bstr(encode(s));

/** A binary string of UTF-8 bytes back to a JS string (for names and messages). */
export const binutf8 = (s: string): string => decode(bbytes(s));

/** Opens FILE for reading, `-` meaning stdin (fd 0). */
export async function openInput(libc: Libc, path: string): Promise<number> {
  return path === '-' ? 0 : libc.open(path, O.RDONLY);
}

/** Closes an fd from openInput unless it is stdin. */
export async function closeInput(libc: Libc, fd: number): Promise<void> {
  if (fd !== 0) await libc.sys.close(fd);
}

/** Reads a whole input (`-` = stdin) as a binary string. */
export async function readInput(libc: Libc, path: string): Promise<string> {
  const fd = await openInput(libc, path);
  try {
    return bstr(await libc.readAll(fd));
  } finally {
    await closeInput(libc, fd);
  }
}

/** Reads an fd line by line as binary strings; a last line without "\n" is still returned. */
export class LineReader {
  private buf = '';
  private eof = false;

  constructor(private readonly libc: Libc, readonly fd: number) {}

  /** The next line without its "\n", or undefined at EOF. `terminated` tells if it had one. */
  async next(): Promise<{ line: string; terminated: boolean } | undefined> {
    for (;;) {
      const nl = this.buf.indexOf('\n');
      if (nl >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        return { line, terminated: true };
      }
      if (this.eof) {
        if (this.buf === '') return undefined;
        const line = this.buf;
        this.buf = '';
        return { line, terminated: false };
      }
      const chunk = await this.libc.read(this.fd, 65536);
      if (chunk.length === 0) this.eof = true;
      else this.buf += bstr(chunk);
    }
  }
}

/** Splits a binary string into lines (without "\n"); a final "\n" does not make an empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
