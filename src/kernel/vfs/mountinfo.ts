// Text of /proc/<pid>/mountinfo and /proc/<pid>/mounts for a namespace seen from a root, for
// procfs to serve (formats as in proc(5)).
import { MS, major, minor } from '../../abi/index.js';
import type { MountNamespace } from '../ns/mount-namespace.js';
import { isPathUnder, pathString, type Mount, type PathRef } from './mount.js';

/** Per-mount options as the kernel prints them: `rw,nosuid,nodev,noexec,relatime`. */
export function mountOptions(m: Mount): string {
  const o = [m.readonly ? 'ro' : 'rw'];
  if (m.flags & MS.NOSUID) o.push('nosuid');
  if (m.flags & MS.NODEV) o.push('nodev');
  if (m.flags & MS.NOEXEC) o.push('noexec');
  if (m.flags & MS.NOATIME) o.push('noatime');
  else if (!(m.flags & MS.STRICTATIME)) o.push('relatime');
  return o.join(',');
}

/** Superblock options: `rw` or `ro` followed by the filesystem's own. */
function superOptions(m: Mount): string {
  const own = m.sb.options();
  return (m.sb.readonly ? 'ro' : 'rw') + (own ? `,${own}` : '');
}

/** The path of a mount's root inside its own filesystem (`/` unless a bind of a subdirectory). */
function rootWithinFs(m: Mount): string {
  const parts: string[] = [];
  for (let d = m.root; d.parent; d = d.parent) parts.push(d.name);
  return '/' + parts.reverse().join('/');
}

/** The mounts visible from `root` (under it), with their mount point paths. */
function visible(ns: MountNamespace, root: PathRef): { m: Mount; at: string }[] {
  const out: { m: Mount; at: string }[] = [];
  for (const m of ns.mounts()) {
    const top = { mnt: m, dentry: m.root };
    if (!isPathUnder(top, root)) continue;
    out.push({ m, at: pathString(top, root).path });
  }
  return out;
}

const escape = (s: string): string => s.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);

/** /proc/<pid>/mountinfo. */
export function mountinfo(ns: MountNamespace, root: PathRef): string {
  let out = '';
  for (const { m, at } of visible(ns, root)) {
    const optional = m.propagation === 'shared' ? ` shared:${m.peerGroup}` : m.propagation === 'slave' && m.peerGroup ? ` master:${m.peerGroup}` : m.propagation === 'unbindable' ? ' unbindable' : '';
    out += `${m.id} ${m.parent?.id ?? m.id} ${major(m.sb.dev)}:${minor(m.sb.dev)} ${escape(rootWithinFs(m))} ${escape(at)} ${mountOptions(m)}${optional} - ${m.sb.type} ${escape(m.sb.source || 'none')} ${superOptions(m)}\n`;
  }
  return out;
}

/** /proc/<pid>/mounts (and /etc/mtab). */
export function procMounts(ns: MountNamespace, root: PathRef): string {
  let out = '';
  for (const { m, at } of visible(ns, root)) {
    const own = m.sb.options();
    out += `${escape(m.sb.source || 'none')} ${escape(at)} ${m.sb.type} ${mountOptions(m)}${own ? `,${own}` : ''} 0 0\n`;
  }
  return out;
}
