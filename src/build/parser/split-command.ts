// Splits a logical instruction line into keyword, `--flags` and the rest (BuildKit's
// splitCommand/extractBuilderFlags): flags are words starting with `--` right after the
// keyword; quotes group, the escape character escapes; a bare `--` ends the flags.
import { isGoSpace, splitParserWhitespace, trimGoSpace } from '../shell/go-space.js';

/** Keyword, flags and argument text of one line. */
export interface SplitLine {
  command: string;
  flags: string[];
  rest: string;
}

/** Splits a joined instruction line. */
export function splitCommand(line: string, escapeToken: string): SplitLine {
  const parts = splitParserWhitespace(trimGoSpace(line), 2);
  let rest = '';
  let flags: string[] = [];
  if (parts.length === 2) [rest, flags] = extractBuilderFlags(parts[1], escapeToken);
  return { command: parts[0], flags, rest: trimGoSpace(rest) };
}

function extractBuilderFlags(line: string, escapeToken: string): [string, string[]] {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  // Byte-wise in Go; UTF-16 units here: both only look at ASCII syntax characters.
  for (let pos = 0; pos <= line.length; pos++) {
    const ch = pos < line.length ? line[pos] : '';
    if (phase === 'spaces') {
      if (pos === line.length) break;
      if (isGoSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === line.length || line[pos + 1] !== '-') return [line.slice(pos), words];
      phase = 'word';
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return [line.slice(pos), words];
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      let c = ch;
      if (c === escapeToken) {
        if (pos + 1 === line.length) continue;
        pos++;
        c = line[pos];
      }
      word += c;
      continue;
    }
    // inside quotes
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    let c = ch;
    if (c === escapeToken) {
      if (pos + 1 === line.length) {
        phase = 'word';
        continue;
      }
      pos++;
      c = line[pos];
    }
    word += c;
  }
  return ['', words];
}
