// The initial mount namespace made at boot: a `rootfs` bottom mount (so pivot_root works from
// the host root, as on Linux) with a tmpfs root on it holding /dev (devtmpfs), /proc,
// /sys/fs/cgroup (empty mountpoints) and /tmp (mode 1777).
import { S } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { UserNamespace } from '../ns/user-namespace.js';
import { MountNamespace } from '../ns/mount-namespace.js';
import { makeTmpfs } from '../fs/tmpfs.js';
import { makeDevtmpfs } from '../fs/devtmpfs.js';
import type { MountRequest } from './fs-type-registry.js';
import type { Clock } from './kernel-services.js';
import { Mount, attachMount } from './mount.js';
import { addDentry, type Dentry } from './dentry.js';
import { FsContext } from './fs-context.js';

const NO_CTX = undefined as unknown as SyscallContext;

function mkdir(parent: Dentry, name: string, mode: number): Dentry {
  const r = parent.inode.create(name, S.IFDIR | mode, 0, 0, 0, NO_CTX);
  if (!r.ok) throw new Error(`boot: cannot create ${name}: errno ${r.errno}`);
  return addDentry(parent, name, r.value);
}

function must<T>(r: { ok: true; value: T } | { ok: false; errno: number }, what: string): T {
  if (!r.ok) throw new Error(`boot: cannot mount ${what}: errno ${r.errno}`);
  return r.value;
}

/** Builds the initial mount namespace and the context (root = cwd = `/`) of the first process. */
export function createRootMountNamespace(kernel: { readonly clock: Clock }, inum: number, userns: UserNamespace): { ns: MountNamespace; fs: FsContext } {
  const ns = new MountNamespace(inum, userns);
  const req: MountRequest = { source: 'rootfs', flags: 0, data: 'mode=755', clock: kernel.clock, userns };
  const rootfs = must(makeTmpfs(req, 'rootfs'), 'rootfs');
  ns.root = new Mount(rootfs, rootfs.root, 0, ns);
  const sb = must(makeTmpfs({ ...req, source: 'tmpfs' }), 'root tmpfs');
  const top = new Mount(sb, sb.root, 0, ns);
  attachMount(top, ns.root, rootfs.root);
  const root = sb.root;
  const dev = mkdir(root, 'dev', 0o755);
  mkdir(root, 'proc', 0o555);
  const sys = mkdir(root, 'sys', 0o555);
  mkdir(mkdir(sys, 'fs', 0o755), 'cgroup', 0o755);
  mkdir(root, 'tmp', 0o1777);
  const devSb = must(makeDevtmpfs({ ...req, source: 'devtmpfs', data: '' }), 'devtmpfs');
  attachMount(new Mount(devSb, devSb.root, 0, ns), top, dev);
  return { ns, fs: new FsContext({ mnt: top, dentry: root }) };
}
