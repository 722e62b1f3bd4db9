// Reading processes from /proc the way ps, top, pidof and killall do: /proc/<pid>/stat (state,
// ppid, pgrp, session, times, vsize), status (uids, VmRSS) and cmdline.
import type { Libc } from '../../libc/index.js';
import { listDir } from './fsutil.js';

/** One process as ps sees it. */
export interface ProcInfo {
  pid: number; ppid: number; pgid: number; sid: number;
  comm: string; state: string; argv: string[];
  uid: number; gid: number; ruid: number; rgid: number;
  /** User+system CPU time in clock ticks (100 Hz). */
  ticks: number; startTicks: number; nice: number;
  vszKb: number; rssKb: number;
}

async function read(libc: Libc, path: string): Promise<string | undefined> {
  try { return await libc.readTextFile(path); } catch { return undefined; }
}

/** Parses /proc/<pid>/stat text (comm may contain spaces and parens). */
export function parseStat(text: string): Pick<ProcInfo, 'pid' | 'comm' | 'state' | 'ppid' | 'pgid' | 'sid' | 'ticks' | 'startTicks' | 'nice' | 'vszKb'> | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < 0) return undefined;
  const rest = text.slice(close + 2).trim().split(/\s+/);
  const n = (i: number): number => Number(rest[i] ?? 0);
  return {
    pid: Number(text.slice(0, open).trim()), comm: text.slice(open + 1, close), state: rest[0] ?? '?',
    ppid: n(1), pgid: n(2), sid: n(3), ticks: n(11) + n(12), nice: n(16), startTicks: n(19), vszKb: Math.floor(n(20) / 1024),
  };
}

/** Reads one process; undefined if it vanished meanwhile. */
export async function readProc(libc: Libc, pid: number): Promise<ProcInfo | undefined> {
  const stat = await read(libc, `/proc/${pid}/stat`);
  if (!stat) return undefined;
  const s = parseStat(stat);
  if (!s) return undefined;
  const status = (await read(libc, `/proc/${pid}/status`)) ?? '';
  const field = (name: string): string[] => (new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1] ?? '').trim().split(/\s+/);
  const uids = field('Uid').map(Number);
  const gids = field('Gid').map(Number);
  const rss = Number(field('VmRSS')[0] ?? 0) || 0;
  const cmdline = (await read(libc, `/proc/${pid}/cmdline`)) ?? '';
  const argv = cmdline.split('\0');
  if (argv[argv.length - 1] === '') argv.pop();
  return {
    ...s, pid, argv, ruid: uids[0] || 0, uid: uids[1] ?? uids[0] ?? 0, rgid: gids[0] || 0, gid: gids[1] ?? gids[0] ?? 0, rssKb: rss,
  };
}

/** All processes visible in /proc, by ascending PID. */
export async function listProcs(libc: Libc): Promise<ProcInfo[]> {
  let names: string[] = [];
  try { names = await listDir(libc, '/proc'); } catch { return []; }
  const pids = names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  const out: ProcInfo[] = [];
  for (const pid of pids) {
    const p = await readProc(libc, pid);
    if (p) out.push(p);
  }
  return out;
}

/** The COMMAND column: the command line, `{comm} args` if comm differs, `[comm]` if none. */
export function commandLine(p: ProcInfo): string {
  if (p.argv.length === 0) return `[${p.comm}]`;
  const base = p.argv[0].slice(p.argv[0].lastIndexOf('/') + 1);
  const args = p.argv.join(' ');
  return base.startsWith(p.comm) || p.comm.startsWith(base.slice(0, 15)) ? args : `{${p.comm}} ${args}`;
}
