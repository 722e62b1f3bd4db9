// Extra files a RUN step must see while it runs (heredoc scripts under /dev/pipes). The runtime
// covers /dev with its own tmpfs, so the files are staged in a hidden folder of the container's
// root and a root shell preamble copies them into place before the command is exec'd; the
// engine removes the staged and copied files again before the step's changes are read.
import type { TreeEntry } from '../../abi/index.js';
import { mkdirp, populateTree, removeAll } from '../../runtime/index.js';
import type { EngineContext } from '../engine-context.js';

/** Folder (relative to the container root) where step files wait until the preamble copies them. */
export const STAGING_DIR = '.skiff-step-files';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const rel = (p: string) => p.replace(/^\/+/, '');
const parentOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/**
 * The command that places `files` and then execs `cmd` (unchanged when there are no files).
 * Precondition: the image has /bin/sh, mkdir and cp, and the step runs as root (the copies go
 * into the container's root-owned /dev).
 */
export function wrapWithFiles(cmd: readonly string[], files: readonly TreeEntry[]): string[] {
  if (files.length === 0) return [...cmd];
  const steps: string[] = [];
  for (const f of files) {
    const path = rel(f.path);
    const dir = parentOf(path);
    if (dir) steps.push(`mkdir -p ${quote(`/${dir}`)}`);
    steps.push(`cp -p ${quote(`/${STAGING_DIR}/${path}`)} ${quote(`/${path}`)}`);
  }
  return ['/bin/sh', '-c', `${steps.join(' && ')} && exec "$@"`, 'sh', ...cmd];
}

/** Writes the files into the staging folder of the root filesystem at `rootfs`. */
export async function stageFiles(ctx: EngineContext, rootfs: string, files: readonly TreeEntry[]): Promise<void> {
  if (files.length === 0) return;
  const staging = `${rootfs}/${STAGING_DIR}`;
  await mkdirp(ctx.libc, staging, 0o700);
  for (const f of files) {
    const path = rel(f.path);
    if (path === '' || path.split('/').includes('..')) throw new Error(`invalid step file path ${JSON.stringify(f.path)}`);
    if (parentOf(path)) await mkdirp(ctx.libc, `${staging}/${parentOf(path)}`);
    await populateTree(ctx.libc, staging, [{ ...f, path }]);
  }
}

/**
 * Removes the staging folder and the copies the preamble made in the root itself (copies
 * under /dev lived in the container's own /dev and are already gone), so they never show up
 * in the step's changes.
 */
export async function unstageFiles(ctx: EngineContext, rootfs: string, files: readonly TreeEntry[]): Promise<void> {
  if (files.length === 0) return;
  await removeAll(ctx.libc, `${rootfs}/${STAGING_DIR}`);
  for (const f of files) {
    const path = rel(f.path);
    if (path !== '' && !path.startsWith('dev/')) await removeAll(ctx.libc, `${rootfs}/${path}`);
  }
}
