// Token kinds of the shell grammar, in busybox ash's order (their names appear in syntax
// errors: `unexpected "fi"`, `unexpected end of file (expecting ")")`), and the syntax error.
import type { RedirOp, Word } from './ast.js';

/** Token ids (ash's TEOF…TEND). Keywords follow KWD_OFFSET. */
export const T = {
  EOF: 0, NL: 1, REDIR: 2, WORD: 3, SEMI: 4, BACKGND: 5, AND: 6, OR: 7, PIPE: 8, LP: 9, RP: 10,
  ENDCASE: 11, ENDBQUOTE: 12, NOT: 13, CASE: 14, DO: 15, DONE: 16, ELIF: 17, ELSE: 18, ESAC: 19,
  FI: 20, FOR: 21, FUNCTION: 22, IF: 23, IN: 24, THEN: 25, UNTIL: 26, WHILE: 27, BEGIN: 28, END: 29,
} as const;
export type Tok = (typeof T)[keyof typeof T];

/** Display names, indexed by token id. */
export const TOKEN_NAMES = [
  'end of file', 'newline', 'redirection', 'word', ';', '&', '&&', '||', '|', '(', ')', ';;', '`',
  '!', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in', 'then',
  'until', 'while', '{', '}',
];

const KWD_OFFSET = 13;

/** The keyword token for `text`, or undefined. */
export function keywordToken(text: string): Tok | undefined {
  const i = TOKEN_NAMES.indexOf(text, KWD_OFFSET);
  return i < 0 ? undefined : (i as Tok);
}

/** Tokens that end a list (ash's tokendlist). */
export function endsList(t: Tok): boolean {
  return t === T.EOF || t === T.RP || t === T.ENDCASE || t === T.ENDBQUOTE || t === T.DO ||
    t === T.DONE || t === T.ELIF || t === T.ELSE || t === T.ESAC || t === T.FI || t === T.THEN ||
    t === T.END;
}

/** How a token is named in an error message: words in quotes, the first four bare. */
export function tokenName(t: Tok): string {
  return t < T.SEMI ? TOKEN_NAMES[t] : `"${TOKEN_NAMES[t]}"`;
}

/** A token; words carry their parsed Word, redirections their operator and fd. */
export interface Token {
  t: Tok;
  line: number;
  word?: Word;
  op?: RedirOp;
  fd?: number;
}

/** A syntax error. `eof` says the input ended too early (more input could complete it). */
export class ShSyntaxError extends Error {
  constructor(readonly detail: string, readonly line: number, readonly eof: boolean) {
    super(`syntax error: ${detail}`);
    this.name = 'ShSyntaxError';
  }
}
