// `version` and `info`: docker's layouts (tabwriter, min width 20 for version) from
// GET /version and GET /info, or --format templates over the same objects.
import os from 'node:os';
import type { CliContext } from '../cli-context.js';
import type { CommandSpec } from '../command-spec.js';
import { parseFormat, templateFailure } from '../format/formatter.js';
import { bytesSize } from '../format/human-units.js';
import { tabwrite } from '../format/tabwriter.js';
import { MAX_API_VERSION } from '../../client/index.js';

/** The version of this CLI. */
export const SKIFF_VERSION = '0.1.0';

/** Go's ANSIC layout ("Thu May  7 21:09:36 2026") of an RFC3339 time; the input when unparsable. */
function ansic(rfc3339: string): string {
  const ms = Date.parse(rfc3339);
  if (Number.isNaN(ms)) return rfc3339;
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`;
}

function applyFormat(ctx: CliContext, format: string, data: unknown): void {
  const tpl = parseFormat(format);
  try {
    ctx.out(tpl.execute(data) + '\n');
  } catch (err) {
    throw templateFailure(err, false);
  }
}

/** `skiff version`. */
export const versionSpec: CommandSpec = {
  name: 'version', usage: '[OPTIONS]', description: 'Show the skiff version information', args: { none: true },
  options: (cmd) => cmd.option('-f, --format <string>', 'Format output using a custom template'),
  async action(ctx, _args, opts) {
    const client = await ctx.client();
    let server: Record<string, unknown> | undefined;
    let serverError: Error | undefined;
    try {
      server = await client.version();
    } catch (err) {
      serverError = err as Error;
    }
    const api = await client.apiVersion().catch(() => MAX_API_VERSION);
    const clientInfo = {
      Platform: { Name: '' }, Version: SKIFF_VERSION, APIVersion: api, DefaultAPIVersion: MAX_API_VERSION,
      NodeVersion: process.version, GoVersion: process.version, GitCommit: '', BuildTime: '', Os: os.platform(), Arch: os.arch() === 'x64' ? 'amd64' : os.arch(), Context: 'default',
    };
    const serverView = server ? { ...server, APIVersion: server.ApiVersion, MinAPIVersion: server.MinAPIVersion } : undefined;
    if (opts.format) {
      applyFormat(ctx, opts.format as string, { Client: clientInfo, Server: serverView ?? null });
      if (serverError) throw serverError;
      return;
    }
    const lines = ['Client:', ` Version:\t${SKIFF_VERSION}`,
      ` API version:\t${api}${api !== MAX_API_VERSION ? ` (downgraded from ${MAX_API_VERSION})` : ''}`,
      ` Node version:\t${process.version}`, ` OS/Arch:\t${clientInfo.Os}/${clientInfo.Arch}`, ` Context:\tdefault`];
    if (server) {
      const platform = (server.Platform as { Name?: string } | undefined)?.Name;
      lines.push('', `Server:${platform ? ` ${platform}` : ''}`);
      const components = (server.Components as { Name: string; Version: string; Details?: Record<string, string> }[] | undefined) ?? [
        { Name: 'Engine', Version: String(server.Version ?? ''), Details: {
          ApiVersion: String(server.ApiVersion ?? ''), MinAPIVersion: String(server.MinAPIVersion ?? ''), GoVersion: String(server.GoVersion ?? ''),
          GitCommit: String(server.GitCommit ?? ''), BuildTime: String(server.BuildTime ?? ''), Os: String(server.Os ?? ''), Arch: String(server.Arch ?? ''),
          Experimental: String(server.Experimental ?? 'false') } },
      ];
      for (const c of components) {
        lines.push(` ${c.Name}:`);
        const d = c.Details ?? {};
        if (c.Name === 'Engine') {
          lines.push(`  Version:\t${c.Version}`, `  API version:\t${d.ApiVersion ?? ''} (minimum version ${d.MinAPIVersion ?? ''})`,
            `  Go version:\t${d.GoVersion ?? ''}`, `  Git commit:\t${d.GitCommit ?? ''}`, `  Built:\t${ansic(d.BuildTime ?? '')}`,
            `  OS/Arch:\t${d.Os ?? ''}/${d.Arch ?? ''}`, `  Experimental:\t${d.Experimental ?? ''}`);
        } else {
          lines.push(`  Version:\t${c.Version}`);
          for (const key of Object.keys(d).sort()) lines.push(`  ${key}:\t${d[key]}`);
        }
      }
    }
    ctx.out(tabwrite(lines.join('\n') + '\n', { minwidth: 20, padding: 1 }));
    if (serverError) throw serverError;
  },
};

/** `skiff info`. */
export const infoSpec: CommandSpec = {
  name: 'info', usage: '[OPTIONS]', description: 'Display system-wide information', args: { none: true },
  options: (cmd) => cmd.option('-f, --format <string>', 'Format output using a custom template'),
  async action(ctx, _args, opts) {
    const client = await ctx.client();
    const info = await client.info();
    if (opts.format) { applyFormat(ctx, opts.format as string, info); return; }
    const i = info as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const out: string[] = ['Client:', ` Version:    ${SKIFF_VERSION}`, ' Context:    default', ` Debug Mode: ${Boolean(ctx.globals.debug)}`, '', 'Server:'];
    out.push(` Containers: ${i.Containers ?? 0}`, `  Running: ${i.ContainersRunning ?? 0}`, `  Paused: ${i.ContainersPaused ?? 0}`, `  Stopped: ${i.ContainersStopped ?? 0}`);
    out.push(` Images: ${i.Images ?? 0}`, ` Server Version: ${i.ServerVersion ?? ''}`);
    if (i.Driver) {
      out.push(` Storage Driver: ${i.Driver}`);
      for (const [k, v] of (i.DriverStatus ?? []) as [string, string][]) out.push(`  ${k}: ${v}`);
    }
    if (i.LoggingDriver) out.push(` Logging Driver: ${i.LoggingDriver}`);
    if (i.CgroupDriver) out.push(` Cgroup Driver: ${i.CgroupDriver}`);
    if (i.CgroupVersion) out.push(` Cgroup Version: ${i.CgroupVersion}`);
    if (i.Plugins) {
      out.push(' Plugins:', `  Volume: ${(i.Plugins.Volume ?? []).join(' ')}`, `  Network: ${(i.Plugins.Network ?? []).join(' ')}`);
      if (i.Plugins.Log) out.push(`  Log: ${i.Plugins.Log.join(' ')}`);
    }
    out.push(` Swarm: ${i.Swarm?.LocalNodeState ?? 'inactive'}`);
    if (i.Runtimes) out.push(` Runtimes: ${Object.keys(i.Runtimes).sort().join(' ')}`);
    if (i.DefaultRuntime) out.push(` Default Runtime: ${i.DefaultRuntime}`);
    if (i.SecurityOptions?.length) {
      out.push(' Security Options:');
      for (const opt of i.SecurityOptions as string[]) {
        const fields = Object.fromEntries(opt.split(',').map((kv) => kv.split('=') as [string, string]));
        out.push(`  ${fields.name ?? opt}`);
        for (const [k, v] of Object.entries(fields)) if (k !== 'name') out.push(`   ${k[0].toUpperCase()}${k.slice(1)}: ${v}`);
      }
    }
    out.push(` Kernel Version: ${i.KernelVersion ?? ''}`, ` Operating System: ${i.OperatingSystem ?? ''}`, ` OSType: ${i.OSType ?? ''}`,
      ` Architecture: ${i.Architecture ?? ''}`, ` CPUs: ${i.NCPU ?? 0}`, ` Total Memory: ${bytesSize(i.MemTotal ?? 0)}`, ` Name: ${i.Name ?? ''}`,
      ` ID: ${i.ID ?? ''}`, ` Docker Root Dir: ${i.DockerRootDir ?? ''}`, ` Debug Mode: ${Boolean(i.Debug)}`, ` Experimental: ${Boolean(i.ExperimentalBuild)}`);
    const insecure = (i.RegistryConfig?.InsecureRegistryCIDRs ?? []) as string[];
    if (insecure.length) out.push(' Insecure Registries:', ...insecure.map((c) => `  ${c}`));
    out.push(` Live Restore Enabled: ${Boolean(i.LiveRestoreEnabled)}`, '');
    ctx.out(out.join('\n'));
    for (const w of (i.Warnings ?? []) as string[]) ctx.err(`${w.startsWith('WARNING') ? w : `WARNING: ${w}`}\n`);
  },
};
