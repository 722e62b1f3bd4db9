// /dev/console (5,1): writes go to the kernel console sink; reads see EOF (the console has no
// keyboard). Terminal ioctls answer as a simple 80x24 terminal so isatty() is true. Real
// terminals with a line discipline are the ptys of kernel/tty; /dev/tty (5,0) is there too.
import { Errno, IOCTL, type Termios, type Winsize } from '../../abi/index.js';
import type { FileOps } from './open-file.js';
import { servicesOf } from './kernel-services.js';

const EMPTY = new Uint8Array(0);

interface TtyState {
  termios: Termios;
  winsize: Winsize;
}

function stateOf(file: { private: unknown }): TtyState {
  return (file.private as TtyState | undefined) ?? (file.private = {
    termios: { echo: true, icanon: true, isig: true, onlcr: true },
    winsize: { rows: 24, cols: 80 },
  } satisfies TtyState) as TtyState;
}

/** The console driver. */
export const consoleOps: FileOps = {
  stream: true,
  read: () => ({ ok: true, value: EMPTY }),
  write(_f, ctx, data) {
    servicesOf(ctx).console?.write(data.slice());
    return { ok: true, value: data.length };
  },
  ioctl(file, ctx, request, arg) {
    const st = stateOf(file);
    switch (request) {
      case IOCTL.TCGETS: return { ok: true, value: { ...st.termios } };
      case IOCTL.TCSETS:
        if (typeof arg !== 'object' || arg === null) return { ok: false, errno: Errno.EINVAL };
        Object.assign(st.termios, arg);
        return { ok: true, value: 0 };
      case IOCTL.TIOCGWINSZ: return { ok: true, value: { ...st.winsize } };
      case IOCTL.TIOCSWINSZ:
        if (typeof arg !== 'object' || arg === null) return { ok: false, errno: Errno.EINVAL };
        Object.assign(st.winsize, arg);
        return { ok: true, value: 0 };
      case IOCTL.TIOCGPGRP: return { ok: true, value: ctx.proc.pgid };
      case IOCTL.TIOCSPGRP: case IOCTL.TIOCSCTTY: case IOCTL.TIOCNOTTY: return { ok: true, value: 0 };
      default: return { ok: false, errno: Errno.ENOTTY };
    }
  },
};
