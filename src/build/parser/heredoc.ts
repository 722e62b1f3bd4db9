// Heredoc words on an instruction line (`<<EOF`, `<<-EOF`, `2<<"EOF"`, `<< EOF`), found the
// way BuildKit does: lex the whole line keeping quotes and escapes, then test each word.
// The parse loop in parse-raw.ts reads the bodies.
import { BuildSyntaxError } from '../errors.js';
import { lexWords } from '../expand.js';
import type { Heredoc } from './raw-node.js';

const HEREDOC = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/; // Go's \s
const NO_ENV = new Map<string, string>();

/** The heredoc a word introduces, or null when the word is not one. Content is left empty. */
export function parseHeredocWord(word: string): Heredoc | null {
  const m = HEREDOC.exec(word);
  if (!m) return null;
  const rest = m[3];
  if (rest === '') return null;
  const plain = lexWords(rest, NO_ENV, { escapeToken: '\\', skipUnsetEnv: true });
  if (plain.length !== 1) return null;
  const raw = lexWords(rest, NO_ENV, { escapeToken: '\\', skipUnsetEnv: true, rawQuotes: true });
  if (raw.length !== plain.length) {
    throw new BuildSyntaxError(`internal lexing of heredoc produced inconsistent results: ${rest}`);
  }
  const quotes = (s: string) => (s.match(/['"]/g) ?? []).length;
  return {
    name: plain[0],
    fd: m[1] === '' ? 0 : Number.parseInt(m[1], 10),
    expand: quotes(plain[0]) === quotes(raw[0]),
    chomp: m[2] === '-',
    content: '',
  };
}

/** All heredocs introduced on a line, in order. */
export function heredocsFromLine(line: string): Heredoc[] {
  let words: string[];
  try {
    words = lexWords(line, NO_ENV, { escapeToken: '\\', skipUnsetEnv: true, rawQuotes: true, rawEscapes: true });
  } catch {
    return []; // Docker ignores lexing errors here: such a line simply has no heredoc
  }
  const docs: Heredoc[] = [];
  for (const word of words) {
    const doc = parseHeredocWord(word);
    if (doc) docs.push(doc);
  }
  return docs;
}

/** Strips leading tabs from every line (`<<-`). */
export function chompHeredocContent(content: string): string {
  return content.replace(/(^|\n)\t+/g, '$1'); // Go's (?m)^ starts lines after \n only
}
