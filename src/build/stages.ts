// The stage planner: resolves global ARGs, each stage's base (image, scratch or an earlier
// stage) and platform, the dependency graph through FROM <stage>, COPY --from and RUN
// --mount from=, the target (--target or the last stage), the stages it needs in build order,
// and the build-args nobody consumed. BuildKit's rules, Docker's messages.
import { isProxyArg, platformArgs, resolveGlobalArgs, type Platform } from './build-args.js';
import { DockerfileError, BuildSyntaxError } from './errors.js';
import { expand, expandWithMatches } from './expand.js';
import type { Dockerfile, Instruction, Stage } from './instructions/types.js';
import { withSuggestion } from './instructions/suggest.js';

/** What a stage starts from. */
export type StageBase =
  | { kind: 'stage'; index: number }
  | { kind: 'scratch' }
  | { kind: 'image'; ref: string };

/** A stage another stage or instruction refers to. */
export interface StageDependency {
  /** Stage index, or null when the reference is an image. */
  stage: number | null;
  /** The image reference when not a stage. */
  image: string | null;
  /** Line of the referring instruction. */
  line: number;
  via: 'FROM' | 'COPY --from' | 'RUN --mount';
}

/** A stage with everything the builder needs to know before running it. */
export interface PlannedStage {
  index: number;
  /** The stage name, or Docker's `stage-N` for unnamed ones. */
  displayName: string;
  stage: Stage;
  /** FROM's image after global ARG expansion. */
  baseName: string;
  base: StageBase;
  /** FROM --platform after expansion, or null. */
  platform: string | null;
  dependencies: StageDependency[];
}

/** Planner inputs. */
export interface PlanOptions {
  /** `--target`: a stage name; default the last stage. */
  target?: string;
  /** `--build-arg` values. */
  buildArgs?: Readonly<Record<string, string>>;
  /** Target platform (default linux/amd64). */
  platform?: Platform;
  /** Build platform (default: same as target). */
  buildPlatform?: Platform;
}

/** The plan of a build. */
export interface BuildPlan {
  stages: PlannedStage[];
  /** Index of the target stage. */
  target: number;
  /** Stages the target needs, dependencies before dependants; the others are skipped. */
  needed: number[];
  /** The global ARG scope (platform ARGs + ARGs before the first FROM). */
  globalArgs: Map<string, string>;
  /** Build-args given but not consumed (proxy ARGs never count). */
  unusedBuildArgs: string[];
  /** Docker's warning lines, e.g. `[Warning] One or more build-args [X] were not consumed`. */
  warnings: string[];
}

const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

/** Plans a build of a parsed Dockerfile. Throws DockerfileError with Docker's messages. */
export function planStages(df: Dockerfile, opts: PlanOptions = {}): BuildPlan {
  const fail = (msg: string, line = 0, endLine = line): never => {
    throw new DockerfileError(msg, df.fileName, line, endLine);
  };
  if (df.stages.length === 0) fail('dockerfile contains no stages to build');
  const buildArgs = opts.buildArgs ?? {};
  const platform = opts.platform ?? DEFAULT_PLATFORM;
  const targetName = opts.target ?? df.stages[df.stages.length - 1].name ?? '';
  const globalArgs = resolveGlobalArgs(
    df.metaArgs, buildArgs, platformArgs(opts.buildPlatform ?? platform, platform, targetName), df.escapeToken,
  );
  const byName = new Map<string, number>();
  for (const s of df.stages) if (s.name) byName.set(s.name, s.index);

  const stages: PlannedStage[] = df.stages.map((stage) => {
    const from = stage.from;
    const lineErr = (err: unknown): never => {
      if (err instanceof BuildSyntaxError) fail(err.message, from.startLine, from.endLine);
      throw err;
    };
    let baseName = '';
    try {
      baseName = expand(from.image, globalArgs, { escapeToken: df.escapeToken });
    } catch (err) {
      lineErr(err);
    }
    if (baseName === '') fail(`base name (${from.image}) should not be blank`, from.startLine, from.endLine);
    let platformValue: string | null = null;
    if (from.platform !== null) {
      try {
        platformValue = expandWithMatches(from.platform, globalArgs, { escapeToken: df.escapeToken }).value;
      } catch (err) {
        lineErr(err);
      }
      if (platformValue === '') fail(`empty platform value from expression ${from.platform}`, from.startLine, from.endLine);
    }
    // FROM refers to a stage only when the name was defined by an EARLIER stage.
    const earlier = byName.get(baseName);
    const base: StageBase = earlier !== undefined && earlier < stage.index
      ? { kind: 'stage', index: earlier }
      : baseName === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref: baseName };
    const dependencies: StageDependency[] = [];
    if (base.kind === 'stage') dependencies.push({ stage: base.index, image: null, line: from.startLine, via: 'FROM' });
    for (const instr of stage.instructions) dependencies.push(...instructionDependencies(instr, df, byName, fail));
    return {
      index: stage.index,
      displayName: stage.name ?? `stage-${stage.index}`,
      stage,
      baseName,
      base,
      platform: platformValue,
      dependencies,
    };
  });

  checkCycles(stages, fail);

  let target = stages.length - 1;
  if (opts.target !== undefined) {
    const found = byName.get(opts.target.toLowerCase());
    if (found === undefined) {
      const names = stages.filter((s) => s.stage.name).map((s) => s.stage.name!);
      fail(withSuggestion(`target stage ${JSON.stringify(opts.target)} could not be found`, opts.target, names, true));
    }
    target = found!;
  }

  const needed = buildOrder(stages, target);
  const consumed = new Set<string>();
  for (const m of df.metaArgs) for (const a of m.args) consumed.add(a.key);
  for (const i of needed) {
    for (const instr of stages[i].stage.instructions) if (instr.kind === 'ARG') for (const a of instr.args) consumed.add(a.key);
  }
  const unusedBuildArgs = Object.keys(buildArgs).filter((k) => !consumed.has(k) && !isProxyArg(k)).sort();
  const warnings = unusedBuildArgs.length ? [`[Warning] One or more build-args [${unusedBuildArgs.join(' ')}] were not consumed`] : [];
  return { stages, target, needed, globalArgs, unusedBuildArgs, warnings };
}

function instructionDependencies(
  instr: Instruction, df: Dockerfile, byName: Map<string, number>, fail: (m: string, l?: number, e?: number) => never,
): StageDependency[] {
  const deps: StageDependency[] = [];
  if (instr.kind === 'COPY' && instr.from !== null) {
    const from = instr.from;
    let plain = from;
    try {
      plain = expand(from, new Map());
    } catch {
      plain = '';
    }
    if (plain !== from) {
      fail('variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround', instr.startLine, instr.endLine);
    }
    if (/^[+-]?\d+$/.test(from)) {
      const index = Number.parseInt(from, 10);
      if (index < 0 || index >= df.stages.length) fail(`invalid stage index ${index}`, instr.startLine, instr.endLine);
      deps.push({ stage: index, image: null, line: instr.startLine, via: 'COPY --from' });
    } else {
      const index = byName.get(from.toLowerCase());
      deps.push({ stage: index ?? null, image: index === undefined ? from : null, line: instr.startLine, via: 'COPY --from' });
    }
  }
  if (instr.kind === 'RUN') {
    for (const m of instr.mounts) {
      const from = m.fields.from;
      if (!from) continue;
      const index = byName.get(from.toLowerCase());
      deps.push({ stage: index ?? null, image: index === undefined ? from : null, line: instr.startLine, via: 'RUN --mount' });
    }
  }
  return deps;
}

function checkCycles(stages: PlannedStage[], fail: (m: string, l?: number, e?: number) => never): void {
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number): StageDependency | null => {
    if (state.get(i) === 'done') return null;
    state.set(i, 'visiting');
    for (const dep of stages[i].dependencies) {
      if (dep.stage === null) continue;
      if (state.get(dep.stage) === 'visiting') return dep;
      const found = visit(dep.stage);
      if (found) return found;
    }
    state.set(i, 'done');
    return null;
  };
  for (const s of stages) {
    const dep = visit(s.index);
    if (dep) fail(`circular dependency detected on stage: ${s.displayName}`, dep.line);
  }
}

/** The target and everything it reaches, dependencies first (ties in file order). */
function buildOrder(stages: PlannedStage[], target: number): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  const visit = (i: number): void => {
    if (seen.has(i)) return;
    seen.add(i);
    const deps = [...new Set(stages[i].dependencies.map((d) => d.stage).filter((d): d is number => d !== null))].sort((a, b) => a - b);
    for (const d of deps) visit(d);
    order.push(i);
  };
  visit(target);
  return order;
}

