// Signal numbers (x86_64), default actions, sigaction dispositions and wait(2) status encoding.

/** Signal numbers. */
export const SIG = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10,
  SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19,
  TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28,
  IO: 29, PWR: 30, SYS: 31,
} as const;
export const NSIG = 65;

const byNumber: Record<number, string> = {};
for (const [name, num] of Object.entries(SIG)) byNumber[num] = name;

/** `SIGTERM` → 15; also accepts `TERM`, `term` and `15`. Returns undefined if unknown. */
export function signalNumber(name: string): number | undefined {
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n >= 0 && n < NSIG ? n : undefined;
  }
  const key = name.toUpperCase().replace(/^SIG/, '') as keyof typeof SIG;
  return SIG[key];
}

/** 15 → `TERM` (no SIG prefix), or undefined. Real-time signals come back as `RTMIN+n`. */
export function signalName(num: number): string | undefined {
  if (byNumber[num]) return byNumber[num];
  if (num >= 34 && num < NSIG) return num === 34 ? 'RTMIN' : `RTMIN+${num - 34}`;
  return undefined;
}

/** What happens when a signal with SIG_DFL disposition is delivered. */
export type DefaultAction = 'term' | 'core' | 'ignore' | 'stop' | 'cont';

/** The default action of a signal, from signal(7). */
export function defaultAction(sig: number): DefaultAction {
  switch (sig) {
    case SIG.CHLD: case SIG.URG: case SIG.WINCH: return 'ignore';
    case SIG.STOP: case SIG.TSTP: case SIG.TTIN: case SIG.TTOU: return 'stop';
    case SIG.CONT: return 'cont';
    case SIG.QUIT: case SIG.ILL: case SIG.TRAP: case SIG.ABRT: case SIG.BUS: case SIG.FPE:
    case SIG.SEGV: case SIG.XCPU: case SIG.XFSZ: case SIG.SYS: return 'core';
    default: return 'term';
  }
}

/** Signal disposition: default, ignore, or a handler installed by the program. */
export const SIG_DFL = 'default';
export const SIG_IGN = 'ignore';
export type SigHandler = (sig: number) => void | Promise<void>;
export type Disposition = typeof SIG_DFL | typeof SIG_IGN | SigHandler;

/** sigprocmask(2) how. */
export const SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

/** wait(2) status encoding, as the W* macros decode it. */
export const WaitStatus = {
  exited: (code: number): number => (code & 0xff) << 8,
  signaled: (sig: number, core = false): number => (sig & 0x7f) | (core ? 0x80 : 0),
  stopped: (sig: number): number => ((sig & 0xff) << 8) | 0x7f,
  continued: 0xffff,
} as const;
export const WIFEXITED = (s: number): boolean => (s & 0x7f) === 0;
export const WEXITSTATUS = (s: number): number => (s >> 8) & 0xff;
export const WIFSIGNALED = (s: number): boolean => ((s & 0x7f) + 1) >> 1 > 0 && (s & 0x7f) !== 0x7f && (s & 0x7f) !== 0;
export const WTERMSIG = (s: number): number => s & 0x7f;
export const WCOREDUMP = (s: number): boolean => (s & 0x80) !== 0;
export const WIFSTOPPED = (s: number): boolean => (s & 0xff) === 0x7f;
export const WSTOPSIG = (s: number): number => (s >> 8) & 0xff;
export const WIFCONTINUED = (s: number): boolean => s === 0xffff;

/** wait4(2) options. */
export const WNOHANG = 1, WUNTRACED = 2, WCONTINUED = 8;

/** The shell's view of a wait status: the exit code, or 128+signal. */
export function exitCodeOf(status: number): number {
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
