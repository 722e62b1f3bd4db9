// Go's text/tabwriter as docker uses it (minwidth 10, tabwidth 1, padding 3, pad char ' '):
// cells end at '\t'; a column's width is computed per block of consecutive lines that have a
// cell in it; the last cell of a line is not part of any column.

/** Layout parameters, named as in Go's tabwriter.NewWriter. */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** docker's table layout. */
export const DOCKER_TABLE: TabwriterOptions = { minwidth: 10, padding: 3 };

const width = (s: string) => [...s].length;

/** Lays out `text` (lines of tab-separated cells) like Go's tabwriter, then flushes. */
export function tabwrite(text: string, opts: TabwriterOptions = DOCKER_TABLE): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i];
      let s = '';
      cells.forEach((c, j) => {
        s += c;
        if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j] - width(c)));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = opts.minwidth;
      for (; t < line1; t++) {
        const cells = lines[t];
        if (column >= cells.length - 1) break;
        const cw = width(cells[column]) + opts.padding;
        if (cw > w) w = cw;
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
