// The `--change` instructions of `docker import` / `docker commit` (CMD, ENTRYPOINT, ENV, EXPOSE,
// HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR) applied to an image's runtime
// config. One instruction per string; the Dockerfile parser proper lives in src/build.
import { posix } from 'node:path';
import type { ContainerConfig, HealthConfig } from './oci-types.js';

/** Thrown for a change Docker would refuse; the message follows Docker's. */
export class ChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangeError';
  }
}

/** Splits on unquoted whitespace, honouring "…", '…' and backslash escapes (quotes removed). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw new ChangeError(`unterminated quote in "${text}"`);
  if (inWord) words.push(cur);
  return words;
}

/** A JSON array of strings, or undefined when `text` is not one (then it is shell form). */
function jsonArray(text: string): string[] | undefined {
  if (!text.trimStart().startsWith('[')) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function commandOf(text: string, shell: string[]): string[] {
  return jsonArray(text) ?? [...shell, text];
}

/** `k=v k2="v 2"` pairs, or the legacy `key value with spaces` form. */
function keyValues(instr: string, text: string): [string, string][] {
  const words = splitWords(text);
  if (words.length === 0) throw new ChangeError(`${instr} requires at least one argument`);
  if (!words[0].includes('=')) {
    const m = /^(\S+)\s+(.*)$/s.exec(text.trim());
    if (!m) throw new ChangeError(`${instr} names can not be blank`);
    return [[m[1], splitWords(m[2]).join(' ')]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new ChangeError(`Syntax error - can't find = in "${w}". Must be of the form: name=value`);
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

const unitNs: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Go duration (`30s`, `1m30s`, `500ms`) in nanoseconds. */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let end = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * unitNs[m[2]];
    end = m.index! + m[0].length;
  }
  if (text === '' || end !== text.length) throw new ChangeError(`time: invalid duration "${text}"`);
  return Math.round(total);
}

function healthcheck(text: string): HealthConfig {
  const words = text.trim();
  if (/^NONE$/i.test(words)) return { Test: ['NONE'] };
  const hc: HealthConfig = {};
  let rest = words;
  for (;;) {
    const m = /^--([a-z-]+)=(\S+)\s+/.exec(rest);
    if (!m) break;
    rest = rest.slice(m[0].length);
    const [, flag, value] = m;
    if (flag === 'interval') hc.Interval = parseDuration(value);
    else if (flag === 'timeout') hc.Timeout = parseDuration(value);
    else if (flag === 'start-period') hc.StartPeriod = parseDuration(value);
    else if (flag === 'start-interval') hc.StartInterval = parseDuration(value);
    else if (flag === 'retries') hc.Retries = Number(value);
    else throw new ChangeError(`Unknown flag: ${flag}`);
  }
  const m = /^CMD\s+(.*)$/is.exec(rest);
  if (!m) throw new ChangeError('Unknown type "' + rest.split(/\s/)[0] + '" in HEALTHCHECK (try CMD)');
  const arr = jsonArray(m[1]);
  hc.Test = arr ? ['CMD', ...arr] : ['CMD-SHELL', m[1]];
  return hc;
}

/**
 * Applies `changes` to a copy of `config` and returns it. Throws ChangeError, e.g.
 * `FROM is not a valid change command`.
 */
export function applyChanges(config: ContainerConfig, changes: readonly string[]): ContainerConfig {
  const out: ContainerConfig = structuredClone(config);
  const shell = out.Shell ?? ['/bin/sh', '-c'];
  for (const change of changes) {
    const m = /^\s*(\S+)\s*(.*?)\s*$/s.exec(change);
    if (!m) continue;
    const instr = m[1].toUpperCase();
    const args = m[2];
    switch (instr) {
      case 'CMD': out.Cmd = commandOf(args, shell); break;
      case 'ENTRYPOINT': out.Entrypoint = commandOf(args, shell); break;
      case 'ENV':
        for (const [k, v] of keyValues(instr, args)) {
          const env = (out.Env ?? []).filter((e) => e.split('=')[0] !== k);
          out.Env = [...env, `${k}=${v}`];
        }
        break;
      case 'LABEL':
        for (const [k, v] of keyValues(instr, args)) out.Labels = { ...(out.Labels ?? {}), [k]: v };
        break;
      case 'EXPOSE':
        for (const p of splitWords(args)) {
          const pm = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(p);
          if (!pm) throw new ChangeError(`Invalid containerPort: ${p}`);
          const lo = Number(pm[1]), hi = Number(pm[2] ?? pm[1]);
          for (let port = lo; port <= hi; port++) out.ExposedPorts = { ...(out.ExposedPorts ?? {}), [`${port}/${(pm[3] ?? 'tcp').toLowerCase()}`]: {} };
        }
        break;
      case 'VOLUME':
        for (const v of jsonArray(args) ?? splitWords(args)) out.Volumes = { ...(out.Volumes ?? {}), [v]: {} };
        break;
      case 'WORKDIR': out.WorkingDir = posix.resolve('/', out.WorkingDir || '/', splitWords(args).join(' ')); break;
      case 'USER': out.User = args; break;
      case 'STOPSIGNAL': out.StopSignal = args; break;
      case 'ONBUILD': out.OnBuild = [...(out.OnBuild ?? []), args]; break;
      case 'HEALTHCHECK': out.Healthcheck = healthcheck(args); break;
      default: throw new ChangeError(`${instr} is not a valid change command`);
    }
  }
  return out;
}
