// stat: displays file status in busybox's layout, with -c FORMAT, -t terse and -L follow.
import { S, major, minor, strerror, type Stat } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { modeString } from './lib/format.js';
import { tryStat } from './lib/fsutil.js';
import { NameCache } from './lib/passwd.js';
import { errorMsg, parseArgs, showUsage } from './lib/report.js';
import { statDate } from './lib/strftime.js';

/** The file type words stat prints. */
export function fileTypeName(st: Stat): string {
  switch (st.mode & S.IFMT) {
    case S.IFREG: return st.size === 0 ? 'regular empty file' : 'regular file';
    case S.IFDIR: return 'directory';
    case S.IFLNK: return 'symbolic link';
    case S.IFCHR: return 'character special file';
    case S.IFBLK: return 'block special file';
    case S.IFIFO: return 'fifo';
    case S.IFSOCK: return 'socket';
    default: return 'weird file';
  }
}

async function expand(fmt: string, path: string, st: Stat, link: string | undefined, names: NameCache): Promise<string> {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') { out += c; continue; }
    const f = fmt[++i];
    if (f === undefined) { out += '%'; break; }
    switch (f) {
      case '%': out += '%'; break;
      case 'n': out += path; break;
      case 'N': out += link !== undefined ? `'${path}' -> '${link}'` : path; break;
      case 's': out += st.size; break;
      case 'a': out += (st.mode & 0o7777).toString(8); break;
      case 'A': out += modeString(st.mode); break;
      case 'b': out += st.blocks; break;
      case 'B': out += 512; break;
      case 'd': out += st.dev; break;
      case 'D': out += st.dev.toString(16); break;
      case 'f': out += st.mode.toString(16); break;
      case 'F': out += fileTypeName(st); break;
      case 'g': out += st.gid; break;
      case 'G': out += (await names.group(st.gid)) ?? 'UNKNOWN'; break;
      case 'h': out += st.nlink; break;
      case 'i': out += st.ino; break;
      case 'o': out += st.blksize; break;
      case 't': out += major(st.rdev).toString(16); break;
      case 'T': out += minor(st.rdev).toString(16); break;
      case 'u': out += st.uid; break;
      case 'U': out += (await names.user(st.uid)) ?? 'UNKNOWN'; break;
      case 'x': out += statDate(st.atime.sec, st.atime.nsec); break;
      case 'X': out += st.atime.sec; break;
      case 'y': out += statDate(st.mtime.sec, st.mtime.nsec); break;
      case 'Y': out += st.mtime.sec; break;
      case 'z': out += statDate(st.ctime.sec, st.ctime.nsec); break;
      case 'Z': out += st.ctime.sec; break;
      default: out += f;
    }
  }
  return out;
}

async function full(path: string, st: Stat, link: string | undefined, names: NameCache): Promise<string> {
  const fmt = st.mode & S.IFMT;
  const dev = fmt === S.IFCHR || fmt === S.IFBLK;
  const file = link !== undefined ? `'${path}' -> '${link}'` : path;
  const user = (await names.user(st.uid)) ?? 'UNKNOWN';
  const group = (await names.group(st.gid)) ?? 'UNKNOWN';
  const links = dev ? `${String(st.nlink).padEnd(5)} Device type: ${major(st.rdev).toString(16)},${minor(st.rdev).toString(16)}` : String(st.nlink);
  return `  File: ${file}\n`
    + `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(st.blocks).padEnd(10)} IO Block: ${String(st.blksize).padEnd(6)} ${fileTypeName(st)}\n`
    + `Device: ${st.dev.toString(16)}h/${st.dev}d\tInode: ${String(st.ino).padEnd(10)}  Links: ${links}\n`
    + `Access: (${(st.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(st.mode)})  Uid: (${String(st.uid).padStart(5)}/${user.padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${group.padStart(8)})\n`
    + `Access: ${statDate(st.atime.sec, st.atime.nsec)}\n`
    + `Modify: ${statDate(st.mtime.sec, st.mtime.nsec)}\n`
    + `Change: ${statDate(st.ctime.sec, st.ctime.nsec)}\n`;
}

function terse(path: string, st: Stat): string {
  return `${path} ${st.size} ${st.blocks} ${st.mode.toString(16)} ${st.uid} ${st.gid} ${st.dev.toString(16)} ${st.ino} ${st.nlink} ${major(st.rdev).toString(16)} ${minor(st.rdev).toString(16)} ${st.atime.sec} ${st.mtime.sec} ${st.ctime.sec} ${st.blksize}\n`;
}

/** stat [-ltL] [-c FMT] FILE... */
export const stat: Applet = async (ctx: AppletContext) => {
  const usage = 'stat [-ltf] [-c FMT] FILE...';
  const o = await parseArgs(ctx, 'c:fLt', usage, { long: { 'format:': 'c', dereference: 'L', terse: 't' } });
  if (!o) return 1;
  if (o.operands.length === 0) return showUsage(ctx, usage);
  if (o.has('f')) { await errorMsg(ctx, 'filesystem status is not supported'); return 1; }
  const names = new NameCache(ctx.libc);
  let status = 0;
  for (const path of o.operands) {
    const r = await tryStat(ctx.libc, path, o.has('L'));
    if (!r.st) { await errorMsg(ctx, `can't stat '${path}': ${strerror(r.errno!)}`); status = 1; continue; }
    let link: string | undefined;
    if ((r.st.mode & S.IFMT) === S.IFLNK) {
      const t = await ctx.sys.readlinkat(-100, path);
      if (t.ok) link = t.value;
    }
    if (o.has('c')) await ctx.out.write(`${await expand(o.get('c')!, path, r.st, link, names)}\n`);
    else if (o.has('t')) await ctx.out.write(terse(path, r.st));
    else await ctx.out.write(await full(path, r.st, link, names));
  }
  return status;
};
