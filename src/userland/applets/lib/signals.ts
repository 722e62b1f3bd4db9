// Signal names as busybox prints and parses them (kill -l shows POLL for 29, as busybox does).
import { signalName, signalNumber } from '../../../abi/index.js';

/** The busybox name of signal `num` (without SIG), or undefined. */
export function sigName(num: number): string | undefined {
  if (num === 29) return 'POLL';
  return signalName(num);
}

/** Parses `TERM`, `SIGTERM`, `term`, `POLL`, `IO` or `15`; undefined if unknown. */
export function sigNumber(name: string): number | undefined {
  const up = name.toUpperCase().replace(/^SIG/, '');
  if (up === 'POLL') return 29;
  if (up === 'CLD') return 17;
  if (up === 'IOT') return 6;
  return signalNumber(up);
}
