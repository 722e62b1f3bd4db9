// `build` (docker's legacy builder path): tar the context honouring .dockerignore, POST /build
// with docker's query, print the JSON stream (`stream` verbatim), -q prints only the result,
// --iidfile receives aux.ID; errorDetail ends the build with its code.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { collect, parsedOption, type CommandSpec } from '../command-spec.js';
import { DockerIgnore } from '../format/dockerignore.js';
import { humanSize, ramInBytes } from '../format/human-units.js';
import { displayJsonMessages, JsonStreamError } from '../format/json-progress.js';
import { parseReference } from '../format/references.js';
import { readAll } from '../../client/index.js';
import { StatusError } from '../status-error.js';

/** One file of a build context. */
interface ContextEntry { name: string; stat: fs.Stats; abs: string }

/** Lists the context's files (sorted like Go's filepath.Walk), minus .dockerignore'd ones. */
export function contextEntries(dir: string, ignore: DockerIgnore, keep: string[]): ContextEntry[] {
  const out: ContextEntry[] = [];
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    for (const name of fs.readdirSync(abs).sort()) {
      const relName = rel ? `${rel}/${name}` : name;
      const full = path.join(dir, relName);
      const stat = fs.lstatSync(full);
      const ignored = ignore.ignores(relName) && !keep.includes(relName);
      if (stat.isDirectory()) {
        if (!ignored) out.push({ name: relName, stat, abs: full });
        walk(relName);
      } else if (!ignored) out.push({ name: relName, stat, abs: full });
    }
  };
  walk('');
  return out;
}

/** Packs entries (plus extra in-memory files) into a tar buffer. */
export async function packContext(entries: ContextEntry[], extra: { name: string; data: Buffer }[] = []): Promise<Buffer> {
  const pack = tar.pack();
  const done = readAll(pack as unknown as Readable);
  for (const e of entries) {
    const header = { name: e.name, mode: e.stat.mode & 0o7777, mtime: e.stat.mtime, uid: 0, gid: 0 };
    if (e.stat.isDirectory()) pack.entry({ ...header, name: `${e.name}/`, type: 'directory' });
    else if (e.stat.isSymbolicLink()) pack.entry({ ...header, type: 'symlink', linkname: fs.readlinkSync(e.abs) });
    else if (e.stat.isFile()) await new Promise<void>((resolve, reject) => pack.entry({ ...header, size: e.stat.size }, fs.readFileSync(e.abs), (err) => (err ? reject(err) : resolve())));
  }
  for (const x of extra) pack.entry({ name: x.name, mode: 0o644, mtime: new Date() }, x.data);
  pack.finalize();
  return done;
}

/** `skiff build`. */
export const buildSpec: CommandSpec = {
  name: 'build', usage: '[OPTIONS] PATH | URL | -', description: 'Build an image from a Dockerfile', args: { exact: 1 },
  options: (cmd) => cmd
    .option('--build-arg <arg>', 'Set build-time variables', collect)
    .addOption(parsedOption('-c, --cpu-shares <int>', 'CPU shares (relative weight)', (v) => Number.parseInt(v, 10)))
    .option('-f, --file <string>', "Name of the Dockerfile (Default is 'PATH/Dockerfile')")
    .option('--force-rm', 'Always remove intermediate containers')
    .option('--iidfile <string>', 'Write the image ID to the file')
    .option('--label <label>', 'Set metadata for an image', collect)
    .addOption(parsedOption('-m, --memory <bytes>', 'Memory limit', ramInBytes))
    .option('--network <string>', 'Set the networking mode for the RUN instructions during build')
    .option('--no-cache', 'Do not use cache when building the image')
    .option('--platform <string>', 'Set platform if server is multi-platform capable')
    .option('--pull', 'Always attempt to pull a newer version of the image')
    .option('-q, --quiet', 'Suppress the build output and print image ID on success')
    .option('--rm <bool>', 'Remove intermediate containers after a successful build', 'true')
    .option('-t, --tag <name>', 'Name and optionally a tag in the "name:tag" format', collect)
    .option('--target <string>', 'Set the target build stage to build.'),
  async action(ctx, args, opts) {
    const source = args[0];
    const extra: { name: string; data: Buffer }[] = [];
    let dockerfile = (opts.file as string | undefined) ?? 'Dockerfile';
    let body: Buffer;
    for (const t of (opts.tag as string[] | undefined) ?? []) {
      try { parseReference(t); } catch (err) { throw new StatusError(1, `invalid argument "${t}" for "-t, --tag" flag: ${(err as Error).message}`); }
    }
    if (source === '-') {
      const input = await readAll(ctx.io.stdin);
      const isTar = input.length >= 512 && input.subarray(257, 262).toString() === 'ustar';
      body = isTar ? input : await packContext([], [{ name: 'Dockerfile', data: input }]);
      if (!isTar) dockerfile = 'Dockerfile';
    } else {
      if (/^(https?|git):\/\//.test(source)) throw new StatusError(1, 'building from a URL is not supported by skiff');
      const dir = path.resolve(ctx.io.cwd, source);
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new StatusError(1, `unable to prepare context: path "${source}" not found`);
      const dfPath = path.resolve(opts.file ? ctx.io.cwd : dir, dockerfile);
      if (!fs.existsSync(dfPath)) throw new StatusError(1, `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${dfPath}: no such file or directory`);
      const ignorePath = path.join(dir, '.dockerignore');
      let ignoreText = fs.existsSync(ignorePath) ? fs.readFileSync(ignorePath, 'utf8') : '';
      const rel = path.relative(dir, dfPath);
      if (rel.startsWith('..') || path.isAbsolute(rel)) {
        dockerfile = `.dockerfile.${crypto.randomBytes(10).toString('hex')}`;
        extra.push({ name: dockerfile, data: fs.readFileSync(dfPath) });
        ignoreText += `\n${dockerfile}`;
      } else {
        dockerfile = rel.split(path.sep).join('/');
      }
      const entries = contextEntries(dir, new DockerIgnore(ignoreText), ['.dockerignore', dockerfile]);
      body = await packContext(entries, extra);
    }
    if (!opts.quiet) ctx.out(`Sending build context to Docker daemon  ${humanSize(body.length).padStart(7)}\r\r\n`);
    const buildArgs: Record<string, string | null> = {};
    for (const a of (opts.buildArg as string[] | undefined) ?? []) {
      const eq = a.indexOf('=');
      if (eq >= 0) buildArgs[a.slice(0, eq)] = a.slice(eq + 1);
      else buildArgs[a] = ctx.io.env[a] ?? null;
    }
    const labels: Record<string, string> = {};
    for (const l of (opts.label as string[] | undefined) ?? []) {
      const eq = l.indexOf('=');
      labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
    }
    const rm = String(opts.rm ?? 'true');
    const query = {
      buildargs: Object.keys(buildArgs).length ? JSON.stringify(buildArgs) : undefined,
      cpushares: opts.cpuShares as number | undefined, dockerfile, forcerm: Boolean(opts.forceRm),
      labels: Object.keys(labels).length ? JSON.stringify(labels) : undefined, memory: opts.memory as number | undefined,
      networkmode: opts.network as string | undefined, nocache: opts.cache === false, platform: opts.platform as string | undefined,
      pull: Boolean(opts.pull), q: Boolean(opts.quiet), rm: /^(0|false)$/i.test(rm) ? '0' : undefined,
      t: (opts.tag as string[] | undefined) ?? undefined, target: opts.target as string | undefined, version: '1',
    };
    const client = await ctx.client();
    const res = await client.build(Readable.from([body]), query);
    let imageId: string | undefined;
    let buffered = '';
    try {
      await displayJsonMessages(res, {
        out: { write: (s: string) => { if (opts.quiet) buffered += s; else ctx.out(s); } },
        onAux: (aux) => { if (typeof aux.ID === 'string') imageId = aux.ID; },
      });
    } catch (err) {
      if (err instanceof JsonStreamError) throw new StatusError(err.code, err.message);
      throw err;
    }
    if (opts.quiet) ctx.out(buffered);
    if (opts.iidfile) {
      const id = imageId ?? (opts.quiet ? buffered.trim() : undefined);
      if (!id) throw new StatusError(1, `Server did not provide an image ID. Cannot write ${opts.iidfile}`);
      fs.writeFileSync(opts.iidfile as string, id);
    }
  },
};
