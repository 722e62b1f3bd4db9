// The mounts runc makes inside the container's new mount namespace before pivot_root: proc,
// a tmpfs /dev with the standard device nodes, /dev/pts, /dev/shm, a read-only /sys with
// /sys/fs/cgroup, /etc/{hostname,hosts,resolv.conf}, masked and read-only paths.
import { AT_FDCWD, Errno, ErrnoError, MNT, MS, S, makedev } from '../abi/index.js';
import type { Libc } from '../userland/libc/index.js';
import { mkdirp, resolveInRoot } from './fs-util.js';
import type { ContainerSpec, ExtraMount } from './spec.js';

/** The device nodes of a container's /dev (moby's default devices). */
export const DEFAULT_DEVICES: { name: string; major: number; minor: number }[] = [
  { name: 'null', major: 1, minor: 3 }, { name: 'zero', major: 1, minor: 5 }, { name: 'full', major: 1, minor: 7 },
  { name: 'random', major: 1, minor: 8 }, { name: 'urandom', major: 1, minor: 9 }, { name: 'tty', major: 5, minor: 0 },
];

/** /dev symlinks runc creates. */
const DEV_LINKS: [string, string][] = [
  ['fd', '/proc/self/fd'], ['stdin', '/proc/self/fd/0'], ['stdout', '/proc/self/fd/1'], ['stderr', '/proc/self/fd/2'],
  ['ptmx', 'pts/ptmx'], ['core', '/proc/kcore'],
];

/** /dev/shm's size when --shm-size is not given (Docker's 64 MiB). */
const DEFAULT_SHM_BYTES = 64 * 1024 * 1024;

/**
 * A user mount (--tmpfs, the docker-init bind) at its destination under the new root `r`,
 * creating the mount point as runc does: a directory, or an empty file for a file bind.
 */
async function mountExtra(libc: Libc, r: string, m: ExtraMount): Promise<void> {
  const target = await resolveInRoot(libc, r, m.destination); // an image's symlink cannot lead outside the root
  if (m.type === 'tmpfs') {
    await mkdirp(libc, target);
    const t = await libc.sys.mount('tmpfs', target, 'tmpfs', m.flags, m.data);
    if (!t.ok) throw new ErrnoError(t.errno, 'mount tmpfs', m.destination);
    return;
  }
  const source = m.source ?? '';
  const st = await libc.stat(source);
  if ((st.mode & S.IFMT) === S.IFDIR) await mkdirp(libc, target);
  else if (!(await libc.statOrUndefined(target))) {
    await mkdirp(libc, target.slice(0, target.lastIndexOf('/')) || '/');
    await libc.writeFile(target, '', 0o644);
  }
  const b = await libc.sys.mount(source, target, '', MS.BIND | m.flags, '');
  if (!b.ok) throw new ErrnoError(b.errno, 'bind mount', m.destination);
  if (m.flags & MS.RDONLY) {
    const ro = await libc.sys.mount(source, target, '', MS.BIND | MS.REMOUNT | m.flags, '');
    if (!ro.ok) throw new ErrnoError(ro.errno, 'remount read-only', m.destination);
  }
}

/** Filesystem types that may be missing from the kernel: the mount is skipped (and noted). */
const OPTIONAL = new Set([Errno.ENODEV]);

/** mount(2), throwing ErrnoError; returns false (and notes it) when the fs type does not exist. */
async function mountFs(libc: Libc, notes: string[], source: string, target: string, fstype: string, flags: number, data = ''): Promise<boolean> {
  const r = await libc.sys.mount(source, target, fstype, flags, data);
  if (r.ok) return true;
  if (OPTIONAL.has(r.errno as 19)) {
    notes.push(`${fstype} is not available: ${target} not mounted`);
    return false;
  }
  throw new ErrnoError(r.errno, `mount ${fstype}`, target);
}

/** The mounts inside the new root `r` (still in the engine's view of paths). Returns notes. */
export async function setupMounts(libc: Libc, spec: ContainerSpec, cgroupsEnabled: boolean): Promise<string[]> {
  const notes: string[] = [];
  const sys = libc.sys;
  const r = spec.rootfs;
  await sys.mount('', '/', '', MS.REC | MS.PRIVATE, ''); // like runc: no propagation back to the host

  await mkdirp(libc, `${r}/proc`);
  await mountFs(libc, notes, 'proc', `${r}/proc`, 'proc', MS.NOSUID | MS.NODEV | MS.NOEXEC);

  await mkdirp(libc, `${r}/dev`);
  await mountFs(libc, notes, 'tmpfs', `${r}/dev`, 'tmpfs', MS.NOSUID | MS.STRICTATIME, 'mode=755,size=65536k');
  for (const d of DEFAULT_DEVICES) {
    const path = `${r}/dev/${d.name}`;
    const m = await sys.mknodat(AT_FDCWD, path, S.IFCHR | 0o666, makedev(d.major, d.minor));
    if (!m.ok && m.errno !== Errno.EEXIST) throw new ErrnoError(m.errno, 'mknod', path);
    await sys.fchmodat(AT_FDCWD, path, 0o666, 0);
  }
  for (const [name, target] of DEV_LINKS) await sys.symlinkat(target, AT_FDCWD, `${r}/dev/${name}`);
  await mkdirp(libc, `${r}/dev/pts`);
  await mountFs(libc, notes, 'devpts', `${r}/dev/pts`, 'devpts', MS.NOSUID | MS.NOEXEC, 'newinstance,ptmxmode=0666,mode=0620,gid=5');
  await mkdirp(libc, `${r}/dev/shm`);
  const shmKiB = Math.max(1, Math.ceil((spec.shmSizeBytes ?? DEFAULT_SHM_BYTES) / 1024));
  await mountFs(libc, notes, 'shm', `${r}/dev/shm`, 'tmpfs', MS.NOSUID | MS.NODEV | MS.NOEXEC, `mode=1777,size=${shmKiB}k`);
  await mkdirp(libc, `${r}/dev/mqueue`);

  await mkdirp(libc, `${r}/sys`);
  const sysMounted = await mountFs(libc, notes, 'sysfs', `${r}/sys`, 'tmpfs', MS.NOSUID | MS.NODEV | MS.NOEXEC, 'mode=555');
  if (sysMounted) {
    await mkdirp(libc, `${r}/sys/fs/cgroup`);
    if (cgroupsEnabled) {
      const ro = spec.privileged ? 0 : MS.RDONLY;
      await mountFs(libc, notes, 'cgroup', `${r}/sys/fs/cgroup`, 'cgroup2', MS.NOSUID | MS.NODEV | MS.NOEXEC | MS.RELATIME | ro);
    }
    if (!spec.privileged) {
      const re = await sys.mount('sysfs', `${r}/sys`, 'tmpfs', MS.REMOUNT | MS.RDONLY | MS.NOSUID | MS.NODEV | MS.NOEXEC, 'mode=555');
      if (!re.ok) notes.push(`remount /sys read-only: ${new ErrnoError(re.errno).message}`);
    }
  }

  await mkdirp(libc, `${r}/etc`);
  await libc.writeFile(`${r}/etc/hostname`, spec.etc.hostname, 0o644);
  await libc.writeFile(`${r}/etc/hosts`, spec.etc.hosts, 0o644);
  await libc.writeFile(`${r}/etc/resolv.conf`, spec.etc.resolvConf, 0o644);
  for (const m of spec.mounts ?? []) await mountExtra(libc, r, m);

  if (!spec.privileged) {
    for (const p of spec.maskedPaths) {
      const st = await libc.statOrUndefined(`${r}${p}`);
      if (!st) continue;
      const m = (st.mode & S.IFMT) === S.IFDIR
        ? await sys.mount('tmpfs', `${r}${p}`, 'tmpfs', MS.RDONLY, '')
        : await sys.mount(`${r}/dev/null`, `${r}${p}`, '', MS.BIND, '');
      if (!m.ok) notes.push(`mask ${p}: ${new ErrnoError(m.errno).message}`);
    }
    for (const p of spec.readonlyPaths) {
      if (!(await libc.statOrUndefined(`${r}${p}`))) continue;
      const b = await sys.mount(`${r}${p}`, `${r}${p}`, '', MS.BIND | MS.REC, '');
      const m = b.ok ? await sys.mount(`${r}${p}`, `${r}${p}`, '', MS.BIND | MS.REMOUNT | MS.RDONLY | MS.REC, '') : b;
      if (!m.ok) notes.push(`read-only ${p}: ${new ErrnoError(m.errno).message}`);
    }
  }
  return notes;
}

/**
 * pivot_root into `root` the way runc does: pivot_root(".", ".") stacks the old root on the new
 * one, umount2(".", MNT_DETACH) lazily detaches it (umount2 resolves "." to the topmost mount,
 * like Linux's LOOKUP_MOUNTPOINT), leaving the new root as the mount namespace's root — which
 * is what setns() into /proc/<pid>/ns/mnt lands on for `docker exec`.
 */
export async function pivotInto(libc: Libc, root: string): Promise<void> {
  await libc.chdir(root);
  const p = await libc.sys.pivot_root('.', '.');
  if (!p.ok) throw new ErrnoError(p.errno, 'pivot_root', root);
  const u = await libc.sys.umount2('.', MNT.DETACH);
  if (!u.ok) throw new ErrnoError(u.errno, 'umount2', '.');
  await libc.chdir('/');
}
