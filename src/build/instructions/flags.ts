// Instruction flags (`--from=x`, `--link`, `--mount=...` repeated), parsed and checked the way
// BuildKit's BFlags does: each instruction declares its flags, then the written ones are matched.
import { BuildSyntaxError } from '../errors.js';
import { withSuggestion } from './suggest.js';

type FlagType = 'bool' | 'string' | 'strings';

interface FlagState {
  type: FlagType;
  value: string | null;
  values: string[];
  used: boolean;
}

/** The flags of one instruction: declare with bool()/string()/strings(), then parse(). */
export class Flags {
  private readonly declared = new Map<string, FlagState>();

  constructor(private readonly written: readonly string[]) {}

  private declare(name: string, type: FlagType): FlagState {
    const state: FlagState = { type, value: null, values: [], used: false };
    this.declared.set(name, state);
    return state;
  }

  /** Declares a boolean flag; read it after parse() with boolValue(). */
  bool(name: string): void { this.declare(name, 'bool'); }
  /** Declares a single-valued string flag. */
  string(name: string): void { this.declare(name, 'string'); }
  /** Declares a repeatable string flag. */
  strings(name: string): void { this.declare(name, 'strings'); }

  /**
   * Matches the written flags against the declared ones. Throws Docker's messages:
   * `unknown flag: --x`, `duplicate flag specified: --x`, `missing a value on flag: --x`...
   */
  parse(): void {
    for (const arg of this.written) {
      if (arg === '--') return;
      if (!arg.startsWith('--')) throw new BuildSyntaxError(`arg should start with -- : ${arg}`);
      const eq = arg.indexOf('=');
      const flagName = eq < 0 ? arg : arg.slice(0, eq);
      const value = eq < 0 ? '' : arg.slice(eq + 1);
      const hasValue = eq >= 0;
      const name = flagName.slice(2);
      const flag = this.declared.get(name);
      if (!flag) throw new BuildSyntaxError(withSuggestion(`unknown flag: ${flagName}`, name, [...this.declared.keys()], true));
      if (flag.used && flag.type !== 'strings') throw new BuildSyntaxError(`duplicate flag specified: ${flagName}`);
      flag.used = true;
      if (flag.type === 'bool') {
        if (hasValue && value === '') throw new BuildSyntaxError(`missing a value on flag: ${flagName}`);
        const v = value.toLowerCase();
        if (v === 'true' || v === '') flag.value = 'true';
        else if (v === 'false') flag.value = 'false';
        else throw new BuildSyntaxError(`expecting boolean value for flag ${flagName}, not: ${value}`);
      } else {
        if (!hasValue) throw new BuildSyntaxError(`missing a value on flag: ${flagName}`);
        if (flag.type === 'string') flag.value = value;
        else flag.values.push(value);
      }
    }
  }

  /** A string flag's value, or null when not given. */
  stringValue(name: string): string | null {
    return this.declared.get(name)?.value ?? null;
  }

  /** A repeatable flag's values in order. */
  stringValues(name: string): string[] {
    return [...(this.declared.get(name)?.values ?? [])];
  }

  /** A bool flag: true/false when given, null when not given. */
  boolValue(name: string): boolean | null {
    const v = this.declared.get(name)?.value ?? null;
    return v === null ? null : v === 'true';
  }
}
