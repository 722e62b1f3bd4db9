// The awk syntax tree: expressions, statements and the program (rules and functions).

/** Expressions. */
export type Expr =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; src: string }
  | { t: 'var'; name: string }
  | { t: 'field'; e: Expr }
  | { t: 'index'; name: string; subs: Expr[] }
  | { t: 'assign'; op: string; lhs: LValue; rhs: Expr }
  | { t: 'cond'; c: Expr; a: Expr; b: Expr }
  | { t: 'or' | 'and'; a: Expr; b: Expr }
  | { t: 'in'; subs: Expr[]; name: string }
  | { t: 'match'; neg: boolean; a: Expr; re: Expr }
  | { t: 'bin'; op: string; a: Expr; b: Expr }
  | { t: 'concat'; a: Expr; b: Expr }
  | { t: 'unary'; op: string; a: Expr }
  | { t: 'incdec'; op: '++' | '--'; prefix: boolean; lv: LValue }
  | { t: 'call'; name: string; args: Expr[] }
  | { t: 'builtin'; name: string; args: Expr[] }
  | { t: 'getline'; lv?: LValue; file?: Expr; cmd?: Expr }
  | { t: 'group'; e: Expr };

/** Assignable expressions. */
export type LValue = Extract<Expr, { t: 'var' | 'field' | 'index' }>;

/** Output redirection of print/printf. */
export interface Dest { mode: '>' | '>>' | '|'; e: Expr }

/** Statements. */
export type Stmt =
  | { t: 'expr'; e: Expr }
  | { t: 'print' | 'printf'; args: Expr[]; dest?: Dest }
  | { t: 'if'; c: Expr; a: Stmt; b?: Stmt }
  | { t: 'while'; c: Expr; body: Stmt }
  | { t: 'do'; body: Stmt; c: Expr }
  | { t: 'for'; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { t: 'forin'; v: LValue; arr: string; body: Stmt }
  | { t: 'block'; body: Stmt[] }
  | { t: 'next' | 'nextfile' | 'break' | 'continue' }
  | { t: 'exit' | 'return'; e?: Expr }
  | { t: 'delete'; name: string; subs?: Expr[] };

/** A pattern-action rule. */
export interface Rule {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  pattern2?: Expr;
  action?: Stmt[];
  /** Range state while running. */
  inRange?: boolean;
}

/** A user-defined function. */
export interface AwkFunction { name: string; params: string[]; body: Stmt[] }

/** A parsed program. */
export interface AwkProgram { rules: Rule[]; functions: Map<string, AwkFunction> }
