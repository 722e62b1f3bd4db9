// Persistence across a daemon restart on a new machine (the kernel's memory is gone, only the
// data root carries over): a stopped container's writable layer comes back — files, deletions
// (whiteouts), opaque directories, modes, owners, devices, symlinks, hard links — for start,
// diff and export; short-lived containers leave no layer copy; the restart policies of moby's
// restore start containers again when the daemon starts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/index.js';
import { WRITABLE_LAYER_FILE } from '../../src/engine/container/writable-layer.js';
import { readLayerTar } from '../../src/image/index.js';
import { collector, harness, run } from './harness.js';

const never = new AbortController().signal;

/** `docker start -a`: output and exit code of the container's next run. */
async function startAttached(engine: Engine, id: string): Promise<{ stdout: string; code: number }> {
  const session = await engine.container.containerAttach(id, { stream: true, stdin: false, stdout: true, stderr: true, logs: false });
  const out = collector();
  const ac = new AbortController();
  const wait = await engine.container.containerWait(id, 'next-exit', ac.signal);
  const attached = session.run({ stdin: null, stdout: out.stream, stderr: out.stream }, ac.signal);
  await engine.container.containerStart(id, {});
  await attached;
  return { stdout: out.text(), code: (await wait.result).StatusCode };
}

/** `docker export` as (path, type, mode, owner, content) lines, sorted. */
async function exported(engine: Engine, id: string): Promise<string[]> {
  const chunks: Uint8Array[] = [];
  for await (const c of await engine.container.containerExport(id, never)) chunks.push(c);
  const entries = await readLayerTar(Buffer.concat(chunks));
  return entries.map((e) => `${e.path} ${e.type} ${e.mode.toString(8)} ${e.uid}:${e.gid} ${e.linkname ?? ''}${e.devmajor ?? ''} ${e.data ? Buffer.from(e.data).toString('hex') : ''}`).sort();
}

/** Changes the image's tree every way a layer records; on later runs, reports what it sees. */
const SCRIPT = [
  'if [ -e /data/f ]; then ls -ln /data | sed 1d | awk \'{print $1, $2, $3, $4, $NF}\'; cat /data/f; ls /bin/dd /var/spool/mail 2>&1; ls /var/spool; exit 7; fi',
  'mkdir /data && echo hello > /data/f && chown 1:2 /data/f && chmod 640 /data/f',
  'ln /data/f /data/hard && ln -s f /data/sym && mknod /data/null c 1 3',
  'rm /bin/dd && rm -rf /var/spool && mkdir /var/spool && touch /var/spool/new',
].join('\n');

describe('engine: persistence under the data root', () => {
  it("a stopped container's changes survive a daemon restart on a new machine: start, diff and export see them", async () => {
    const h = await harness();
    const first = await run(h.engine, ['sh', '-c', SCRIPT], {}, 'keeper');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const diffBefore = await h.engine.container.containerChanges('keeper');
    expect(diffBefore).toContainEqual({ Path: '/bin/dd', Kind: 2 });
    expect(diffBefore).toContainEqual({ Path: '/data/null', Kind: 1 });
    const exportBefore = await exported(h.engine, 'keeper');
    expect(existsSync(join(h.dataRoot, 'containers', first.id, WRITABLE_LAYER_FILE))).toBe(true);
    const oldMachine = h.machine;

    const engine = await h.restart({ newMachine: true });
    expect(h.machine).not.toBe(oldMachine);
    expect((await h.machine.run(['/bin/ls', '/var/lib/skiff/containers'])).code).not.toBe(0); // nothing of it in the new kernel yet
    expect(await engine.container.containerChanges('keeper')).toEqual(diffBefore);
    expect(await exported(engine, 'keeper')).toEqual(exportBefore);
    const again = await startAttached(engine, 'keeper');
    expect(again.code).toBe(7);
    expect(again.stdout).toBe([
      '-rw-r----- 2 1 2 f', '-rw-r----- 2 1 2 hard', 'crw-r--r-- 1 0 0 null', 'lrwxrwxrwx 1 0 0 f',
      'hello', 'ls: /bin/dd: No such file or directory', 'ls: /var/spool/mail: No such file or directory', 'new', '',
    ].join('\n'));
  });

  it('a container that changed nothing leaves no layer copy; rm removes the copy with the container', async () => {
    const h = await harness();
    const quiet = await run(h.engine, ['true']);
    expect(existsSync(join(h.dataRoot, 'containers', quiet.id, WRITABLE_LAYER_FILE))).toBe(false);
    const busy = await run(h.engine, ['sh', '-c', 'echo x > /x']);
    const dir = join(h.dataRoot, 'containers', busy.id);
    expect(existsSync(join(dir, WRITABLE_LAYER_FILE))).toBe(true);
    await h.engine.container.containerRemove(quiet.id, { force: false, removeVolumes: false, removeLink: false });
    await h.engine.container.containerRemove(busy.id, { force: false, removeVolumes: false, removeLink: false });
    expect(existsSync(dir)).toBe(false);
  });

  it('a run that undoes the changes drops the saved copy', async () => {
    const h = await harness();
    const { Id: id } = await h.engine.container.containerCreate({ name: 'toggle', config: { Image: 'busybox', Cmd: ['sh', '-c', 'if [ -e /x ]; then rm /x; else echo x > /x; fi'] } });
    const file = join(h.dataRoot, 'containers', id, WRITABLE_LAYER_FILE);
    await startAttached(h.engine, id);
    expect(existsSync(file)).toBe(true);
    await startAttached(h.engine, id);
    expect(existsSync(file)).toBe(false);
    const engine = await h.restart({ newMachine: true });
    expect(await engine.container.containerChanges(id)).toEqual([]);
  });

  it('daemon start: restart policies start containers again as moby restore does; leftover --rm containers go', async () => {
    const h = await harness();
    const make = async (name: string, policy: string, start: boolean, extra: { AutoRemove?: boolean } = {}, cmd = ['cat']) => {
      const { Id } = await h.engine.container.containerCreate({ name, config: { Image: 'busybox', Cmd: cmd, OpenStdin: true, HostConfig: { RestartPolicy: { Name: policy }, ...extra } } });
      if (start) await h.engine.container.containerStart(Id, {});
      return Id;
    };
    // Its first run exits (and its policy restarts it), later ones stay up.
    await make('always-running', 'always', true, {}, ['sh', '-c', '[ -e /again ] && exec cat; touch /again; exit 1']);
    await make('always-stopped', 'always', true);
    await make('always-created', 'always', false);
    await make('unless-running', 'unless-stopped', true);
    await make('unless-stopped', 'unless-stopped', true);
    await make('onfailure-running', 'on-failure', true);
    await make('no-running', 'no', true);
    await make('rm-created', 'no', false, { AutoRemove: true });
    const ok = await run(h.engine, ['true'], { HostConfig: { RestartPolicy: { Name: 'on-failure' } } }, 'onfailure-ok');
    expect(ok.code).toBe(0);
    for (const name of ['always-stopped', 'unless-stopped']) await h.engine.container.containerStop(name, { timeout: 0 });
    // A container restarted by its policy: its count goes back to 0 when the daemon starts it.
    const restarted = async () => {
      const i = await h.engine.container.containerInspect('always-running', { size: false });
      return i.State.Status === 'running' && i.RestartCount === 1;
    };
    for (let i = 0; i < 400 && !(await restarted()); i++) await new Promise((r) => setTimeout(r, 5));
    expect(await restarted()).toBe(true);

    const engine = await h.restart({ newMachine: true }); // the old daemon died: its machine and engine are simply left behind
    const state = async (name: string) => {
      const i = await engine.container.containerInspect(name, { size: false });
      return `${i.State.Status} ${i.State.ExitCode} ${i.RestartCount}`;
    };
    expect(await state('always-running')).toBe('running 0 0');
    expect(await state('always-stopped')).toBe('running 0 0'); // always: even after docker stop
    expect(await state('always-created')).toBe('created 0 0'); // never started before
    expect(await state('unless-running')).toBe('running 0 0');
    expect(await state('unless-stopped')).toBe('exited 137 0'); // docker stop -t 0
    expect(await state('onfailure-running')).toBe('running 0 0'); // its host went down: 255 is a failure
    expect(await state('onfailure-ok')).toBe('exited 0 0');
    expect(await state('no-running')).toBe('exited 255 0');
    await expect(engine.container.containerInspect('rm-created', { size: false })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
