// The classic (legacy) builder: runs a planned Dockerfile step by step like Docker 20-28's
// `DOCKER_BUILDKIT=0 docker build` — one image per step, RUN through the BuildExecutor, COPY/ADD
// and WORKDIR computed on TreeEntry data, metadata steps as config changes, the step cache, ONBUILD
// triggers, and the classic progress texts (`Step 1/7 : FROM busybox`, ` ---> Using cache`).
import { randomBytes } from 'node:crypto';
import {
  applyLayer, familiarString, overlayToOci, parseReference, withDefaultTag,
  type ContainerConfig, type DiffID, type HistoryEntry, type ImageConfigInput, type LayerTree,
} from '../../image/index.js';
import { isProxyArg, resolveArgs } from '../build-args.js';
import { DockerfileError, BuildSyntaxError } from '../errors.js';
import { expand, expandHeredoc } from '../expand.js';
import { expandInstruction } from '../expand-instruction.js';
import type { Dockerfile, Instruction, CopyInstruction, AddInstruction, RunInstruction, ArgInstruction } from '../instructions/types.js';
import { runHeredocCommand } from '../instructions/run.js';
import { parse } from '../parse.js';
import type { BuildPlan, PlannedStage } from '../stages.js';
import { BuildCache, type CacheProbe } from './build-cache.js';
import type { BuildContext } from './build-context.js';
import { BuildFailure, short, type BuildMessage } from './build-messages.js';
import type { BuildOptions, BuilderDeps, StepReport } from './build-options.js';
import { resolveOwner } from './chown-spec.js';
import { computeCopy } from './copy-layer.js';
import { METADATA_KINDS, metadataEffect } from './metadata-step.js';
import { argEnv, cloneConfig, expansionEnv, shellOf, type StageState } from './stage-state.js';

const BUILDKIT_ONLY = (flag: string) => `the --${flag} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled`;

/** What a step hands to commit(). */
interface StepChange {
  createdBy: string;
  config: ContainerConfig;
  author?: string;
  /** OCI-form layer entries; null or empty: no layer (empty_layer). */
  entries: import('../../abi/tree-entry.js').TreeEntry[] | null;
}

/** One run of the classic builder. Create, then call run(); messages go to `emit`. */
export class ClassicBuild {
  readonly steps: StepReport[] = [];
  private readonly cache: BuildCache;
  private readonly now: () => Date;
  private readonly stageImages = new Map<number, StageState>();
  private readonly trees = new Map<string, LayerTree>();
  private stepNo = 0;
  private total = 0;
  private stageName = '';
  private current = '';

  constructor(
    private readonly deps: BuilderDeps,
    private readonly opts: BuildOptions,
    private readonly df: Dockerfile,
    private readonly plan: BuildPlan,
    private readonly context: BuildContext,
    private readonly buildArgs: Record<string, string>,
    private readonly emit: (m: BuildMessage) => void,
  ) {
    this.cache = deps.cache ?? new BuildCache(null);
    this.now = deps.now ?? (() => new Date());
  }

  private out(text: string): void {
    if (!this.opts.quiet) this.emit({ stream: text });
  }

  private newContainerId(): string {
    return this.deps.newContainerId?.() ?? randomBytes(32).toString('hex');
  }

  /** Runs every needed stage; returns the target stage's final state. */
  async run(): Promise<StageState> {
    const labels = Object.entries(this.opts.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.total = this.df.metaArgs.length + labels.length
      + this.plan.needed.reduce((n, i) => n + 1 + this.plan.stages[i].stage.instructions.length, 0);
    for (const m of this.df.metaArgs) this.printStep(m.code);
    let last: StageState | null = null;
    for (const index of this.plan.needed) {
      const planned = this.plan.stages[index];
      this.stageName = planned.displayName;
      let state = await this.fromStep(planned);
      for (const raw of planned.stage.instructions) {
        this.checkCancel();
        this.printStep(raw.code);
        state = await this.step(state, raw);
        this.out(` ---> ${short(state.imageId ?? '')}\n`);
      }
      if (index === this.plan.target) {
        for (const [k, v] of labels) {
          const code = `LABEL ${k}=${v}`;
          this.printStep(code);
          const label: Instruction = {
            kind: 'LABEL', keyword: 'LABEL', code, startLine: 0, endLine: 0, labels: [{ key: k, value: v, noDelim: false }],
          };
          state = await this.step(state, label);
          this.out(` ---> ${short(state.imageId ?? '')}\n`);
        }
      }
      if (state.imageId === null) state = await this.commitScratch(state);
      this.stageImages.set(index, state);
      if (!this.opts.quiet) this.emit({ aux: { ID: state.imageId! } });
      last = state;
    }
    return last!;
  }

  private printStep(code: string): void {
    this.current = code;
    this.stepNo++;
    this.out(`Step ${this.stepNo}/${this.total} : ${code}`);
    this.out('\n');
  }

  private checkCancel(): void {
    if (this.opts.signal?.aborted) throw new BuildFailure('build cancelled');
  }

  private report(cached: boolean | null, reason: string, imageId: string | null): void {
    this.steps.push({ step: this.stepNo, stage: this.stageName, instruction: this.current, cached, reason, imageId });
  }

  // ---- FROM --------------------------------------------------------------------------------

  private async fromStep(planned: PlannedStage): Promise<StageState> {
    this.printStep(planned.stage.from.code);
    let state: StageState;
    if (planned.base.kind === 'stage') {
      const built = this.stageImages.get(planned.base.index)!;
      state = { ...built, args: new Map(), cmdSet: false, fresh: built.fresh };
    } else if (planned.base.kind === 'scratch') {
      state = {
        imageId: null, config: {}, author: undefined, architecture: 'amd64', os: 'linux', variant: undefined,
        history: [], layers: [], tree: new Map(), args: new Map(), cmdSet: false, fresh: false,
      };
    } else {
      const id = await this.deps.resolveBaseImage(planned.base.ref, { pull: this.opts.pull ?? false, platform: planned.platform });
      state = await this.stateOf(id, { args: new Map(), cmdSet: false, fresh: false });
    }
    this.report(null, `base ${planned.base.kind === 'image' ? planned.base.ref : planned.base.kind === 'stage' ? `stage ${planned.base.index}` : 'scratch'}`, state.imageId);
    const triggers = state.config.OnBuild ?? [];
    if (triggers.length > 0) {
      this.out(`# Executing ${triggers.length} build trigger`);
      if (triggers.length !== 1) this.out('s');
      this.out('\n');
      state = { ...state, config: { ...cloneConfig(state.config), OnBuild: null } };
      for (const text of triggers) {
        this.checkCancel();
        const instr = this.parseTrigger(text, planned);
        state = await this.step(state, instr);
      }
    }
    this.out(` ---> ${state.imageId ? short(state.imageId) : ''}\n`);
    return state;
  }

  private parseTrigger(text: string, planned: PlannedStage): Instruction {
    let parsed: Dockerfile;
    try {
      parsed = parse(`FROM scratch\n${text}\n`, this.df.fileName);
    } catch (err) {
      const detail = err instanceof DockerfileError ? err.detail : (err as Error).message;
      throw new DockerfileError(`invalid ONBUILD trigger ${JSON.stringify(text)}: ${detail}`, this.df.fileName, planned.stage.from.startLine);
    }
    const instr = parsed.stages[0]?.instructions[0];
    if (!instr) throw new DockerfileError(`invalid ONBUILD trigger ${JSON.stringify(text)}`, this.df.fileName, planned.stage.from.startLine);
    return { ...instr, startLine: planned.stage.from.startLine, endLine: planned.stage.from.endLine };
  }

  /** The state of a stored image. */
  private async stateOf(id: string, keep: Pick<StageState, 'args' | 'cmdSet' | 'fresh'>): Promise<StageState> {
    const d = await this.deps.store.inspect(id);
    return {
      imageId: d.id,
      config: cloneConfig(d.containerConfig),
      author: d.author || undefined,
      architecture: d.architecture,
      os: d.os,
      variant: d.variant,
      history: [...(d.config.history ?? [])],
      layers: [...d.layers],
      tree: this.trees.get(d.id) ?? null,
      ...keep,
    };
  }

  // ---- one step ----------------------------------------------------------------------------

  private fail(err: unknown, instr: Instruction): never {
    if (err instanceof BuildSyntaxError) throw new DockerfileError(err.message, this.df.fileName, instr.startLine, instr.endLine);
    throw err;
  }

  private async step(state: StageState, raw: Instruction): Promise<StageState> {
    let instr: Instruction;
    try {
      instr = raw.kind === 'ARG' ? raw : expandInstruction(raw, expansionEnv(state), this.df.escapeToken).instruction;
    } catch (err) {
      this.fail(err, raw);
    }
    try {
      switch (instr.kind) {
        case 'ARG': return await this.argStep(state, instr);
        case 'RUN': return await this.runStep(state, instr);
        case 'COPY': case 'ADD': return await this.copyStep(state, instr);
        case 'WORKDIR': return await this.workdirStep(state, instr.path);
        default: {
          if (!METADATA_KINDS.has(instr.kind)) throw new BuildFailure(`unsupported instruction ${instr.kind}`);
          const effect = metadataEffect(state, instr);
          if (effect.note) this.out(effect.note);
          const next = await this.commitStep(state, {
            createdBy: this.nop({ ...state, config: effect.config }, effect.comment), config: effect.config, author: effect.author ?? state.author, entries: null,
          }, '', true);
          return { ...next, cmdSet: effect.cmdSet ?? state.cmdSet };
        }
      }
    } catch (err) {
      this.fail(err, raw);
    }
  }

  private nop(state: StageState, comment: string, spaces = '  '): string {
    return `${shellOf(state).join(' ')} #(nop)${spaces}${comment}`;
  }

  private async argStep(state: StageState, instr: ArgInstruction): Promise<StageState> {
    const env = expansionEnv(state);
    const resolved = resolveArgs(instr, { buildArgs: this.buildArgs, globalArgs: this.plan.globalArgs, env, escapeToken: this.df.escapeToken });
    const comment = 'ARG ' + instr.args.map((a) => (a.value === null ? a.key : `${a.key}=${expand(a.value, env, { escapeToken: this.df.escapeToken })}`)).join(' ');
    const args = new Map(state.args);
    for (const r of resolved) args.set(r.key, r.value);
    const next = await this.commitStep({ ...state, args }, {
      createdBy: this.nop(state, comment), config: state.config, author: state.author, entries: null,
    }, '', true);
    return next;
  }

  private async workdirStep(state: StageState, path: string): Promise<StageState> {
    const joined = path.startsWith('/') ? path : `${state.config.WorkingDir || '/'}/${path}`;
    const parts: string[] = [];
    for (const p of joined.split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    const workdir = '/' + parts.join('/');
    const config = { ...cloneConfig(state.config), WorkingDir: workdir };
    const createdBy = this.nop(state, `WORKDIR ${workdir}`, ' ');
    return this.commitStep(state, { createdBy, config, author: state.author, entries: null }, '', true, async () => {
      const tree = await this.treeOf(state);
      const nowMs = this.now().getTime();
      const entries = [];
      let missing = false;
      for (let i = 1; i <= parts.length; i++) {
        const p = parts.slice(0, i).join('/');
        const e = tree.get(p);
        if (e?.type === 'symlink') break; // resolved through the link: nothing to create here
        if (e && !missing) {
          if (i < parts.length && !tree.has(parts.slice(0, i + 1).join('/'))) entries.push({ ...e, mtimeMs: nowMs });
          continue;
        }
        missing = true;
        entries.push({ path: p, type: 'dir' as const, mode: 0o755, uid: 0, gid: 0, mtimeMs: nowMs });
      }
      return missing ? entries : null;
    });
  }

  private async runStep(state: StageState, instr: RunInstruction): Promise<StageState> {
    if (instr.mounts.length > 0) throw new BuildFailure(BUILDKIT_ONLY('mount'));
    if (instr.security !== null) throw new BuildFailure(BUILDKIT_ONLY('security'));
    if (instr.devices.length > 0) throw new BuildFailure(BUILDKIT_ONLY('device'));
    const { command, script } = runHeredocCommand(instr);
    const shell = shellOf(state);
    const cmd = instr.form === 'exec' ? [...command] : [...shell, ...command];
    const declared = argEnv(state);
    const createdBy = (declared.length > 0 ? [`|${declared.length}`, ...declared, ...cmd] : cmd).join(' ');
    const files = script
      ? [{ path: `dev/pipes/${script.name}`, type: 'file' as const, mode: 0o755, uid: 0, gid: 0, mtimeMs: this.now().getTime(), data: new TextEncoder().encode(script.data) }]
      : [];
    return this.commitStep(state, { createdBy, config: state.config, author: state.author, entries: null }, '', false, async () => {
      const proxies = Object.entries(this.buildArgs).filter(([k]) => isProxyArg(k) && !state.args.has(k)).map(([k, v]) => `${k}=${v}`);
      const env = [...(state.config.Env ?? []), ...declared, ...proxies];
      const stdout = new TextDecoder();
      const stderr = new TextDecoder();
      let containerId = '';
      const result = await this.deps.executor.run({
        imageId: state.imageId,
        layers: state.layers,
        cmd,
        env,
        user: state.config.User ?? '',
        workdir: state.config.WorkingDir ?? '',
        network: instr.network,
        files,
        started: (id) => {
          containerId = id;
          this.out(` ---> Running in ${short(id)}\n`);
        },
        output: (chunk) => {
          const text = stdout.decode(chunk, { stream: true });
          if (text) this.out(text);
        },
        stderr: (chunk) => {
          const text = stderr.decode(chunk, { stream: true });
          if (text) this.out(`\u001b[91m${text}\u001b[0m`);
        },
        signal: this.opts.signal ?? new AbortController().signal,
      });
      if (result.exitCode !== 0) throw new BuildFailure(`The command '${cmd.join(' ')}' returned a non-zero code: ${result.exitCode}`, result.exitCode);
      if (containerId) this.out(`Removing intermediate container ${short(containerId)}\n`);
      return result.changes.length > 0 ? overlayToOci(result.changes) : null;
    });
  }

  private async copyStep(state: StageState, instr: CopyInstruction | AddInstruction): Promise<StageState> {
    if (instr.link) throw new BuildFailure(BUILDKIT_ONLY('link'));
    if (instr.exclude.length > 0) throw new BuildFailure(BUILDKIT_ONLY('exclude'));
    if (instr.kind === 'COPY' && instr.parents) throw new BuildFailure(BUILDKIT_ONLY('parents'));
    if (instr.kind === 'ADD' && (instr.checksum !== null || instr.keepGitDir !== null)) throw new BuildFailure(BUILDKIT_ONLY(instr.checksum !== null ? 'checksum' : 'keep-git-dir'));
    for (const s of instr.sources) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
        if (instr.kind === 'COPY') throw new BuildFailure('COPY failed: source can\'t be a URL for COPY');
        throw new BuildFailure(`ADD failed: cannot download ${s}: skiff builds have no network access (copy the file into the build context instead)`);
      }
    }
    const from = instr.kind === 'COPY' ? instr.from : null;
    const source = from === null ? this.context.files : await this.copySource(from);
    const target = await this.treeOf(state);
    const owner = instr.chown ? resolveOwner(instr.chown, target) : null;
    let mode: number | null = null;
    if (instr.chmod !== null) {
      if (!/^[0-7]{1,4}$/.test(instr.chmod)) throw new BuildFailure(`invalid chmod parameter: ${instr.chmod}`);
      mode = parseInt(instr.chmod, 8);
    }
    const env = expansionEnv(state);
    const inline = instr.inlineSources.map((d) => ({ path: d.path, data: d.expand ? expandHeredoc(d.data, env) : d.data }));
    const copy = await computeCopy({
      kind: instr.kind, source, fromContext: from === null, sources: instr.sources, inline, dest: instr.dest,
      workdir: state.config.WorkingDir ?? '', target, owner, mode, nowMs: this.now().getTime(),
    });
    const flags = (instr.chown ? `--chown=${instr.chown}` : '') + (instr.chmod ? `--chmod=${instr.chmod}` : '');
    const createdBy = this.nop(state, `${instr.kind} ${flags}${copy.sourceKind}:${copy.checksum} in ${copy.destText} `, ' ');
    return this.commitStep(state, { createdBy, config: state.config, author: state.author, entries: copy.entries }, copy.checksum, false);
  }

  private async copySource(from: string): Promise<LayerTree> {
    const byIndex = /^\d+$/.test(from) ? Number(from) : this.plan.stages.find((s) => s.stage.name === from.toLowerCase())?.index;
    if (byIndex !== undefined) {
      const built = this.stageImages.get(byIndex);
      if (!built) throw new BuildFailure(`invalid from flag value ${from}: stage ${byIndex} is not built before this step`);
      return this.treeOf(built);
    }
    let id: string;
    try {
      id = await this.deps.resolveBaseImage(from, { pull: this.opts.pull ?? false, platform: null });
    } catch (err) {
      throw new BuildFailure(`invalid from flag value ${from}: ${(err as Error).message}`);
    }
    return this.treeOf(await this.stateOf(id, { args: new Map(), cmdSet: false, fresh: false }));
  }

  // ---- images and the cache ------------------------------------------------------------------

  /** The flattened filesystem of a state (computed once per image). */
  private async treeOf(state: StageState): Promise<LayerTree> {
    if (state.tree) return state.tree;
    if (state.imageId && this.trees.has(state.imageId)) return this.trees.get(state.imageId)!;
    const tree: LayerTree = new Map();
    for (const l of state.layers) applyLayer(tree, await this.deps.store.layerEntries(l));
    if (state.imageId) this.trees.set(state.imageId, tree);
    return tree;
  }

  /**
   * Commits one step: a cache hit reuses the image; otherwise `produce` (RUN, WORKDIR) makes the
   * layer entries, or `change.entries` are used (COPY), and a new image is stored and cached.
   * `container`: print Docker's Running in / Removing lines for a step it runs no command for.
   */
  private async commitStep(
    state: StageState, change: StepChange, checksum: string, container: boolean,
    produce?: () => Promise<StepChange['entries']>,
  ): Promise<StageState> {
    // The checksum is a separate part of the key, so a content change can be told apart.
    const instruction = checksum ? change.createdBy.split(checksum).join('<checksum>') : change.createdBy;
    const probe: CacheProbe = { parentId: state.imageId ?? '', instruction, checksum };
    if (!this.opts.noCache) {
      const answer = await this.cache.lookup(probe, (id) => this.deps.store.resolve(id).then(() => true, () => false));
      if (answer.imageId) {
        if (this.opts.explain) this.out(` ---> Cache hit: ${answer.reason}\n`);
        this.out(' ---> Using cache\n');
        const next = await this.stateOf(answer.imageId, { args: state.args, cmdSet: state.cmdSet, fresh: false });
        this.report(true, answer.reason, next.imageId);
        return next;
      }
      const reason = state.fresh ? `the previous step was rebuilt (new parent ${short(state.imageId ?? '')})` : answer.reason;
      if (this.opts.explain) this.out(` ---> Cache miss: ${reason}\n`);
      this.report(false, reason, null);
    } else {
      if (this.opts.explain) this.out(' ---> Cache miss: --no-cache was given\n');
      this.report(false, '--no-cache was given', null);
    }
    const containerId = container ? this.newContainerId() : '';
    if (containerId) this.out(` ---> Running in ${short(containerId)}\n`);
    const entries = produce ? await produce() : change.entries;
    if (containerId) this.out(`Removing intermediate container ${short(containerId)}\n`);
    const next = await this.store(state, change, entries);
    this.steps[this.steps.length - 1].imageId = next.imageId;
    await this.cache.store(probe, next.imageId!);
    return next;
  }

  private async store(state: StageState, change: StepChange, entries: StepChange['entries']): Promise<StageState> {
    const created = this.now().toISOString();
    const h: HistoryEntry = { created };
    if (change.author) h.author = change.author;
    h.created_by = change.createdBy;
    let layers: DiffID[] = state.layers;
    let tree = state.tree;
    if (entries && entries.length > 0) {
      const layer = await this.deps.store.putLayer(entries);
      layers = [...layers, layer.diffID];
      if (tree) {
        tree = new Map(tree);
        applyLayer(tree, entries);
      }
    } else {
      h.empty_layer = true;
    }
    const history = [...state.history, h];
    const config: ImageConfigInput = { created, architecture: state.architecture, os: state.os, config: change.config, history };
    if (change.author) config.author = change.author;
    if (state.variant) config.variant = state.variant;
    const id = await this.deps.store.putImage(config, layers, state.imageId ? { parent: state.imageId } : {});
    if (tree) this.trees.set(id, tree);
    return { ...state, imageId: id, config: change.config, author: change.author, history, layers, tree, fresh: true };
  }

  /** A stage of only `FROM scratch` still needs an image: an empty one. */
  private async commitScratch(state: StageState): Promise<StageState> {
    const id = await this.deps.store.putImage({ architecture: state.architecture, os: state.os, config: state.config, history: [] }, []);
    return { ...state, imageId: id };
  }
}

/** Docker's familiar form of a tag (`x` → `x:latest`). */
export function familiarTag(tag: string): string {
  return familiarString(withDefaultTag(parseReference(tag)));
}
