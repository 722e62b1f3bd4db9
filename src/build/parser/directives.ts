// Parser directives: `# syntax=`, `# escape=`, `# check=` comment lines at the very top of a
// Dockerfile. The first line that is not a known directive (an instruction, another comment,
// an empty line, an unknown directive) ends the directive section for good.
import { BuildSyntaxError } from '../errors.js';
import { trimGoSpaceLeft } from '../shell/go-space.js';

/** One parser directive as found in the file. */
export interface Directive {
  /** Lower-cased name: `syntax`, `escape` or `check`. */
  name: string;
  value: string;
  line: number;
}

const KNOWN = new Set(['syntax', 'escape', 'check']);
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** Reads directives line by line until the first line that is not one. */
export class DirectiveParser {
  private line = 0;
  private done = false;
  private readonly seen = new Set<string>();

  /**
   * Looks at one line (leading whitespace already trimmed). Returns the directive, or null.
   * Throws `only one <name> parser directive can be used` on a repeat.
   */
  parseLine(text: string): Directive | null {
    this.line++;
    if (this.done) return null;
    if (!text.startsWith('#')) {
      this.done = true;
      return null;
    }
    const m = DIRECTIVE.exec(trimGoSpaceLeft(text.slice(1)));
    if (!m) {
      this.done = true;
      return null;
    }
    const name = m[1].toLowerCase();
    if (!KNOWN.has(name)) {
      this.done = true;
      return null;
    }
    if (this.seen.has(name)) throw new BuildSyntaxError(`only one ${name} parser directive can be used`);
    this.seen.add(name);
    return { name, value: m[2], line: this.line };
  }
}

/** Validates an `escape` directive value: only a backslash or a backtick. */
export function checkEscapeToken(value: string): string {
  if (value !== '`' && value !== '\\') {
    throw new BuildSyntaxError(`invalid escape token '${value}' does not match \` or \\`);
  }
  return value;
}
