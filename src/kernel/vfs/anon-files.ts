// Open files with no path: pipes (pipefs) and custom host streams (anon inodes), e.g. the
// stdin/stdout/stderr the kernel core attaches to a spawned process.
import { O, S } from '../../abi/index.js';
import { SuperBlock } from './super-block.js';
import { AnonInode } from './inode.js';
import { OpenFile, type FileOps } from './open-file.js';
import { Pipe, pipeOps } from './pipe.js';
import type { Clock } from './kernel-services.js';

const EPOCH: Clock = { nowNs: () => 0 };
const pipefsByClock = new WeakMap<Clock, SuperBlock>();
const anonByClock = new WeakMap<Clock, SuperBlock>();

function sbFor(map: WeakMap<Clock, SuperBlock>, type: string, clock: Clock): SuperBlock {
  let sb = map.get(clock);
  if (!sb) {
    sb = new SuperBlock(type, clock, type);
    sb.setRoot(new AnonInode(sb, sb.allocIno(), S.IFDIR | 0o755, 0, 0));
    map.set(clock, sb);
  }
  return sb;
}

/**
 * A pipe: [read end, write end] descriptions (not yet in any fd table). `flags` may hold
 * O_NONBLOCK; owner is the creator (host IDs).
 */
export function createPipe(clock: Clock, flags: number, uid: number, gid: number): [OpenFile, OpenFile] {
  const sb = sbFor(pipefsByClock, 'pipefs', clock);
  const inode = new AnonInode(sb, sb.allocIno(), S.IFIFO | 0o600, uid, gid);
  const pipe = new Pipe();
  const nb = flags & O.NONBLOCK;
  const r = new OpenFile(O.RDONLY | nb, pipeOps, inode, null);
  const w = new OpenFile(O.WRONLY | nb, pipeOps, inode, null);
  pipe.attach(r);
  pipe.attach(w);
  return [r, w];
}

/**
 * An open file backed by custom operations (host byte streams, later sockets): install it
 * with FdTable.installFile. `mode` is what fstat shows (default a FIFO, as for piped stdio;
 * use S.IFCHR | 0o620 for a terminal). Times come from `clock` (default the epoch).
 */
export function openCustomFile(ops: FileOps, flags: number, options: { mode?: number; uid?: number; gid?: number; clock?: Clock } = {}): OpenFile {
  const sb = sbFor(anonByClock, 'anon_inodefs', options.clock ?? EPOCH);
  const inode = new AnonInode(sb, sb.allocIno(), options.mode ?? (S.IFIFO | 0o600), options.uid ?? 0, options.gid ?? 0);
  return new OpenFile(flags & ~O.CLOEXEC, ops, inode, null);
}
