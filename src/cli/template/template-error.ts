// The error of parsing or executing a Go template, worded like Go's text/template
// ("template: :1:2: executing \"\" at <.Nope>: ...").

/** A template parse or execution error. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Go's "line:col" of a byte offset (col is the 0-based byte offset within the line). */
export function position(source: string, offset: number): string {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - (before.lastIndexOf('\n') + 1);
  return `${line}:${col}`;
}
