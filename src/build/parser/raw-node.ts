// The untyped node the line parser produces for each instruction (BuildKit's parser.Node,
// flattened): command word, `--flags`, arguments, JSON attribute, heredocs and line range.
// instructions/ turns these into typed instructions.

/** A heredoc attached to an instruction line. */
export interface Heredoc {
  /** Delimiter word with quotes removed (`EOF`). */
  name: string;
  /** File descriptor before `<<` (`2<<EOF` → 2), 0 when absent. */
  fd: number;
  /** True unless (part of) the delimiter was quoted: `<<"EOF"` and `<<'EOF'` do not expand. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from body lines. */
  chomp: boolean;
  /** Body lines with their line endings, not yet chomped. */
  content: string;
}

/** One instruction as the line parser sees it. */
export interface RawNode {
  /** Instruction keyword as written (`run`, `RUN`). */
  command: string;
  /** `--name=value` flags between the keyword and the arguments. */
  flags: string[];
  /** Arguments as the per-instruction line parser split them (ENV/LABEL: key, value, sep triples). */
  args: string[];
  /** Arguments were a JSON array (exec form). */
  json: boolean;
  heredocs: Heredoc[];
  /** The logical line (continuations joined), as Docker's Node.Original. */
  original: string;
  startLine: number;
  endLine: number;
  /** Comment lines directly above the instruction. */
  comments: string[];
  /** ONBUILD's wrapped instruction. */
  sub?: RawNode;
}
