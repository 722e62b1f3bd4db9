// The instructions that only change the image config (ENV, LABEL, ARG, USER, CMD, ENTRYPOINT,
// EXPOSE, VOLUME, STOPSIGNAL, HEALTHCHECK, SHELL, ONBUILD, MAINTAINER): the new config and the
// history comment Docker's classic builder records for each (`ENV A=b`, `CMD ["sh"]` in Go's %q).
import type { ContainerConfig, HealthConfig } from '../../image/index.js';
import type { Instruction } from '../instructions/types.js';
import { BuildFailure } from './build-messages.js';
import { goDuration, goList, goQuoteList, goQuoteRune } from './go-format.js';
import { cloneConfig, envKey, shellOf, type StageState } from './stage-state.js';

/** The effect of a metadata instruction. */
export interface MetadataEffect {
  /** The history comment after `#(nop)  `. */
  comment: string;
  config: ContainerConfig;
  author?: string;
  /** Values for ARG: key → value (null: declared without value). */
  args?: [string, string | null][];
  cmdSet?: boolean;
  /** A line to print before the step's container (Docker's HEALTHCHECK override note). */
  note?: string;
}

/** Kinds handled here. */
export const METADATA_KINDS: ReadonlySet<string> = new Set([
  'ENV', 'LABEL', 'USER', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'MAINTAINER',
]);

function exposedPorts(spec: string): string[] {
  const [ports, proto = 'tcp'] = spec.split('/', 2);
  const m = /^(\d+)(?:-(\d+))?$/.exec(ports);
  if (!m) throw new BuildFailure(`invalid containerPort: ${ports}`);
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (end < start) throw new BuildFailure(`invalid range specified for container port: ${ports}`);
  const out: string[] = [];
  for (let p = start; p <= end; p++) out.push(`${p}/${proto.toLowerCase()}`);
  return out;
}

/** Applies one metadata instruction (already expanded) to the state's config. */
export function metadataEffect(state: StageState, instr: Instruction): MetadataEffect {
  const config = cloneConfig(state.config);
  const shell = shellOf(state);
  switch (instr.kind) {
    case 'ENV': {
      const env = [...(config.Env ?? [])];
      for (const p of instr.pairs) {
        const kv = `${p.key}=${p.value}`;
        const i = env.findIndex((e) => envKey(e) === p.key);
        if (i >= 0) env[i] = kv;
        else env.push(kv);
      }
      config.Env = env;
      return { comment: `ENV ${instr.pairs.map((p) => `${p.key}=${p.value}`).join(' ')}`, config };
    }
    case 'LABEL':
      config.Labels = { ...(config.Labels ?? {}) };
      for (const l of instr.labels) config.Labels[l.key] = l.value;
      return { comment: `LABEL ${instr.labels.map((l) => `${l.key}=${l.value}`).join(' ')}`, config };
    case 'USER':
      config.User = instr.user;
      return { comment: `USER ${instr.user}`, config };
    case 'CMD': {
      config.Cmd = instr.form === 'exec' ? [...instr.command] : [...shell, ...instr.command];
      return { comment: `CMD ${goQuoteList(config.Cmd)}`, config, cmdSet: true };
    }
    case 'ENTRYPOINT': {
      config.Entrypoint = instr.command === null ? null : instr.form === 'exec' ? [...instr.command] : [...shell, ...instr.command];
      if (!state.cmdSet) config.Cmd = null;
      return { comment: `ENTRYPOINT ${goQuoteList(config.Entrypoint ?? [])}`, config };
    }
    case 'EXPOSE': {
      config.ExposedPorts = { ...(config.ExposedPorts ?? {}) };
      for (const spec of instr.ports) for (const p of exposedPorts(spec)) config.ExposedPorts[p] = {};
      return { comment: `EXPOSE ${instr.ports.join(' ')}`, config };
    }
    case 'VOLUME': {
      config.Volumes = { ...(config.Volumes ?? {}) };
      for (const v of instr.volumes) {
        if (v.trim() === '') throw new BuildFailure('VOLUME specified can not be an empty string');
        config.Volumes[v] = {};
      }
      return { comment: `VOLUME ${goList(instr.volumes)}`, config };
    }
    case 'STOPSIGNAL':
      config.StopSignal = instr.signal;
      return { comment: `STOPSIGNAL ${instr.signal}`, config };
    case 'HEALTHCHECK': {
      const previous = state.config.Healthcheck;
      const note = previous?.Test && previous.Test.length > 0 && previous.Test[0] !== 'NONE'
        ? `Note: overriding previous HEALTHCHECK: ${goList(previous.Test)}\n` : undefined;
      const h: HealthConfig = { Test: [...instr.test] };
      // Zero fields inherit the previous health check's (the daemon's config merge).
      const pick = (v: number, old: number | undefined) => (v !== 0 ? v : old ?? 0);
      const interval = pick(instr.interval, previous?.Interval);
      const timeout = pick(instr.timeout, previous?.Timeout);
      const start = pick(instr.startPeriod, previous?.StartPeriod);
      const retries = pick(instr.retries, previous?.Retries);
      if (interval) h.Interval = interval;
      if (timeout) h.Timeout = timeout;
      if (start) h.StartPeriod = start;
      if (instr.startInterval) h.StartInterval = instr.startInterval;
      if (retries) h.Retries = retries;
      config.Healthcheck = h;
      const comment = `HEALTHCHECK &{${goQuoteList(instr.test)} "${goDuration(instr.interval)}" "${goDuration(instr.timeout)}" "${goDuration(instr.startPeriod)}" ${goQuoteRune(instr.retries)}}`;
      return { comment, config, note };
    }
    case 'SHELL':
      config.Shell = [...instr.shell];
      return { comment: `SHELL ${goList(instr.shell)}`, config };
    case 'ONBUILD':
      config.OnBuild = [...(config.OnBuild ?? []), instr.expression];
      return { comment: `ONBUILD ${instr.expression}`, config };
    case 'MAINTAINER':
      return { comment: `MAINTAINER ${instr.maintainer}`, config, author: instr.maintainer };
    default:
      throw new Error(`not a metadata instruction: ${instr.kind}`);
  }
}
