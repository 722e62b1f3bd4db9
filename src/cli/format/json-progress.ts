// Renders a JSON message stream (pull, build, load, import) the way docker's jsonmessage does
// for a non-terminal: `stream` verbatim, `status` with an "id: " prefix and a newline, progress
// lines hidden; `errorDetail` ends the stream as an error carrying its code.
import type { Readable } from 'node:stream';
import { jsonMessages, type JsonMessage } from '../../client/index.js';

/** The failure a JSON stream reported through errorDetail. */
export class JsonStreamError extends Error {
  constructor(message: string, readonly code: number) {
    super(message);
    this.name = 'JsonStreamError';
  }
}

/** Output and callbacks of a display. */
export interface DisplayOptions {
  out: { write(text: string): unknown };
  /** Receives `aux` payloads (build's image ID). */
  onAux?(aux: Record<string, unknown>): void;
}

/** Formats one message as docker prints it on a non-terminal ('' when hidden). */
export function formatJsonMessage(jm: JsonMessage): string {
  const progress = jm.progressDetail && ((jm.progressDetail.current ?? 0) > 0 || (jm.progressDetail.total ?? 0) > 0);
  if (progress) return '';
  let s = '';
  if (jm.id) s += `${jm.id}: `;
  if (jm.from) s += `(from ${jm.from}) `;
  if (jm.stream) return s + jm.stream;
  return `${s}${jm.status ?? ''}\n`;
}

/** Displays a whole stream; rejects with JsonStreamError on errorDetail. */
export async function displayJsonMessages(source: Readable, opts: DisplayOptions): Promise<void> {
  for await (const jm of jsonMessages<JsonMessage>(source)) {
    if (jm.errorDetail) throw new JsonStreamError(jm.errorDetail.message, jm.errorDetail.code || 1);
    if (jm.aux) { opts.onAux?.(jm.aux); continue; }
    const text = formatJsonMessage(jm);
    if (text) opts.out.write(text);
  }
}
