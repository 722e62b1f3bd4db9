// Per-instruction argument parsers (BuildKit's line_parsers.go): each turns the argument text
// after the keyword and flags into the argument list of a RawNode. Which instruction uses
// which parser is the table at the bottom.
import { BuildSyntaxError } from '../errors.js';
import { isGoSpace, splitParserWhitespace, trimGoSpaceLeft } from '../shell/go-space.js';
import { parseWords } from './parse-words.js';

/** Output of one line parser. */
export interface ParsedArgs {
  args: string[];
  json: boolean;
}

/** A line parser: argument text and escape character to arguments. */
export type LineParser = (rest: string, escapeToken: string) => ParsedArgs;

const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';
const none: ParsedArgs = { args: [], json: false };

/** A JSON array of strings, or null when the text is not a JSON array at all. */
function parseJSON(rest: string): ParsedArgs | null {
  const text = trimGoSpaceLeft(rest);
  if (!text.startsWith('[')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  if (!value.every((v) => typeof v === 'string')) throw new BuildSyntaxError(NOT_STRING_ARRAY);
  return { args: value as string[], json: true };
}

/** Whitespace-separated words, no quote handling (FROM, EXPOSE). */
export const parseStringsWhitespaceDelimited: LineParser = (rest) =>
  rest === '' ? none : { args: splitParserWhitespace(rest), json: false };

/** The whole text as one argument (USER, WORKDIR, STOPSIGNAL, MAINTAINER). */
export const parseString: LineParser = (rest) => (rest === '' ? none : { args: [rest], json: false });

/** A JSON array (exec form) or else the whole text as one argument (RUN, CMD, ENTRYPOINT, SHELL). */
export const parseMaybeJSON: LineParser = (rest) => {
  if (rest === '') return none;
  return parseJSON(rest) ?? { args: [rest], json: false };
};

/** A JSON array or else whitespace-separated words (ADD, COPY, VOLUME). */
export const parseMaybeJSONToList: LineParser = (rest, escape) =>
  parseJSON(rest) ?? parseStringsWhitespaceDelimited(rest, escape);

/** ARG: words kept whole (`name`, `name=value`), split on `=` later. */
export const parseNameOrNameVal: LineParser = (rest, escape) => ({ args: parseWords(rest, escape), json: false });

/** HEALTHCHECK: a type word (CMD or NONE), then like parseMaybeJSON. */
export const parseHealthConfig: LineParser = (rest, escape) => {
  let sep = 0;
  while (sep < rest.length && !isGoSpace(rest[sep])) sep++;
  let next = sep;
  while (next < rest.length && isGoSpace(rest[next])) next++;
  if (sep === 0) return none;
  const cmd = parseMaybeJSON(rest.slice(next), escape);
  return { args: [rest.slice(0, sep), ...cmd.args], json: cmd.json };
};

/**
 * ENV and LABEL: either `KEY name value...` (first word has no `=`) or `KEY a=b c="d e"`.
 * Produces (key, value, separator) triples; the separator is `=` or '' for the old form.
 */
function parseNameVal(rest: string, escape: string, keyword: string): ParsedArgs {
  const words = parseWords(rest, escape);
  if (words.length === 0) return none;
  if (!words[0].includes('=')) {
    const parts = splitParserWhitespace(rest, 2);
    if (parts.length < 2) throw new BuildSyntaxError(`${keyword} must have two arguments`);
    return { args: [parts[0], parts[1], ''], json: false };
  }
  const args: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) throw new BuildSyntaxError(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    args.push(word.slice(0, eq), word.slice(eq + 1), '=');
  }
  return { args, json: false };
}

/** ENV's line parser. */
export const parseEnv: LineParser = (rest, escape) => parseNameVal(rest, escape, 'ENV');
/** LABEL's line parser. */
export const parseLabel: LineParser = (rest, escape) => parseNameVal(rest, escape, 'LABEL');

/** Go's %q for the ASCII-ish strings that reach error messages. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Which line parser each instruction uses; ONBUILD is handled by the caller. */
export const LINE_PARSERS: Readonly<Record<string, LineParser>> = {
  add: parseMaybeJSONToList,
  arg: parseNameOrNameVal,
  cmd: parseMaybeJSON,
  copy: parseMaybeJSONToList,
  entrypoint: parseMaybeJSON,
  env: parseEnv,
  expose: parseStringsWhitespaceDelimited,
  from: parseStringsWhitespaceDelimited,
  healthcheck: parseHealthConfig,
  label: parseLabel,
  maintainer: parseString,
  run: parseMaybeJSON,
  shell: parseMaybeJSON,
  stopsignal: parseString,
  user: parseString,
  volume: parseMaybeJSONToList,
  workdir: parseString,
};
