// stty: prints or changes terminal settings of stdin (or -F DEVICE), in busybox's format:
// no arguments shows the speed, the control characters and the flags that differ from `sane`;
// -a shows everything; `size`, `speed`, flag names (with - to clear), raw/-raw/cooked, sane,
// rows N, cols/columns N, and control characters (`intr ^C`). Flags skiff's termios does not
// model are shown at the value a Linux pty has.
import { ErrnoError, IOCTL, O, strerror, type Termios, type TermiosCc, type Winsize } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { tcgetattr, tcsetattr, TCSA } from '../libc/terminal.js';

type Group = 'control' | 'input' | 'output' | 'local';
type Field = Exclude<keyof Termios, 'cc' | 'speed'>;

/** One flag as stty lists it. `field` is skiff's termios field, else the flag is fixed at `fixed`. */
interface Flag {
  name: string;
  group: Group;
  /** set/unset by `sane`; null: neither (not shown by plain `stty`). */
  sane: boolean | null;
  /** May be cleared with a leading `-` (shown as -name in -a when off). */
  rev: boolean;
  field?: Field;
  fixed?: boolean;
}

const f = (name: string, group: Group, sane: boolean | null, rev: boolean, field?: Field, fixed = false): Flag => ({ name, group, sane, rev, field, fixed });

/** busybox's order. Delay classes and cs8 are fixed choices shown only by -a. */
const FLAGS: Flag[] = [
  f('parenb', 'control', null, true), f('parodd', 'control', null, true), f('cmspar', 'control', null, true),
  f('cs8', 'control', null, false, undefined, true), f('hupcl', 'control', null, true), f('cstopb', 'control', null, true),
  f('cread', 'control', true, true, undefined, true), f('clocal', 'control', null, true), f('crtscts', 'control', null, true),
  f('ignbrk', 'input', false, true), f('brkint', 'input', true, true, 'brkint'), f('ignpar', 'input', null, true),
  f('parmrk', 'input', null, true), f('inpck', 'input', null, true), f('istrip', 'input', null, true),
  f('inlcr', 'input', false, true, 'inlcr'), f('igncr', 'input', false, true, 'igncr'), f('icrnl', 'input', true, true, 'icrnl'),
  f('ixon', 'input', null, true, 'ixon'), f('ixoff', 'input', false, true), f('iuclc', 'input', false, true),
  f('ixany', 'input', false, true), f('imaxbel', 'input', true, true, 'imaxbel'), f('iutf8', 'input', false, true),
  f('opost', 'output', true, true, 'opost'), f('olcuc', 'output', false, true), f('ocrnl', 'output', false, true),
  f('onlcr', 'output', true, true, 'onlcr'), f('onocr', 'output', false, true), f('onlret', 'output', false, true),
  f('ofill', 'output', false, true), f('ofdel', 'output', false, true),
  ...['nl0', 'cr0', 'tab0', 'bs0', 'vt0', 'ff0'].map((n) => f(n, 'output', true, false, undefined, true)),
  f('isig', 'local', true, true, 'isig'), f('icanon', 'local', true, true, 'icanon'), f('iexten', 'local', true, true, 'iexten'),
  f('echo', 'local', true, true, 'echo'), f('echoe', 'local', true, true, 'echoe'), f('echok', 'local', true, true, 'echok'),
  f('echonl', 'local', false, true, 'echonl'), f('noflsh', 'local', false, true, 'noflsh'), f('xcase', 'local', false, true),
  f('tostop', 'local', false, true, 'tostop'), f('echoprt', 'local', false, true), f('echoctl', 'local', true, true, 'echoctl'),
  f('echoke', 'local', true, true, 'echoke'), f('flusho', 'local', false, true), f('extproc', 'local', false, true),
];

/** Control characters in display order; eol2, swtch and flush are fixed. */
const CC_NAMES: [string, keyof TermiosCc | number][] = [
  ['intr', 'intr'], ['quit', 'quit'], ['erase', 'erase'], ['kill', 'kill'], ['eof', 'eof'], ['eol', 'eol'],
  ['eol2', 0], ['swtch', 0], ['start', 'start'], ['stop', 'stop'], ['susp', 'susp'], ['rprnt', 'reprint'],
  ['werase', 'werase'], ['lnext', 'lnext'], ['flush', 0x0f],
];

const SANE_CC: TermiosCc = {
  intr: 0x03, quit: 0x1c, erase: 0x7f, kill: 0x15, eof: 0x04, eol: 0, start: 0x11, stop: 0x13,
  susp: 0x1a, werase: 0x17, lnext: 0x16, reprint: 0x12, min: 1, time: 0,
};

function flagValue(t: Termios, flag: Flag): boolean {
  return flag.field ? Boolean(t[flag.field]) : Boolean(flag.fixed);
}

function ccText(c: number): string {
  if (c === 0) return '<undef>';
  if (c === 0x7f) return '^?';
  if (c < 0x20) return `^${String.fromCharCode(c + 0x40)}`;
  return String.fromCharCode(c);
}

/** busybox's wrapf: items separated by a space, a new line when the next would reach maxCol. */
class Wrapper {
  text = '';
  private col = 0;

  constructor(private readonly maxCol: number) {}

  item(s: string): void {
    if (this.col > 0) {
      this.col++;
      if (this.col + s.length >= this.maxCol) {
        this.text += '\n';
        this.col = 0;
      } else {
        this.text += ' ';
      }
    }
    this.text += s;
    this.col += s.length;
  }

  newline(): void {
    if (this.col > 0) this.text += '\n';
    this.col = 0;
  }
}

/** The settings display: all of them (-a) or the ones that differ from sane. */
async function display(ctx: AppletContext, t: Termios, all: boolean, ws: Winsize | undefined): Promise<void> {
  const sized = ws !== undefined && ws.rows > 0 && ws.cols > 0;
  const w = new Wrapper(sized ? ws!.cols : 80);
  w.item(`speed ${t.speed ?? 38400} baud;`);
  if (all) {
    if (sized) w.item(`rows ${ws!.rows}; columns ${ws!.cols};`);
    else {
      // busybox reports the failed TIOCGWINSZ mid-line (recorded with a 0x0 pty).
      await ctx.out.write(w.text);
      await ctx.out.flush();
      w.text = '';
      await ctx.err.write('stty: standard input\n');
    }
  }
  w.item('line = 0;');
  w.newline();
  const cc = t.cc ?? SANE_CC;
  for (const [name, key] of CC_NAMES) w.item(`${name} = ${ccText(typeof key === 'number' ? key : cc[key])};`);
  w.item(`min = ${cc.min};`);
  w.item(`time = ${cc.time};`);
  w.newline();
  let group: Group = 'control';
  for (const flag of FLAGS) {
    if (flag.group !== group) {
      w.newline();
      group = flag.group;
    }
    const on = flagValue(t, flag);
    if (all) {
      if (on) w.item(flag.name);
      else if (flag.rev) w.item(`-${flag.name}`);
    } else if (on && flag.sane === false) {
      w.item(flag.name);
    } else if (!on && flag.sane === true && flag.rev) {
      w.item(`-${flag.name}`);
    }
  }
  w.newline();
  await ctx.out.write(w.text);
}

/** The settings `sane` makes. */
function sane(): Partial<Termios> {
  const out: Partial<Termios> = { cc: { ...SANE_CC } };
  for (const flag of FLAGS) if (flag.field && flag.sane !== null) (out as Record<string, unknown>)[flag.field] = flag.sane;
  return out;
}

const RAW_OFF: Field[] = ['brkint', 'inlcr', 'igncr', 'icrnl', 'ixon', 'imaxbel', 'opost', 'isig', 'icanon'];
const COOKED_ON: Field[] = ['brkint', 'icrnl', 'ixon', 'opost', 'isig', 'icanon'];

/** Parses a control-character value: ^X, ^?, ^-/undef, a single character or a number. */
function parseCc(v: string): number | undefined {
  if (v === '^-' || v === 'undef') return 0;
  if (v === '^?') return 0x7f;
  if (/^\^.$/.test(v)) return v.charCodeAt(1) & 0x1f;
  if (v.length === 1) return v.charCodeAt(0);
  if (/^\d+$/.test(v) && Number(v) < 256) return Number(v);
  return undefined;
}

export const stty: Applet = async (ctx) => {
  const args = ctx.argv.slice(1);
  let fd = 0;
  let all = false;
  const ops: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-a') all = true;
    else if (a === '-F') {
      const dev = args[++i];
      if (dev === undefined) { await ctx.err.write('stty: option requires an argument -- \'F\'\n'); return 1; }
      const r = await ctx.sys.openat(-100, dev, O.RDONLY | O.NONBLOCK | O.NOCTTY, 0);
      if (!r.ok) { await ctx.err.write(`stty: can't open '${dev}': ${strerror(r.errno)}\n`); return 1; }
      fd = r.value;
    } else ops.push(a);
  }
  let t: Termios;
  try {
    t = await tcgetattr(ctx.sys, fd);
  } catch (e) {
    if (!(e instanceof ErrnoError)) throw e;
    await ctx.err.write(`stty: standard input: ${strerror(e.errno)}\n`);
    return 1;
  }
  const wsr = await ctx.sys.ioctl(fd, IOCTL.TIOCGWINSZ);
  const ws = wsr.ok ? (wsr.value as Winsize) : undefined;
  if (ops.length === 0) {
    await display(ctx, t, all, ws);
    return 0;
  }
  const change: Partial<Termios> & Record<string, unknown> = {};
  const cc: Partial<TermiosCc> = {};
  let newSize: Winsize | undefined;
  const bad = async (a: string): Promise<number> => {
    await ctx.err.write(`stty: invalid argument '${a}'\n`);
    return 1;
  };
  for (let i = 0; i < ops.length; i++) {
    const a = ops[i];
    const neg = a.startsWith('-');
    const name = neg ? a.slice(1) : a;
    if (a === 'size') {
      if (!ws || ws.rows === 0 || ws.cols === 0) {
        // busybox prints an errno left over from earlier calls: recorded verbatim on a 0x0 pty.
        await ctx.err.write('stty: standard input: No child processes\n');
        return 1;
      }
      await ctx.out.write(`${ws.rows} ${ws.cols}\n`);
      continue;
    }
    if (a === 'speed') { await ctx.out.write(`${t.speed ?? 38400}\n`); continue; }
    if (a === 'sane') { Object.assign(change, sane()); continue; }
    if (name === 'raw' || (a === '-cooked')) {
      if (neg && name === 'raw') for (const fl of COOKED_ON) change[fl] = true;
      else { for (const fl of RAW_OFF) change[fl] = false; cc.min = 1; cc.time = 0; }
      continue;
    }
    if (a === 'cooked') { for (const fl of COOKED_ON) change[fl] = true; continue; }
    if (a === 'rows' || a === 'cols' || a === 'columns') {
      const v = ops[++i];
      if (v === undefined || !/^\d+$/.test(v)) return bad(v ?? a);
      newSize = { ...(newSize ?? ws ?? { rows: 0, cols: 0 }), [a === 'rows' ? 'rows' : 'cols']: Number(v) };
      continue;
    }
    const ccEntry = CC_NAMES.find(([n, k]) => n === a && typeof k !== 'number');
    if (ccEntry || a === 'min' || a === 'time') {
      const v = ops[++i];
      const c = v === undefined ? undefined : a === 'min' || a === 'time' ? (/^\d+$/.test(v) ? Number(v) : undefined) : parseCc(v);
      if (c === undefined) return bad(v ?? a);
      cc[(ccEntry ? ccEntry[1] : a) as keyof TermiosCc] = c;
      continue;
    }
    const flag = FLAGS.find((fl) => fl.name === name && fl.field && (!neg || fl.rev));
    if (!flag) return bad(a);
    change[flag.field!] = !neg;
  }
  if (Object.keys(cc).length) change.cc = { ...(change.cc ?? t.cc ?? SANE_CC), ...cc };
  if (Object.keys(change).length) await tcsetattr(ctx.sys, fd, TCSA.DRAIN, change);
  if (newSize) await ctx.sys.ioctl(fd, IOCTL.TIOCSWINSZ, newSize);
  return 0;
};
