// Field splitting (POSIX 2.6.5) over expansion segments, and the segment type the expander
// produces: text that is quoted or not, eligible for splitting or not, and field breaks ("$@").

/** One piece of an expanded word. */
export type Seg =
  | { t: 'text'; text: string; quoted: boolean; split: boolean }
  /** Ends the current field (between the arguments of "$@"). */
  | { t: 'break' }
  /** Marks the field as present even if empty (from "" or '' or an empty "$@" argument). */
  | { t: 'qempty' };

/** A field before globbing: chunks remember which characters were quoted. */
export interface Field {
  chunks: { text: string; quoted: boolean }[];
}

const WS = ' \t\n';

/** Splits segments into fields on the characters of `ifs`. */
export function splitFields(segs: Seg[], ifs: string): Field[] {
  const fields: Field[] = [];
  let cur: Field = { chunks: [] };
  let started = false;
  const push = (): void => {
    fields.push(cur);
    cur = { chunks: [] };
    started = false;
  };
  const add = (text: string, quoted: boolean): void => {
    const last = cur.chunks[cur.chunks.length - 1];
    if (last && last.quoted === quoted) last.text += text;
    else cur.chunks.push({ text, quoted });
    started = true;
  };
  for (const s of segs) {
    if (s.t === 'break') { if (started) push(); continue; }
    if (s.t === 'qempty') { started = true; continue; }
    if (!s.split || !ifs) {
      if (s.text || s.quoted) add(s.text, s.quoted);
      continue;
    }
    const text = s.text;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (!ifs.includes(c)) { add(c, false); continue; }
      let ifsspc = WS.includes(c);
      if (!started && ifsspc) continue;
      push();
      while (i + 1 < text.length && ifs.includes(text[i + 1])) {
        const d = text[i + 1];
        if (WS.includes(d)) { i++; continue; }
        if (ifsspc) { i++; ifsspc = false; continue; }
        break;
      }
    }
  }
  if (started) push();
  return fields;
}

/** The text of segments joined without splitting ("$@" arguments joined by spaces). */
export function joinSegs(segs: Seg[]): string {
  let s = '';
  for (const g of segs) {
    if (g.t === 'text') s += g.text;
    else if (g.t === 'break') s += ' ';
  }
  return s;
}
