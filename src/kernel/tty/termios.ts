// Terminal settings as the line discipline reads them: the full termios record (every optional
// field of the ABI's Termios filled in), Linux's initial pty settings, and TCSETS's merge.
import type { Termios, TermiosCc } from '../../abi/index.js';

/** A Termios with every field present. */
export type FullTermios = Required<Omit<Termios, 'cc'>> & { cc: TermiosCc };

/** Linux's initial control characters (tty_std_termios), as `stty sane` sets them. */
export const DEFAULT_CC: TermiosCc = {
  intr: 0x03, quit: 0x1c, erase: 0x7f, kill: 0x15, eof: 0x04, eol: 0, start: 0x11, stop: 0x13,
  susp: 0x1a, werase: 0x17, lnext: 0x16, reprint: 0x12, min: 1, time: 0,
};

/** Linux's initial termios of a pty slave (cooked mode, echo on, 38400 baud). */
export function defaultTermios(): FullTermios {
  return {
    echo: true, icanon: true, isig: true, onlcr: true, icrnl: true, inlcr: false, igncr: false,
    opost: true, echoe: true, echok: true, echonl: false, echoctl: true, echoke: true, iexten: true,
    ixon: true, noflsh: false, tostop: false, speed: 38400, cc: { ...DEFAULT_CC },
  };
}

/** A deep copy (what TCGETS hands out). */
export function copyTermios(t: FullTermios): FullTermios {
  return { ...t, cc: { ...t.cc } };
}

/**
 * Applies a whole or partial Termios from TCSETS*: known fields of the right type replace the
 * current ones, others are ignored. Returns false when `arg` is not an object (EINVAL).
 */
export function mergeTermios(t: FullTermios, arg: unknown): boolean {
  if (typeof arg !== 'object' || arg === null) return false;
  const src = arg as Record<string, unknown>;
  const target = t as unknown as Record<string, unknown>;
  for (const key of Object.keys(t)) {
    if (key === 'cc') continue;
    if (typeof src[key] === typeof target[key]) target[key] = src[key];
  }
  if (typeof src.cc === 'object' && src.cc !== null) {
    const cc = src.cc as Record<string, unknown>;
    const dst = t.cc as unknown as Record<string, number>;
    for (const key of Object.keys(t.cc)) {
      const v = cc[key];
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255) dst[key] = v;
    }
  }
  return true;
}
