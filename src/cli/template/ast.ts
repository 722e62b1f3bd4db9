// Syntax tree of a parsed Go template.

/** An operand of a command. `pos` is the byte offset Go reports in errors. */
export type Arg =
  | { t: 'field'; names: string[]; pos: number; text: string }
  | { t: 'dot'; pos: number; text: string }
  | { t: 'var'; name: string; names: string[]; pos: number; text: string }
  | { t: 'ident'; name: string; pos: number; text: string }
  | { t: 'string'; value: string; pos: number; text: string }
  | { t: 'number'; value: number; pos: number; text: string }
  | { t: 'bool'; value: boolean; pos: number; text: string }
  | { t: 'nil'; pos: number; text: string }
  | { t: 'pipe'; pipe: Pipe; names: string[]; pos: number; text: string };

/** One command of a pipeline: an operand or a function with arguments. */
export interface Command {
  args: Arg[];
  pos: number;
}

/** A pipeline, with optional variable declaration (`$x := ...`). */
export interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Command[];
  pos: number;
}

/** A node of the template body. */
export type Node =
  | { t: 'text'; text: string }
  | { t: 'action'; pipe: Pipe }
  | ControlNode
  | { t: 'break' | 'continue' };

/** if / with / range with their bodies. */
export interface ControlNode {
  t: 'if' | 'with' | 'range';
  pipe: Pipe;
  list: Node[];
  elseList: Node[] | null;
}
