// Container roots as overlay mounts: image layers extracted once into /var/lib/skiff/layers and
// shared, a writable upper dir per container (isolation, restarts keep it), docker diff and
// commit computed from the upper dir (whiteouts become OCI `.wh.` files).
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../src/boot/machine.js';
import { harness, run } from './harness.js';

const never = new AbortController().signal;

/** Counts layer extractions: renames of a finished `<hex>.partial` directory into /var/lib/skiff/layers. */
function countExtractions(machine: Machine): { count(): number } {
  let n = 0;
  const prev = machine.kernel.trace;
  machine.kernel.trace = (ev) => {
    prev?.(ev);
    if (ev.name.startsWith('rename') && ev.result !== 'no-return' && ev.result.ok && ev.args.some((a) => typeof a === 'string' && /^\/var\/lib\/skiff\/layers\/[0-9a-f]{64}$/.test(a))) n++;
  };
  return { count: () => n };
}

describe('engine: overlay root filesystems', () => {
  it('mounts overlay at the container root, with the layer directory as a lower layer', async () => {
    const { engine, machine } = await harness();
    const layers = (await engine.image.imageInspect('busybox')).RootFS.Layers;
    const r = await run(engine, ['head', '-n', '1', '/proc/mounts']);
    const [source, target, type, options] = r.stdout.split(' ');
    expect([source, target, type]).toEqual(['overlay', '/', 'overlay']);
    const hex = layers[0].slice('sha256:'.length);
    expect(options).toContain(`lowerdir=/var/lib/skiff/containers/${r.id}/init:/var/lib/skiff/layers/${hex}`);
    expect(options).toContain(`upperdir=/var/lib/skiff/containers/${r.id}/diff`);
    expect((await machine.run(['/bin/ls', '/var/lib/skiff/layers'])).stdout).toBe(`${hex}\n`);
    const ins = await engine.container.containerInspect(r.id, { size: false });
    expect(ins.Driver).toBe('overlay2');
    expect(ins.GraphDriver).toEqual({ Name: 'overlay2', Data: {
      LowerDir: `/var/lib/skiff/containers/${r.id}/init:/var/lib/skiff/layers/${hex}`, MergedDir: `/var/lib/skiff/containers/${r.id}/rootfs`,
      UpperDir: `/var/lib/skiff/containers/${r.id}/diff`, WorkDir: `/var/lib/skiff/containers/${r.id}/work`,
    } });
  });

  it('two containers of one image do not see each other\'s writes or deletions', async () => {
    const { engine } = await harness();
    const a = await run(engine, ['sh', '-c', 'echo mine > /tmp/a; rm /bin/ls; echo changed >> /etc/passwd']);
    expect(a.code).toBe(0);
    const b = await run(engine, ['sh', '-c', 'ls /tmp; ls /bin/ls; tail -n 1 /etc/passwd']);
    expect(b.stdout).toBe('/bin/ls\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
    expect(await engine.container.containerChanges(b.id)).toEqual([]);
    expect(await engine.container.containerChanges(a.id)).toEqual([
      { Path: '/bin', Kind: 0 }, { Path: '/bin/ls', Kind: 2 }, { Path: '/etc', Kind: 0 }, { Path: '/etc/passwd', Kind: 0 },
      { Path: '/tmp', Kind: 0 }, { Path: '/tmp/a', Kind: 1 },
    ]);
  });

  it('extracts each layer once per machine: containers, images sharing the layer and a new engine reuse it', async () => {
    const h = await harness();
    const extractions = countExtractions(h.machine);
    await run(h.engine, ['true']);
    await run(h.engine, ['true']);
    expect(extractions.count()).toBe(1);
    const base = await run(h.engine, ['sh', '-c', 'echo v2 > /version']);
    await h.engine.image.imageCommit({ container: base.id, repo: 'derived', tag: 'v2', pause: false, changes: [], config: {} });
    const derived = await run(h.engine, ['cat', '/version'], { Image: 'derived:v2' });
    expect(derived.stdout).toBe('v2\n');
    expect(extractions.count()).toBe(2); // only the new top layer; busybox's is shared
    const again = await h.restart();
    expect((await run(again, ['cat', '/version'], { Image: 'derived:v2' })).stdout).toBe('v2\n');
    expect(extractions.count()).toBe(2);
    expect((await h.machine.run(['/bin/ls', '/var/lib/skiff/layers'])).stdout.trim().split('\n')).toHaveLength(2);
  });

  it('diff is empty for a container that changed nothing, whatever the image holds', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['true']);
    expect(await engine.container.containerChanges(r.id)).toEqual([]);
    for await (const _ of await engine.image.imagePull({ fromImage: 'docker.io/library/hello-world', tag: 'latest' }, never)) { /* drain */ }
    const hello = await run(engine, [], { Image: 'hello-world', Cmd: null });
    expect(hello.stdout).toContain('Hello from Docker!');
    expect(await engine.container.containerChanges(hello.id)).toEqual([]);
  });

  it('commit of a container that deleted a file makes a layer with an OCI whiteout', async () => {
    const { engine, store } = await harness();
    const r = await run(engine, ['sh', '-c', 'rm /etc/group && mkdir /data && echo x > /data/f']);
    expect(r.code).toBe(0);
    await engine.image.imageCommit({ container: r.id, repo: 'nogroup', tag: 'latest', pause: false, changes: [], config: {} });
    const layers = (await engine.image.imageInspect('nogroup')).RootFS.Layers;
    const top = await store.layerEntries(layers[layers.length - 1] as Parameters<typeof store.layerEntries>[0]);
    expect(top.map((e) => `${e.type} ${e.path}`).sort()).toEqual(['dir data', 'dir etc', 'file data/f', 'file etc/.wh.group']);
    const after = await run(engine, ['sh', '-c', 'ls /etc; cat /data/f'], { Image: 'nogroup' });
    expect(after.stdout).toBe('hostname\nhosts\nmtab\npasswd\nresolv.conf\nx\n');
  });

  it('a restarted container keeps its changes (the upper dir stays while the container exists)', async () => {
    const { engine, machine } = await harness();
    const r = await run(engine, ['sh', '-c', 'n=$(cat /count 2>/dev/null || echo 0); echo $((n + 1)) | tee /count']);
    for (let i = 0; i < 2; i++) {
      await engine.container.containerStart(r.id, {});
      await (await engine.container.containerWait(r.id, 'not-running', never)).result;
    }
    const logs = await engine.container.containerLogs(r.id, { follow: false, stdout: true, stderr: true, timestamps: false, details: false }, never);
    const lines = [];
    for await (const e of logs.entries) lines.push(e.data);
    expect(lines).toEqual(['1\n', '2\n', '3\n']);
    await engine.container.containerRemove(r.id, { force: false, removeVolumes: false, removeLink: false });
    expect((await machine.run(['/bin/ls', '/var/lib/skiff/containers'])).stdout).toBe('');
  });

  it('the engine lets go of its mount of a root once the container runs, and mounts it again to start it', async () => {
    const { engine, machine } = await harness();
    // Every start copies the engine's mount table: it must not grow with the containers.
    const rootMounts = async () => (await machine.run(['/bin/cat', '/proc/mounts'])).stdout.split('\n').filter((l) => l.includes(' /var/lib/skiff/containers/')).length;
    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['sh', '-c', 'echo x > /f; cat'], OpenStdin: true } });
    expect(await rootMounts()).toBe(1); // created: mounted (a build step stages files into it)
    await engine.container.containerStart(Id, {});
    expect(await rootMounts()).toBe(0);
    await engine.container.containerChanges(Id); // read from the writable layer, not a second mount
    expect(await rootMounts()).toBe(0);
    await engine.container.containerKill(Id, 'KILL');
    await (await engine.container.containerWait(Id, 'not-running', never)).result;
    expect(await rootMounts()).toBe(0);
    expect(await engine.container.containerChanges(Id)).toContainEqual({ Path: '/f', Kind: 1 });
    await engine.container.containerStart(Id, {});
    expect((await engine.container.containerInspect(Id, { size: false })).State.Running).toBe(true);
    expect(await rootMounts()).toBe(0);
    await engine.container.containerKill(Id, 'KILL');
  });
});
