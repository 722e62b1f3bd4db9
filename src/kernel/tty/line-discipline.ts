// The line discipline (Linux's n_tty) of one terminal: input processing (ICRNL, signal
// characters, canonical line editing with erase/kill/werase/EOF, echo) from the bytes typed at
// the master, and output processing (OPOST|ONLCR) of what programs write to the slave. It knows
// nothing of processes: signal characters are reported through `onSignal`, and the pty layer
// (tty.ts) does the blocking and waking.
import { SIG } from '../../abi/index.js';
import { ByteQueue } from '../vfs/byte-queue.js';
import { copyTermios, defaultTermios, mergeTermios, type FullTermios } from './termios.js';

/** Longest canonical line (Linux's N_TTY_BUF_SIZE - 1); further characters are dropped. */
export const MAX_CANON = 4095;
/** Bytes of typed input held for the slave's readers before master writes must wait. */
export const INPUT_CAPACITY = 65536;
/** Bytes of output held for the master's reader before slave writes must wait. */
export const OUTPUT_CAPACITY = 65536;

const NL = 0x0a, CR = 0x0d, TAB = 0x09, BS = 0x08, DEL = 0x7f;

/** Readable input: a completed canonical line (`line`, possibly empty at EOF) or raw bytes. */
interface InputChunk {
  bytes: Uint8Array;
  off: number;
  line: boolean;
}

const isCtrl = (c: number): boolean => c < 0x20 || c === DEL;
const isUtf8Continuation = (c: number): boolean => (c & 0xc0) === 0x80;

export class LineDiscipline {
  private termios: FullTermios = defaultTermios();
  /** Input the slave may read now. */
  private readonly ready: InputChunk[] = [];
  private readyBytes = 0;
  /** The canonical line being edited (not readable until a line end). */
  private edit: number[] = [];
  /** The previous character was VLNEXT: take the next one literally. */
  private literalNext = false;
  /** Output for the master to read (echo and processed slave writes). */
  readonly output = new ByteQueue();
  /** Told when a signal character (ISIG) is typed. */
  onSignal: (sig: number) => void = () => {};

  /** A copy of the settings (TCGETS). */
  get(): FullTermios {
    return copyTermios(this.termios);
  }

  /** Current settings (read-only use). */
  get settings(): Readonly<FullTermios> {
    return this.termios;
  }

  /**
   * TCSETS*: merges a whole or partial Termios. Switching canonical mode moves the pending
   * line as Linux does: to raw input when leaving it, back into the edit line when entering.
   * Returns false for a non-object (EINVAL).
   */
  set(arg: unknown, flushInput = false): boolean {
    const wasCanon = this.termios.icanon;
    if (!mergeTermios(this.termios, arg)) return false;
    if (flushInput) this.flushInput();
    const canon = this.termios.icanon;
    if (wasCanon && !canon && this.edit.length) {
      this.pushReady(Uint8Array.from(this.edit), false);
      this.edit = [];
    } else if (!wasCanon && canon) {
      const pending: number[] = [];
      while (this.ready.length && !this.ready[this.ready.length - 1].line) {
        const c = this.ready.pop()!;
        this.readyBytes -= c.bytes.length - c.off;
        pending.unshift(...c.bytes.subarray(c.off));
      }
      this.edit = pending.concat(this.edit);
    }
    return true;
  }

  /** Bytes the slave could read now (not counting the line being edited). */
  get readable(): number {
    return this.readyBytes;
  }

  /** Discards typed input (TCSETSF, signal characters). */
  flushInput(): void {
    this.ready.length = 0;
    this.readyBytes = 0;
    this.edit = [];
    this.literalNext = false;
  }

  // ---- input: master writes ----

  /** Is there room for more typed input? */
  get inputRoom(): number {
    return INPUT_CAPACITY - this.readyBytes - this.edit.length;
  }

  /**
   * Processes typed bytes until the input is full. Returns how many were consumed (the rest
   * must wait for the slave's readers).
   */
  receive(data: Uint8Array): number {
    let i = 0;
    for (; i < data.length; i++) {
      if (this.inputRoom <= 0) break;
      this.receiveByte(data[i]);
    }
    return i;
  }

  private receiveByte(byte: number): void {
    const t = this.termios;
    let c = byte;
    if (this.literalNext) {
      this.literalNext = false;
      this.insert(c);
      return;
    }
    if (c === CR) {
      if (t.igncr) return;
      if (t.icrnl) c = NL;
    } else if (c === NL && t.inlcr) c = CR;
    const cc = t.cc;
    if (t.isig && c !== 0) {
      const sig = c === cc.intr ? SIG.INT : c === cc.quit ? SIG.QUIT : c === cc.susp ? SIG.TSTP : 0;
      if (sig) {
        if (!t.noflsh) {
          this.flushInput();
          this.output.clear();
        }
        this.echo(c);
        this.onSignal(sig);
        return;
      }
    }
    if (t.ixon && c !== 0 && (c === cc.start || c === cc.stop)) return; // flow control is not modelled
    if (!t.icanon) {
      this.pushReady(Uint8Array.of(c), false);
      this.echo(c);
      return;
    }
    if (c !== 0 && (c === cc.erase || c === BS)) return this.erase(1);
    if (c !== 0 && c === cc.kill) return this.killLine();
    if (t.iexten && c !== 0 && c === cc.werase) return this.erase(2);
    if (t.iexten && c !== 0 && c === cc.lnext) {
      this.literalNext = true;
      return;
    }
    if (t.iexten && c !== 0 && c === cc.reprint) {
      this.echo(c);
      this.emit(Uint8Array.of(NL));
      for (const b of this.edit) this.echo(b);
      return;
    }
    if (c !== 0 && c === cc.eof) {
      this.commitLine();
      return;
    }
    if (c === NL || (c !== 0 && c === cc.eol)) {
      if (t.echo || (c === NL && t.echonl)) this.emit(Uint8Array.of(c));
      this.edit.push(c);
      this.commitLine();
      return;
    }
    this.insert(c);
  }

  /** Adds an ordinary character to the line (or, raw, to the readable input) and echoes it. */
  private insert(c: number): void {
    if (!this.termios.icanon) {
      this.pushReady(Uint8Array.of(c), false);
    } else {
      if (this.edit.length >= MAX_CANON) return;
      this.edit.push(c);
    }
    this.echo(c);
  }

  /** Ends the edit line (after a newline, EOL or EOF): it becomes one readable line. */
  private commitLine(): void {
    this.pushReady(Uint8Array.from(this.edit), true);
    this.edit = [];
  }

  private pushReady(bytes: Uint8Array, line: boolean): void {
    this.ready.push({ bytes, off: 0, line });
    this.readyBytes += bytes.length;
  }

  /** Erases one character (mode 1) or one word (mode 2, WERASE) from the edit line. */
  private erase(mode: 1 | 2): void {
    const t = this.termios;
    if (mode === 2) {
      while (this.edit.length && (this.edit[this.edit.length - 1] === 0x20 || this.edit[this.edit.length - 1] === TAB)) this.rubout();
      while (this.edit.length && this.edit[this.edit.length - 1] !== 0x20 && this.edit[this.edit.length - 1] !== TAB) this.rubout();
      return;
    }
    if (!this.edit.length) return;
    if (t.echo && !t.echoe) {
      this.echo(t.cc.erase);
      this.dropLast();
      return;
    }
    this.rubout();
  }

  /** Removes the last character (all bytes of a UTF-8 sequence) and wipes it on screen. */
  private rubout(): void {
    const c = this.dropLast();
    if (!this.termios.echo) return;
    const width = this.termios.echoctl && isCtrl(c) && c !== TAB ? 2 : 1;
    for (let k = 0; k < width; k++) this.emit(Uint8Array.of(BS, 0x20, BS));
  }

  private dropLast(): number {
    let c = this.edit.pop()!;
    while (isUtf8Continuation(c) && this.edit.length) c = this.edit.pop()!;
    return c;
  }

  private killLine(): void {
    const t = this.termios;
    if (!t.echo || t.echoke) {
      while (this.edit.length) this.rubout();
      return;
    }
    this.echo(t.cc.kill);
    this.edit = [];
    if (t.echok) this.emit(Uint8Array.of(NL));
  }

  /** Echoes a typed character (control characters as ^X with ECHOCTL). */
  private echo(c: number): void {
    const t = this.termios;
    if (!t.echo) return;
    if (t.echoctl && isCtrl(c) && c !== TAB && c !== NL) this.emit(Uint8Array.of(0x5e, c ^ 0x40));
    else this.emit(Uint8Array.of(c));
  }

  /** Echo output: processed like program output, but never waits for room. */
  private emit(bytes: Uint8Array): void {
    this.output.put(this.process(bytes, Infinity).out);
  }

  // ---- slave reads ----

  /**
   * Up to `count` bytes of typed input for a slave read: at most one line in canonical mode.
   * An empty array is end of file (EOF on an empty line); undefined means nothing yet (block).
   */
  read(count: number): Uint8Array | undefined {
    const t = this.termios;
    if (t.icanon) {
      const first = this.ready[0];
      if (!first) return undefined;
      const n = Math.min(count, first.bytes.length - first.off);
      const out = first.bytes.slice(first.off, first.off + n);
      first.off += n;
      this.readyBytes -= n;
      if (first.off >= first.bytes.length) this.ready.shift();
      return out;
    }
    const want = Math.min(count, Math.max(1, t.cc.min));
    if (this.readyBytes < want) return t.cc.min === 0 ? new Uint8Array(0) : undefined;
    const n = Math.min(count, this.readyBytes);
    const out = new Uint8Array(n);
    let off = 0;
    while (off < n) {
      const c = this.ready[0];
      const m = Math.min(c.bytes.length - c.off, n - off);
      out.set(c.bytes.subarray(c.off, c.off + m), off);
      off += m;
      c.off += m;
      if (c.off >= c.bytes.length) this.ready.shift();
    }
    while (this.ready.length && this.ready[0].off >= this.ready[0].bytes.length) this.ready.shift();
    this.readyBytes -= n;
    return out;
  }

  // ---- output: slave writes ----

  /**
   * Queues program output for the master, translating "\n" to "\r\n" under OPOST|ONLCR, as far
   * as the output queue has room. Returns how many bytes of `data` were taken.
   */
  write(data: Uint8Array): number {
    const room = OUTPUT_CAPACITY - this.output.length;
    const { out, taken } = this.process(data, room);
    this.output.put(out);
    return taken;
  }

  /** Output processing of `data` into at most `room` bytes. */
  private process(data: Uint8Array, room: number): { out: Uint8Array; taken: number } {
    const t = this.termios;
    if (!t.opost || !t.onlcr) {
      const taken = Math.min(data.length, room);
      return { out: data.subarray(0, taken), taken };
    }
    const out: number[] = [];
    let taken = 0;
    for (; taken < data.length; taken++) {
      const c = data[taken];
      const need = c === NL ? 2 : 1;
      if (out.length + need > room) break;
      if (c === NL) out.push(CR);
      out.push(c);
    }
    return { out: Uint8Array.from(out), taken };
  }
}
