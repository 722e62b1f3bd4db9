// The legacy (classic) builder driven by src/build's parser and stage planner: one image per
// step, RUN in a real container whose filesystem difference becomes the layer, COPY/ADD from
// the context, a cache keyed by parent image + instruction (+ content checksum), and moby's
// progress texts ("Step 1/3 : FROM busybox", " ---> Using cache", "Successfully built ...").
import { Writable } from 'node:stream';
import { expandInstruction, parse, planStages, type Instruction, type PlannedStage } from '../../build/index.js';
import type { JSONMessage, ContainerConfig } from '../../api/index.js';
import { flattenLayers, type DiffID, type HistoryEntry } from '../../image/index.js';
import type { ContainerService } from '../container-service.js';
import { diffLayer } from '../container/filesystem.js';
import type { EngineContext } from '../engine-context.js';
import type { ImageService } from '../image-service.js';
import { rfc3339Nano } from '../util/time-format.js';
import { copyEntries, readContext, type BuildContext } from './build-context.js';

/** Query options of POST /build, decoded by the daemon. */
export interface BuildOptions {
  tags: string[];
  dockerfile: string;
  buildArgs: Record<string, string | null>;
  labels: Record<string, string>;
  target?: string;
  noCache: boolean;
  pull: boolean;
  quiet: boolean;
  rm: boolean;
  forceRm: boolean;
  networkMode?: string;
  platform?: string;
  memory?: number;
  cpuShares?: number;
  cacheFrom: string[];
  extraHosts?: string;
  shmSize?: number;
}

/** What the builder drives. */
export interface BuilderDeps {
  ctx: EngineContext;
  containers: ContainerService;
  images: ImageService;
}

/** The image a stage has built so far. */
interface StageState {
  id: string;
  config: ContainerConfig;
  history: HistoryEntry[];
  layers: DiffID[];
  args: Map<string, string>;
  shell: string[];
}

/** Build cache: parent ID + step text (+ checksum) → image ID (kept for the engine's life). */
const caches = new WeakMap<EngineContext, Map<string, string>>();

class BuildFailure extends Error {
  constructor(message: string, readonly code = 1) { super(message); }
}

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** Runs a build, emitting progress messages; throws BuildFailure (message, code) on failure. */
export async function runClassicBuild(deps: BuilderDeps, contextTar: Uint8Array, options: BuildOptions, emit: (m: JSONMessage) => void, signal: AbortSignal): Promise<void> {
  const { ctx, images } = deps;
  const cache = caches.get(ctx) ?? new Map<string, string>();
  caches.set(ctx, cache);
  const context = await readContext(contextTar);
  const dfName = options.dockerfile || 'Dockerfile';
  const dfEntry = context.get(dfName.replace(/^\.\//, '')) ?? (dfName === 'Dockerfile' ? context.get('Containerfile') : undefined);
  if (!dfEntry?.data) throw new BuildFailure(`Cannot locate specified Dockerfile: ${dfName}`);
  const df = parse(new TextDecoder().decode(dfEntry.data), dfName);
  const buildArgs = Object.fromEntries(Object.entries(options.buildArgs).filter(([, v]) => v !== null)) as Record<string, string>;
  let plan;
  try {
    plan = planStages(df, { target: options.target, buildArgs });
  } catch (e) {
    throw new BuildFailure((e as Error).message);
  }
  const stages = plan.needed.map((i) => plan.stages[i]);
  const total = stages.reduce((n, s) => n + 1 + s.stage.instructions.length, 0);
  let step = 0;
  const results = new Map<number, StageState>();
  for (const stage of stages) {
    emit({ stream: `Step ${++step}/${total} : ${stage.stage.from.code}\n` });
    let state = await baseState(deps, stage, results);
    emit({ stream: ` ---> ${state.id ? short(state.id) : 'scratch'}\n` });
    for (const raw of stage.stage.instructions) {
      if (signal.aborted) throw new BuildFailure('build cancelled');
      emit({ stream: `Step ${++step}/${total} : ${raw.code}\n` });
      const env = new Map<string, string>([...state.args, ...(state.config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] as [string, string])]);
      const instr = expandInstruction(raw, env, df.escapeToken).instruction;
      state = await runStep(deps, state, instr, context, results, { cache, emit, noCache: options.noCache, buildArgs });
    }
    results.set(stage.index, state);
  }
  const final = results.get(plan.target)!;
  let id = final.id;
  if (!id || Object.keys(options.labels).length > 0) {
    const config = { ...final.config, Labels: { ...(final.config.Labels ?? {}), ...options.labels } };
    id = await images.putImageFor(final.id, config, final.history, final.layers);
  }
  emit({ aux: { ID: id } });
  emit({ stream: `Successfully built ${short(id)}\n` });
  for (const t of options.tags) {
    const tag = /:[^/]+$/.test(t) ? t : `${t}:latest`;
    await ctx.images.tag(id, tag);
    emit({ stream: `Successfully tagged ${tag}\n` });
  }
}

async function baseState(deps: BuilderDeps, stage: PlannedStage, results: Map<number, StageState>): Promise<StageState> {
  const args = new Map<string, string>();
  if (stage.base.kind === 'stage') return { ...results.get(stage.base.index)!, args };
  if (stage.base.kind === 'scratch') return { id: '', config: {}, history: [], layers: [], args, shell: ['/bin/sh', '-c'] };
  const id = await deps.images.ensureImage(stage.base.ref);
  if (!id) throw new BuildFailure(`pull access denied for ${stage.base.ref}, repository does not exist or may require 'docker login'`);
  const d = await deps.ctx.images.inspect(id);
  return { id, config: { ...(d.containerConfig as ContainerConfig) }, history: [...(d.config.history ?? [])], layers: [...d.layers], args, shell: (d.containerConfig.Shell as string[] | undefined) ?? ['/bin/sh', '-c'] };
}

interface StepTools {
  cache: Map<string, string>;
  emit: (m: JSONMessage) => void;
  noCache: boolean;
  buildArgs: Record<string, string>;
}

/** Commits a step (or reuses the cache) and returns the new state. */
async function commit(deps: BuilderDeps, state: StageState, createdBy: string, tools: StepTools, make: () => Promise<{ config: ContainerConfig; layer?: DiffID }>, checksum = ''): Promise<StageState> {
  const key = `${state.id}\n${createdBy}\n${checksum}`;
  const hit = tools.noCache ? undefined : tools.cache.get(key);
  if (hit) {
    try {
      const d = await deps.ctx.images.inspect(hit);
      tools.emit({ stream: ' ---> Using cache\n' });
      tools.emit({ stream: ` ---> ${short(hit)}\n` });
      return { ...state, id: hit, config: d.containerConfig as ContainerConfig, history: [...(d.config.history ?? [])], layers: [...d.layers] };
    } catch {
      tools.cache.delete(key);
    }
  }
  const { config, layer } = await make();
  const h: HistoryEntry = { created: rfc3339Nano(await deps.ctx.now()), created_by: createdBy };
  if (!layer) h.empty_layer = true;
  const history = [...state.history, h];
  const layers = layer ? [...state.layers, layer] : state.layers;
  const id = await deps.images.putImageFor(state.id, config, history, layers);
  tools.cache.set(key, id);
  tools.emit({ stream: ` ---> ${short(id)}\n` });
  return { ...state, id, config, history, layers };
}

async function runStep(deps: BuilderDeps, state: StageState, instr: Instruction, context: BuildContext, results: Map<number, StageState>, tools: StepTools): Promise<StageState> {
  const nop = (text: string) => `/bin/sh -c #(nop)  ${text}`;
  const meta = (text: string, change: (c: ContainerConfig) => void) =>
    commit(deps, state, nop(text), tools, async () => {
      const c: ContainerConfig = JSON.parse(JSON.stringify(state.config));
      change(c);
      return { config: c };
    });
  const cmdText = (kind: string, form: string, command: string[] | null) => `${kind} ${form === 'exec' ? JSON.stringify(command ?? []) : JSON.stringify([...state.shell, ...(command ?? [])])}`;
  switch (instr.kind) {
    case 'ENV':
      return meta(`ENV ${instr.pairs.map((p) => `${p.key}=${p.value}`).join(' ')}`, (c) => {
        let env = c.Env ?? [];
        for (const p of instr.pairs) env = [...env.filter((e) => !e.startsWith(`${p.key}=`)), `${p.key}=${p.value}`];
        c.Env = env;
      });
    case 'LABEL':
      return meta(`LABEL ${instr.labels.map((p) => `${p.key}=${p.value}`).join(' ')}`, (c) => {
        c.Labels = { ...(c.Labels ?? {}), ...Object.fromEntries(instr.labels.map((p) => [p.key, p.value])) };
      });
    case 'WORKDIR':
      return meta(`WORKDIR ${instr.path}`, (c) => {
        c.WorkingDir = instr.path.startsWith('/') ? instr.path : `${(c.WorkingDir || '/').replace(/\/$/, '')}/${instr.path}`;
      });
    case 'USER': return meta(`USER ${instr.user}`, (c) => { c.User = instr.user; });
    case 'CMD': return meta(cmdText('CMD', instr.form, instr.command), (c) => { c.Cmd = instr.form === 'exec' ? instr.command : [...state.shell, ...instr.command]; });
    case 'ENTRYPOINT':
      return meta(cmdText('ENTRYPOINT', instr.form, instr.command), (c) => {
        c.Entrypoint = instr.command === null ? null : instr.form === 'exec' ? instr.command : [...state.shell, ...instr.command];
      });
    case 'EXPOSE':
      return meta(`EXPOSE ${instr.ports.join(' ')}`, (c) => {
        c.ExposedPorts = { ...(c.ExposedPorts ?? {}), ...Object.fromEntries(instr.ports.map((p) => [p.includes('/') ? p : `${p}/tcp`, {}])) };
      });
    case 'VOLUME':
      return meta(`VOLUME ${JSON.stringify(instr.volumes)}`, (c) => { c.Volumes = { ...(c.Volumes ?? {}), ...Object.fromEntries(instr.volumes.map((v) => [v, {}])) }; });
    case 'STOPSIGNAL': return meta(`STOPSIGNAL ${instr.signal}`, (c) => { c.StopSignal = instr.signal; });
    case 'SHELL': {
      const next = await meta(`SHELL ${JSON.stringify(instr.shell)}`, (c) => { c.Shell = instr.shell; });
      return { ...next, shell: instr.shell };
    }
    case 'MAINTAINER': return meta(`MAINTAINER ${instr.maintainer}`, () => undefined);
    case 'ONBUILD': return meta(`ONBUILD ${instr.expression}`, (c) => { c.OnBuild = [...(c.OnBuild ?? []), instr.expression]; });
    case 'HEALTHCHECK':
      return meta(`HEALTHCHECK ${JSON.stringify(instr.test)}`, (c) => {
        c.Healthcheck = { Test: instr.test, Interval: instr.interval, Timeout: instr.timeout, StartPeriod: instr.startPeriod, Retries: instr.retries };
      });
    case 'ARG': {
      const args = new Map(state.args);
      for (const a of instr.args) args.set(a.key, tools.buildArgs[a.key] ?? a.value ?? '');
      tools.emit({ stream: ` ---> ${state.id ? short(state.id) : 'scratch'}\n` });
      return { ...state, args };
    }
    case 'COPY': case 'ADD': {
      const from = instr.kind === 'COPY' && instr.from !== null ? instr.from : null;
      let source = context;
      if (from !== null) {
        const idx = /^\d+$/.test(from) ? Number(from) : [...results.keys()].find((k) => results.get(k) && k === Number(from));
        const st = idx !== undefined ? results.get(idx) : undefined;
        if (!st) throw new BuildFailure(`COPY --from=${from}: only earlier stage indexes are supported by skiff's classic builder`);
        source = await imageContext(deps, st.id);
      }
      const [uid, gid] = (instr.chown ?? '').split(':').map((x) => (x === '' || x === undefined ? undefined : Number(x)));
      const { entries, checksum } = copyEntries(source, instr.sources, instr.dest, state.config.WorkingDir || '/', {
        uid: Number.isInteger(uid) ? uid : undefined, gid: Number.isInteger(gid ?? uid) ? (gid ?? uid) : undefined,
        mode: instr.chmod ? parseInt(instr.chmod, 8) : undefined, mtimeMs: 0,
      });
      return commit(deps, state, `/bin/sh -c #(nop) ${instr.kind} ${from !== null ? 'from' : 'file'}:${checksum} in ${instr.dest} `, tools, async () => {
        const layer = await deps.ctx.images.putLayer(entries);
        return { config: state.config, layer: layer.diffID };
      }, checksum);
    }
    case 'RUN': {
      const argv = instr.form === 'exec' ? instr.command : [...state.shell, ...instr.command];
      const createdBy = instr.form === 'exec' ? `|0 ${instr.command.join(' ')}` : `${state.shell.join(' ')} ${instr.command.join(' ')}`;
      return commit(deps, state, createdBy, tools, async () => ({ config: state.config, layer: await runInContainer(deps, state, argv, createdBy, tools) }));
    }
  }
}

/** RUN: a container from the current image; its changes become the layer. */
async function runInContainer(deps: BuilderDeps, state: StageState, argv: string[], createdBy: string, tools: StepTools): Promise<DiffID> {
  const { containers, ctx } = deps;
  const env = [...(state.config.Env ?? []), ...[...state.args].map(([k, v]) => `${k}=${v}`)];
  const { Id } = await containers.containerCreate({ config: { Image: state.id, Cmd: argv, Entrypoint: [], Env: env, User: state.config.User, WorkingDir: state.config.WorkingDir } });
  tools.emit({ stream: ` ---> Running in ${Id.slice(0, 12)}\n` });
  try {
    const session = await containers.containerAttach(Id, { stream: true, stdin: false, stdout: true, stderr: true, logs: false });
    const sink = new Writable({ write(chunk, _e, cb) { tools.emit({ stream: Buffer.from(chunk).toString('utf8') }); cb(); } });
    const ac = new AbortController();
    const wait = await containers.containerWait(Id, 'next-exit', ac.signal);
    const attached = session.run({ stdin: null, stdout: sink, stderr: sink }, ac.signal);
    try {
      await containers.containerStart(Id, {});
    } catch (e) {
      ac.abort();
      throw new BuildFailure((e as Error).message, 127);
    }
    await attached;
    const code = (await wait.result).StatusCode;
    const shown = createdBy.startsWith('|0 ') ? createdBy.slice(3) : createdBy;
    if (code !== 0) throw new BuildFailure(`The command '${shown}' returned a non-zero code: ${code}`, code);
    const rec = ctx.containers.get(Id);
    const layer = await ctx.images.putLayer(await diffLayer(ctx, rec));
    return layer.diffID;
  } finally {
    tools.emit({ stream: `Removing intermediate container ${Id.slice(0, 12)}\n` });
    await containers.containerRemove(Id, { force: true, removeVolumes: false, removeLink: false }).catch(() => undefined);
  }
}

/** An earlier stage's filesystem as a copy source. */
async function imageContext(deps: BuilderDeps, id: string): Promise<BuildContext> {
  const d = await deps.ctx.images.inspect(id);
  const layers = [];
  for (const l of d.layers) layers.push(await deps.ctx.images.layerEntries(l));
  return new Map(flattenLayers(layers).map((e) => [e.path, e]));
}
