// What the builder knows about a stage between steps: the image built so far (ID, config,
// history, layers, flattened filesystem when needed), the ARGs in scope, whether CMD was set in
// this stage, and the derived views (SHELL, the env used for expansion and for RUN).
import type { ContainerConfig, DiffID, HistoryEntry, LayerTree } from '../../image/index.js';

/** The state of one stage. Immutable: each step returns a new one. */
export interface StageState {
  /** The image so far, or null for `FROM scratch` before any step. */
  imageId: string | null;
  config: ContainerConfig;
  author: string | undefined;
  architecture: string;
  os: string;
  variant: string | undefined;
  history: HistoryEntry[];
  layers: DiffID[];
  /** The flattened filesystem, when computed (null: compute from `layers` on demand). */
  tree: LayerTree | null;
  /** ARGs declared in this stage, in order; null = declared without a value. */
  args: Map<string, string | null>;
  /** CMD was given in this stage (ENTRYPOINT then keeps it). */
  cmdSet: boolean;
  /** The image was made in this build (explains cache misses of the next step). */
  fresh: boolean;
}

/** Docker's default shell. */
export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

/** The SHELL in effect. */
export function shellOf(state: StageState): string[] {
  return state.config.Shell && state.config.Shell.length > 0 ? [...state.config.Shell] : [...DEFAULT_SHELL];
}

/** `KEY` of a `KEY=value` string. */
export function envKey(kv: string): string {
  const i = kv.indexOf('=');
  return i < 0 ? kv : kv.slice(0, i);
}

/** The declared ARGs with a value that the image Env does not override, sorted `K=v`. */
export function argEnv(state: StageState): string[] {
  const envKeys = new Set((state.config.Env ?? []).map(envKey));
  const out: string[] = [];
  for (const [k, v] of state.args) if (v !== null && !envKeys.has(k)) out.push(`${k}=${v}`);
  return out.sort();
}

/** The variables instructions are expanded with: ARGs in scope, then the image Env over them. */
export function expansionEnv(state: StageState): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of state.args) if (v !== null) m.set(k, v);
  for (const kv of state.config.Env ?? []) {
    const i = kv.indexOf('=');
    if (i > 0) m.set(kv.slice(0, i), kv.slice(i + 1));
  }
  return m;
}

/** A deep copy of a container config (it holds only JSON data). */
export function cloneConfig(c: ContainerConfig): ContainerConfig {
  return JSON.parse(JSON.stringify(c)) as ContainerConfig;
}
