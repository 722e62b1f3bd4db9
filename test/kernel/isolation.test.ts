// Isolation made by hand, the way a container runtime does it: a process unshares PID, mount,
// UTS and IPC namespaces, pivot_roots into a tmpfs tree, mounts proc and sets a hostname. It must
// not see the host's processes, files, hostname or mounts; the host sees it under another PID.
import { describe, expect, it } from 'vitest';
import { CLONE, MNT, MS, type Sys } from '../../src/abi/index.js';
import { bootMachine } from '../../src/boot/machine.js';
import { Libc } from '../../src/userland/libc/index.js';

interface Seen {
  pid: number;
  procPids: string[];
  hostname: string;
  hostFileVisible: boolean;
  mounts: string;
  rootEntries: string[];
  ipcNs: string;
}

/** uname(2)'s nodename as `sys` sees it. */
async function nodename(sys: Sys): Promise<string> {
  const r = await sys.uname();
  return r.ok ? r.value.nodename : '';
}

async function buildContainerRoot(libc: Libc, sys: Sys): Promise<void> {
  await libc.mkdir('/tmp/newroot');
  const r = await sys.mount('tmpfs', '/tmp/newroot', 'tmpfs', 0, 'size=1m');
  if (!r.ok) throw new Error(`mount tmpfs: ${r.errno}`);
  for (const d of ['proc', 'oldroot', 'etc']) await libc.mkdir(`/tmp/newroot/${d}`);
  await libc.writeFile('/tmp/newroot/etc/hostname', 'box\n');
}

describe('a container made by hand is isolated by the kernel', () => {
  it('cannot see host processes, files, hostname or mounts; the host sees it under a host PID', async () => {
    const m = await bootMachine();
    const host = m.host.sys;
    const libc = new Libc(host);
    await buildContainerRoot(libc, host);
    await libc.writeFile('/etc/secret', 'host only\n');
    const sleeper = m.kernel.spawn({ argv: ['sleeper'], program: async (_a, _e, sys) => { await sys.nanosleep(3600e9); return 0; } });

    let seen: Seen | undefined;
    const hostIpc = await libc.readlink(`/proc/${m.host.pid}/ns/ipc`);
    const child = await libc.fork(async (sys) => {
      const c = new Libc(sys);
      await c.chdir('/tmp/newroot');
      const piv = await sys.pivot_root('.', 'oldroot');
      if (!piv.ok) return 10;
      await c.chdir('/');
      if (!(await sys.umount2('/oldroot', MNT.DETACH)).ok) return 11;
      if (!(await sys.mount('proc', '/proc', 'proc', MS.NOSUID | MS.NODEV | MS.NOEXEC, '')).ok) return 12;
      if (!(await sys.sethostname('box')).ok) return 13;
      seen = {
        pid: await c.getpid(),
        procPids: (await c.readdir('/proc')).map((e) => e.name).filter((n) => /^\d+$/.test(n)),
        hostname: await nodename(sys),
        hostFileVisible: (await c.statOrUndefined('/etc/secret')) !== undefined,
        mounts: await c.readTextFile('/proc/mounts'),
        rootEntries: (await c.readdir('/')).map((e) => e.name).filter((n) => n !== '.' && n !== '..').sort(),
        ipcNs: await c.readlink('/proc/self/ns/ipc'),
      };
      return 0;
    }, CLONE.NEWPID | CLONE.NEWNS | CLONE.NEWUTS | CLONE.NEWIPC);

    expect(child).toBeGreaterThan(1);
    const status = await libc.waitpid(child);
    expect(status.status).toBe(0);
    expect(seen).toBeDefined();
    expect(seen!.pid).toBe(1);
    expect(seen!.procPids).toEqual(['1']);
    expect(seen!.hostname).toBe('box');
    expect(seen!.hostFileVisible).toBe(false);
    expect(seen!.rootEntries).toEqual(['etc', 'oldroot', 'proc']);
    expect(seen!.mounts).not.toContain('/tmp');
    expect(seen!.mounts.trim().split('\n').length).toBe(2); // its root and its proc
    expect(seen!.ipcNs).not.toBe(hostIpc);
    // The host is untouched.
    expect(await nodename(host)).toBe('skiff');
    expect(await libc.readTextFile('/etc/secret')).toBe('host only\n');
    expect(sleeper.pid).not.toBe(1);
  });
});
