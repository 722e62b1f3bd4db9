// The runtime against a booted kernel: a container started through startContainer runs in its
// own root (an overlay over an extracted layer), PID and UTS namespaces, writes to the engine's
// pipes, and reports exec failures; its writes land in the upper directory only.
import { describe, expect, it } from 'vitest';
import { O, exitCodeOf, type Program, type TreeEntry } from '../abi/index.js';
import { bootMachine } from '../boot/machine.js';
import { Libc } from '../userland/libc/index.js';
import { skiffElf } from '../userland/applet.js';
import { extractLayer, prepareRootfs } from './rootfs.js';
import { RuntimeError, readToEnd, startContainer } from './start-container.js';
import { DEFAULT_MASKED_PATHS, type ContainerSpec } from './spec.js';

const enc = new TextEncoder();
const probe: Program = async (argv, envp, sys) => {
  const libc = new Libc(sys);
  const uts = await sys.uname();
  const pid = await sys.getpid();
  const uid = await sys.getuid();
  const root = (await libc.readdir('/')).map((d) => d.name).filter((n) => n !== '.' && n !== '..').sort();
  await libc.writeAll(1, `${argv.slice(1).join(' ')}|host=${uts.ok ? uts.value.nodename : '?'}|pid=${pid.ok ? pid.value : '?'}|uid=${uid.ok ? uid.value : '?'}|root=${root.join(',')}\n`);
  await libc.writeAll(2, `env=${envp.join(',')}\n`);
  return 3;
};

const file = (path: string, data: string, mode = 0o644): TreeEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, mtimeMs: 0, data: enc.encode(data) });
const dir = (path: string, mode = 0o755): TreeEntry => ({ path, type: 'dir', mode, uid: 0, gid: 0, mtimeMs: 0 });
const image: TreeEntry[] = [
  dir('bin'), file('bin/probe', skiffElf('probe'), 0o755), file('bin/data', 'not a program', 0o644), dir('etc'),
  file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n'),
  file('etc/group', 'root:x:0:\nnogroup:x:65534:\n'), dir('tmp', 0o1777),
];

async function setup(id: string, args: string[], user = '') {
  const m = await bootMachine({ userland: { programs: { probe }, executables: {}, links: {} } });
  const sys = m.host.sys;
  const libc = new Libc(sys);
  const dir = `/var/lib/skiff/containers/${id}`;
  const rootfs = `${dir}/rootfs`;
  await extractLayer(libc, `/var/lib/skiff/layers/${id}`, image);
  await prepareRootfs(libc, { rootfs, lowerdirs: [`/var/lib/skiff/layers/${id}`], upperdir: `${dir}/diff`, workdir: `${dir}/work` });
  const [outR, outW] = await libc.pipe(O.CLOEXEC);
  const [errR, errW] = await libc.pipe(O.CLOEXEC);
  const spec: ContainerSpec = {
    id, rootfs, hostname: id.slice(0, 12),
    process: { args, env: ['PATH=/bin'], cwd: '/tmp', user, capabilities: ['CHOWN'] },
    etc: { hostname: `${id.slice(0, 12)}\n`, hosts: '127.0.0.1\tlocalhost\n', resolvConf: 'nameserver 10.0.0.1\n' },
    cgroupPath: `/sys/fs/cgroup/skiff/${id}`, resources: {}, privileged: false,
    maskedPaths: DEFAULT_MASKED_PATHS, readonlyPaths: [], stdio: { stdin: null, stdout: outW, stderr: errW },
  };
  return { m, sys, libc, spec, outR, outW, errR, errW };
}

describe('startContainer', () => {
  it('runs the program as PID 1 in the prepared root with the container hostname', async () => {
    const id = 'a1b2c3d4e5f6'.repeat(5) + 'abcd';
    const { sys, spec, outR, outW, errR, errW } = await setup(id, ['probe', 'hi']);
    const started = await startContainer(sys, spec);
    await sys.close(outW);
    await sys.close(errW);
    const [out, err] = await Promise.all([readToEnd(sys, outR), readToEnd(sys, errR)]);
    const w = await sys.wait4(started.pid, 0);
    expect(w.ok && exitCodeOf(w.value.status)).toBe(3);
    expect(out).toBe(`hi|host=${id.slice(0, 12)}|pid=1|uid=0|root=bin,dev,etc,proc,sys,tmp\n`);
    expect(err).toBe('env=PATH=/bin,HOME=/root\n');
    // The runtime's own writes (/etc/hostname...) went to the upper dir; the layer is untouched.
    const libc = new Libc(sys);
    expect((await libc.readdir(`/var/lib/skiff/layers/${id}/etc`)).map((d) => d.name).sort()).toEqual(['.', '..', 'group', 'passwd']);
    expect(await libc.readTextFile(`/var/lib/skiff/containers/${id}/diff/etc/hostname`)).toBe(`${id.slice(0, 12)}\n`);
  });

  it('reports a missing program like runc, with exit code 127, and a non-executable with 126', async () => {
    const { sys, spec } = await setup('f'.repeat(64), ['nosuch']);
    await expect(startContainer(sys, spec)).rejects.toMatchObject({
      message: 'error during container init: exec: "nosuch": executable file not found in $PATH', exitCode: 127,
    });
    spec.process.args = ['/bin/data'];
    await expect(startContainer(sys, spec)).rejects.toBeInstanceOf(RuntimeError);
    await expect(startContainer(sys, spec)).rejects.toMatchObject({ exitCode: 126 });
  });

  it('runs as the --user resolved from the container passwd', async () => {
    const { sys, spec, outR, outW, errW } = await setup('e'.repeat(64), ['probe'], 'nobody');
    const started = await startContainer(sys, spec);
    await sys.close(outW);
    await sys.close(errW);
    expect(await readToEnd(sys, outR)).toContain('|uid=65534|');
    await sys.wait4(started.pid, 0);
  });
});
