// /proc/<pid>/mounts and /proc/<pid>/mountinfo: the mount table of a process's mount
// namespace as seen from its root (mounts outside the root are left out), in Linux's formats
// (fs/proc_namespace.c).
import { MS, major, minor } from '../../abi/index.js';
import type { Process } from '../task/process.js';
import { isPathUnder, pathString, type Mount, type PathRef } from '../vfs/mount.js';
import type { Dentry } from '../vfs/dentry.js';
import { escapePath } from './proc-util.js';

/** The path of `d` inside its superblock (mountinfo's `root` field). */
function pathInFs(d: Dentry): string {
  const parts: string[] = [];
  for (let x: Dentry | null = d; x && x.parent; x = x.parent) parts.push(x.name);
  return '/' + parts.reverse().join('/');
}

/** Per-mount options: ro/rw, nosuid, nodev, noexec and the atime policy. */
function mountOptions(m: Mount): string {
  const opts = [m.readonly ? 'ro' : 'rw'];
  if (m.flags & MS.NOSUID) opts.push('nosuid');
  if (m.flags & MS.NODEV) opts.push('nodev');
  if (m.flags & MS.NOEXEC) opts.push('noexec');
  if (m.flags & MS.NOATIME) opts.push('noatime');
  if (m.flags & MS.NODIRATIME) opts.push('nodiratime');
  if (!(m.flags & (MS.NOATIME | MS.STRICTATIME))) opts.push('relatime');
  return opts.join(',');
}

/** The mounts `p` can see from its root, parents first, with their mount points. */
function visibleMounts(p: Process): { m: Mount; point: string }[] {
  const root: PathRef = p.fs.root;
  const out: { m: Mount; point: string }[] = [];
  for (const m of p.ns.mnt.mounts()) {
    const top: PathRef = { mnt: m, dentry: m.root };
    if (!isPathUnder(top, root)) continue;
    out.push({ m, point: pathString(top, root).path });
  }
  return out;
}

/** /proc/<pid>/mounts (and /proc/mounts). */
export function mountsText(p: Process): string {
  if (!p.alive) return '';
  return visibleMounts(p).map(({ m, point }) => {
    const sbOpts = m.sb.options();
    return `${escapePath(m.sb.source)} ${escapePath(point)} ${m.sb.type} ${mountOptions(m)}${sbOpts ? ',' + sbOpts : ''} 0 0\n`;
  }).join('');
}

/** /proc/<pid>/mountinfo. */
export function mountinfoText(p: Process): string {
  if (!p.alive) return '';
  return visibleMounts(p).map(({ m, point }) => {
    const optional: string[] = [];
    if (m.propagation === 'shared' && m.peerGroup) optional.push(`shared:${m.peerGroup}`);
    if (m.propagation === 'unbindable') optional.push('unbindable');
    const dev = `${major(m.sb.dev)}:${minor(m.sb.dev)}`;
    const sbOpts = (m.sb.readonly ? 'ro' : 'rw') + (m.sb.options() ? ',' + m.sb.options() : '');
    const fields = [m.id, m.parent?.id ?? m.id, dev, escapePath(pathInFs(m.root)), escapePath(point), mountOptions(m), ...optional];
    return `${fields.join(' ')} - ${m.sb.type} ${escapePath(m.sb.source)} ${sbOpts}\n`;
  }).join('');
}
