// runc's pivot_root(".", ".") + umount2(".", MNT_DETACH): umount2 resolves its target like
// Linux's LOOKUP_MOUNTPOINT (the mount stacked on "."), so the OLD root is detached and the
// container cannot reach the host's root through "/..".
import { describe, expect, it } from 'vitest';
import { AT_FDCWD, CLONE, MNT, exitCodeOf } from '../../src/abi/index.js';
import { bootMachine } from '../../src/boot/machine.js';
import { Libc } from '../../src/userland/libc/index.js';

describe('kernel: umount2 after pivot_root(".", ".")', () => {
  it('detaches the old root stacked on ".", not the new root (LOOKUP_MOUNTPOINT)', async () => {
    const m = await bootMachine();
    const libc = new Libc(m.host.sys);
    await libc.writeFile('/tmp/host-marker', 'host', 0o644);
    await libc.mkdir('/newroot');
    const pid = await libc.fork(async (sys) => {
      const c = new Libc(sys);
      await sys.mount('tmpfs', '/newroot', 'tmpfs', 0, '');
      await c.chdir('/newroot');
      if (!(await sys.pivot_root('.', '.')).ok) return 10;
      if (!(await sys.umount2('.', MNT.DETACH)).ok) return 11;
      await c.chdir('/');
      // The old root must be gone: "/.." is "/" and the host's file is unreachable.
      const escaped = await sys.fstatat(AT_FDCWD, '/../tmp/host-marker', 0);
      return escaped.ok ? 12 : 0;
    }, CLONE.NEWNS);
    const w = await libc.waitpid(pid);
    expect(exitCodeOf(w.status)).toBe(0);
  });
});
