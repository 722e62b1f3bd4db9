// The shell's syntax tree: words (with their quoting and expansions) and commands, as the
// parser (parser.ts) builds them and the executor (exec/) walks them. Nodes are immutable
// after parsing, so subshells and functions can share them.

/** The operator of a `${name<op>word}` expansion; `len` is `${#name}`. */
export type ParamOp =
  | '' | '-' | '=' | '+' | '?' | ':-' | ':=' | ':+' | ':?'
  | '#' | '##' | '%' | '%%' | 'len' | '/' | '//' | '/#' | '/%' | ':';

/** One piece of a word. */
export type Part =
  /** Unquoted literal text: glob characters in it are active. */
  | { type: 'lit'; text: string }
  /** Quoted literal text (from '…', a backslash escape, or literal text inside "…"). */
  | { type: 'quoted'; text: string }
  /** A double-quoted region: its expansions are not split or globbed. */
  | { type: 'dq'; parts: Part[] }
  /** `$name`, `${name}`, `${name op word}`; for `/` ops `word2` is the replacement, for `:` the length. */
  | { type: 'param'; name: string; op: ParamOp; word?: Word; word2?: Word }
  /** `$(…)` or a backquoted command. */
  | { type: 'cmdsub'; body: Command | null }
  /** `$((…))`: the expression text, itself expanded before evaluation. */
  | { type: 'arith'; expr: Word }
  /** `~` or `~user` at the start of a word (or after `=`/`:` in an assignment). */
  | { type: 'tilde'; user: string };

/** A word: its parts plus the source text (for keywords, assignments and `set -x`). */
export interface Word {
  parts: Part[];
  /** Source text of the word as written. */
  text: string;
  /** True if any part of the word was quoted or escaped. */
  quoted: boolean;
}

/** Redirection operators. `<&`/`>&` duplicate (or close, with `-`) a descriptor. */
export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-';

/** A redirection; for here-documents `body` holds the document (a word to expand unless `quoted`). */
export interface Redir {
  fd: number;
  op: RedirOp;
  target: Word;
  heredoc?: { body: Word; quoted: boolean };
}

/** `name=value` before a command (or alone). */
export interface Assign {
  name: string;
  value: Word;
}

/** A simple command: assignments, words and redirections in any order. */
export interface SimpleCommand {
  type: 'simple';
  line: number;
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
}

export interface Pipeline {
  type: 'pipeline';
  bang: boolean;
  cmds: Command[];
}

/** `a && b`, `a || b`. */
export interface AndOr {
  type: 'andor';
  op: '&&' | '||';
  left: Command;
  right: Command;
}

/** `a; b` (and newline-separated commands). */
export interface Sequence {
  type: 'seq';
  left: Command;
  right: Command;
}

/** `cmd &`. */
export interface Background {
  type: 'bg';
  body: Command;
}

export interface Subshell {
  type: 'subshell';
  body: Command | null;
  redirs: Redir[];
}

/** `{ …; }` or any compound command carrying redirections. */
export interface Group {
  type: 'group';
  body: Command | null;
  redirs: Redir[];
}

export interface If {
  type: 'if';
  cond: Command | null;
  then: Command | null;
  else: Command | null;
}

/** `while`/`until` loops. */
export interface Loop {
  type: 'loop';
  until: boolean;
  cond: Command | null;
  body: Command | null;
}

/** `for name [in words]; do …; done`; `words` null means "$@". */
export interface For {
  type: 'for';
  line: number;
  name: string;
  words: Word[] | null;
  body: Command | null;
}

export interface CaseItem {
  patterns: Word[];
  body: Command | null;
}

export interface Case {
  type: 'case';
  line: number;
  word: Word;
  items: CaseItem[];
}

/** `name() body`. */
export interface FuncDef {
  type: 'funcdef';
  name: string;
  body: Command;
}

/** `! pipeline` with a single command is a Pipeline with one cmd. */
export type Command =
  | SimpleCommand | Pipeline | AndOr | Sequence | Background | Subshell | Group | If | Loop
  | For | Case | FuncDef;
