// tty and stty: the terminal on stdin, through the terminal ioctls (TCGETS/TCSETS,
// TIOCGWINSZ/TIOCSWINSZ) and /proc/self/fd/0 for its name.
import { IOCTL, strerror, type Termios, type Winsize } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { errorMsg, parseArgs } from './lib/report.js';

/** tty [-s]: prints the name of the terminal on stdin ("not a tty", status 1, otherwise). */
export const tty: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 's', 'tty [-s]');
  if (!o) return 2;
  const isTty = (await ctx.sys.ioctl(0, IOCTL.TCGETS)).ok;
  if (o.has('s')) return isTty ? 0 : 1;
  if (!isTty) {
    await ctx.out.write('not a tty\n');
    return 1;
  }
  const name = await ctx.sys.readlinkat(-100, '/proc/self/fd/0');
  await ctx.out.write(`${name.ok ? name.value : 'not a tty'}\n`);
  return name.ok ? 0 : 1;
};

/** Boolean settings stty understands ("x" sets, "-x" clears). */
const FLAGS: Record<string, keyof Termios> = {
  echo: 'echo', icanon: 'icanon', isig: 'isig', onlcr: 'onlcr', icrnl: 'icrnl', opost: 'opost',
};

/** `stty raw` / `stty sane` as flag changes. */
const COMBOS: Record<string, Partial<Termios>> = {
  raw: { icanon: false, isig: false, icrnl: false, opost: false, echo: false },
  '-raw': { icanon: true, isig: true, icrnl: true, opost: true },
  cooked: { icanon: true, isig: true, icrnl: true, opost: true },
  sane: { icanon: true, isig: true, icrnl: true, opost: true, onlcr: true, echo: true },
};

/** stty [size | rows N | cols N | [-]echo | [-]icanon | [-]isig | [-]onlcr | [-]icrnl | [-]opost | raw | -raw | sane]... */
export const stty: Applet = async (ctx) => {
  const get = await ctx.sys.ioctl(0, IOCTL.TCGETS);
  if (!get.ok) {
    await errorMsg(ctx, `standard input: ${strerror(get.errno)}`);
    return 1;
  }
  const args = ctx.argv.slice(1);
  const winsize = async (): Promise<Winsize> => {
    const w = await ctx.sys.ioctl(0, IOCTL.TIOCGWINSZ);
    return w.ok ? (w.value as Winsize) : { rows: 0, cols: 0 };
  };
  if (args.length === 0) {
    const t = get.value as Termios;
    const w = await winsize();
    const flags = Object.keys(FLAGS).map((k) => (t[FLAGS[k]] === false ? `-${k}` : k));
    await ctx.out.write(`speed 38400 baud; rows ${w.rows}; columns ${w.cols}; line = 0;\n${flags.join(' ')}\n`);
    return 0;
  }
  const change: Partial<Termios> = {};
  let size: Winsize | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'size') {
      const w = await winsize();
      await ctx.out.write(`${w.rows} ${w.cols}\n`);
    } else if (a === 'rows' || a === 'cols' || a === 'columns') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 0) {
        await errorMsg(ctx, `invalid number '${args[i] ?? ''}'`);
        return 1;
      }
      size ??= await winsize();
      if (a === 'rows') size.rows = n;
      else size.cols = n;
    } else if (COMBOS[a]) {
      Object.assign(change, COMBOS[a]);
    } else if (FLAGS[a.replace(/^-/, '')]) {
      (change as Record<string, boolean>)[FLAGS[a.replace(/^-/, '')]] = !a.startsWith('-');
    } else {
      await errorMsg(ctx, `invalid argument '${a}'`);
      return 1;
    }
  }
  if (Object.keys(change).length) {
    const r = await ctx.sys.ioctl(0, IOCTL.TCSETSW, change);
    if (!r.ok) { await errorMsg(ctx, `standard input: ${strerror(r.errno)}`); return 1; }
  }
  if (size) {
    const r = await ctx.sys.ioctl(0, IOCTL.TIOCSWINSZ, size);
    if (!r.ok) { await errorMsg(ctx, `standard input: ${strerror(r.errno)}`); return 1; }
  }
  return 0;
};
