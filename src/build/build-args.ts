// Build arguments: the predefined proxy ARGs, the automatic platform ARGs, global (meta) ARG
// resolution, and what one in-stage ARG instruction assigns (Docker's dispatchArg rules).
import { expand, envLookup, type ExpandEnv } from './expand.js';
import type { ArgInstruction } from './instructions/types.js';

/**
 * ARGs usable without declaration. Their values reach RUN's environment but are left out of
 * the image history and the cache key unless the Dockerfile declares them.
 */
export const PROXY_ARGS: readonly string[] = [
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
];

/** True for a predefined proxy ARG. */
export function isProxyArg(name: string): boolean {
  return PROXY_ARGS.includes(name);
}

/** The proxy values among the given build-args (to add to RUN's environment, not to history). */
export function proxyEnv(buildArgs: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(buildArgs)) if (isProxyArg(k)) out[k] = v;
  return out;
}

/** An OCI platform. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** `os/arch[/variant]`, as containerd's platforms.Format writes it. */
export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter((x) => x).join('/');
}

/** The automatic platform ARGs (BUILDPLATFORM, TARGETARCH, TARGETSTAGE...), in Docker's order. */
export function platformArgs(build: Platform, target: Platform, targetStage: string): [string, string][] {
  return [
    ['BUILDPLATFORM', formatPlatform(build)],
    ['BUILDOS', build.os],
    ['BUILDOSVERSION', ''],
    ['BUILDARCH', build.architecture],
    ['BUILDVARIANT', build.variant ?? ''],
    ['TARGETPLATFORM', formatPlatform(target)],
    ['TARGETOS', target.os],
    ['TARGETOSVERSION', ''],
    ['TARGETARCH', target.architecture],
    ['TARGETVARIANT', target.variant ?? ''],
    ['TARGETSTAGE', targetStage || 'default'],
  ];
}

/**
 * Global scope: platform ARGs (a build-arg may override them), then each ARG before the first
 * FROM, in order. A build-arg wins over a default; a default is expanded with what came before;
 * an ARG with neither stays unset.
 */
export function resolveGlobalArgs(
  metaArgs: readonly ArgInstruction[],
  buildArgs: Readonly<Record<string, string>>,
  defaults: readonly [string, string][],
  escapeToken = '\\',
): Map<string, string> {
  const scope = new Map<string, string>();
  const has = (k: string) => Object.prototype.hasOwnProperty.call(buildArgs, k);
  for (const [k, v] of defaults) scope.set(k, has(k) ? buildArgs[k] : v);
  for (const instr of metaArgs) {
    for (const decl of instr.args) {
      let value: string | null = null;
      if (has(decl.key)) value = buildArgs[decl.key];
      else if (decl.value !== null) value = expand(decl.value, scope, { escapeToken });
      if (value !== null) scope.set(decl.key, value);
    }
  }
  return scope;
}

/** Context for one ARG instruction inside a stage. */
export interface ArgContext {
  buildArgs: Readonly<Record<string, string>>;
  /** Resolved global scope (resolveGlobalArgs). */
  globalArgs: ReadonlyMap<string, string>;
  /** The stage's environment so far, to expand defaults. */
  env: ExpandEnv;
  escapeToken?: string;
}

/** What one ARG declaration sets: null value means declared but unset. */
export interface ResolvedArg {
  key: string;
  value: string | null;
  /** Where the value came from. */
  source: 'build-arg' | 'default' | 'global' | 'none';
}

/**
 * Resolves an in-stage ARG: a build-arg wins; else the default, expanded with the stage env;
 * a bare `ARG X` takes X's global value (that is how a global ARG is brought into a stage).
 */
export function resolveArgs(instr: ArgInstruction, ctx: ArgContext): ResolvedArg[] {
  const lookup = envLookup(ctx.env);
  const out: ResolvedArg[] = [];
  const added = new Map<string, string>();
  const env = { get: (k: string) => (added.has(k) ? added.get(k) : lookup.get(k)) };
  for (const decl of instr.args) {
    let r: ResolvedArg;
    if (Object.prototype.hasOwnProperty.call(ctx.buildArgs, decl.key)) {
      r = { key: decl.key, value: ctx.buildArgs[decl.key], source: 'build-arg' };
    } else if (decl.value !== null) {
      r = { key: decl.key, value: expand(decl.value, env, { escapeToken: ctx.escapeToken }), source: 'default' };
    } else if (ctx.globalArgs.has(decl.key)) {
      r = { key: decl.key, value: ctx.globalArgs.get(decl.key)!, source: 'global' };
    } else {
      r = { key: decl.key, value: null, source: 'none' };
    }
    if (r.value !== null) added.set(r.key, r.value);
    out.push(r);
  }
  return out;
}
