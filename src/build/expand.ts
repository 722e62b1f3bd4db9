// Word and variable expansion as Docker's builder does it for ADD, COPY, ENV, EXPOSE, FROM,
// LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR and ARG: `$VAR`, `${VAR}`, `${VAR:-w}`, `${VAR:+w}`,
// `${VAR-w}`, `${VAR+w}`, `${VAR:?msg}`, `${VAR#p}`, `${VAR%p}`, `${VAR/p/r}`, escapes, and quote
// removal. The lexer itself lives in shell/lexer.ts.
import { WordLexer, type EnvLookup, type LexOptions } from './shell/lexer.js';

/** Variables for expansion: a Map, a plain record, or anything with get(). */
export type ExpandEnv = ReadonlyMap<string, string> | Readonly<Record<string, string>> | EnvLookup;

/** Expansion switches. */
export interface ExpandOptions {
  /** The Dockerfile's escape character (`\` or a backtick). */
  escapeToken?: string;
}

/** The outcome of expanding one word, with the variables it used. */
export interface ExpandResult {
  value: string;
  /** Variables referenced and set. */
  matched: Set<string>;
  /** Variables referenced but unset. */
  unmatched: Set<string>;
}

/** Turns any ExpandEnv into a lookup. */
export function envLookup(env: ExpandEnv): EnvLookup {
  if (env instanceof Map) return { get: (name) => env.get(name) };
  if (typeof (env as EnvLookup).get === 'function') return env as EnvLookup;
  const record = env as Readonly<Record<string, string>>;
  return { get: (name) => (Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined) };
}

/**
 * Expands one word (Docker's ProcessWord): variables replaced, quotes and escapes removed,
 * whitespace kept. Throws BuildSyntaxError (`failed to process "..."`) on bad syntax or `${X:?}`.
 */
export function expand(word: string, env: ExpandEnv, opts: ExpandOptions = {}): string {
  return expandWithMatches(word, env, opts).value;
}

/** Like expand(), and also reports which variables were used (for unused-arg accounting). */
export function expandWithMatches(word: string, env: ExpandEnv, opts: ExpandOptions = {}): ExpandResult {
  const r = new WordLexer(word, envLookup(env), { escapeToken: opts.escapeToken }).run();
  return { value: r.result, matched: r.matched, unmatched: r.unmatched };
}

/**
 * Expands and splits into fields (Docker's ProcessWords, used by EXPOSE): whitespace from
 * unquoted text or from variable values separates words; quoted text never does.
 */
export function expandWords(word: string, env: ExpandEnv, opts: ExpandOptions = {}): string[] {
  return new WordLexer(word, envLookup(env), { escapeToken: opts.escapeToken }).run().words;
}

/**
 * Expands a heredoc body whose delimiter was unquoted: `$` forms and escapes are processed,
 * quotes are literal; the escape is always a backslash (BuildKit's ExpandRaw).
 */
export function expandHeredoc(body: string, env: ExpandEnv): string {
  return new WordLexer(body, envLookup(env), { escapeToken: '\\', skipProcessQuotes: true }).run().result;
}

/** Runs the lexer with explicit BuildKit switches (used by the parser). */
export function lexWords(word: string, env: ExpandEnv, opts: LexOptions): string[] {
  return new WordLexer(word, envLookup(env), opts).run().words;
}
