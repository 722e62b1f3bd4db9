// Redirections: opened and dup2'ed onto the real descriptors, so builtins and children see
// them alike. With `save`, the previous descriptors are kept (F_DUPFD_CLOEXEC >= 10, as ash
// does) and restore() puts them back. Here-documents are fed through a pipe.
import { Errno, F, O, strerror, ErrnoError } from '../../../abi/index.js';
import type { Redir } from '../ast.js';
import { expandWord } from '../expand/expand.js';
import type { Ctx } from './context.js';
import { forkShell } from './fork.js';

/** Saved descriptors: [fd, saved copy or -1 if fd was closed]. */
export type SavedFds = [number, number][];

/** Raised when a redirection fails (the message is printed); commands get status 1. */
export class RedirError {
  constructor(readonly status = 1) {}
}

/** Applies redirections in order; returns what restore() needs when `save` is set. */
export async function applyRedirs(ctx: Ctx, redirs: Redir[], save: boolean): Promise<SavedFds> {
  const saved: SavedFds = [];
  try {
    for (const r of redirs) {
      if (save && !saved.some(([fd]) => fd === r.fd)) {
        const d = await ctx.sys.fcntl(r.fd, F.DUPFD_CLOEXEC, 10);
        saved.push([r.fd, d.ok ? d.value : -1]);
      }
      await applyOne(ctx, r);
    }
  } catch (e) {
    if (save) await restoreRedirs(ctx, saved);
    throw e;
  }
  return saved;
}

/** Undoes applyRedirs (flushing buffered output first). */
export async function restoreRedirs(ctx: Ctx, saved: SavedFds): Promise<void> {
  if (!saved.length) return;
  await ctx.flushOut();
  for (let i = saved.length - 1; i >= 0; i--) {
    const [fd, copy] = saved[i];
    if (copy < 0) await ctx.sys.close(fd);
    else {
      await ctx.sys.dup2(copy, fd);
      await ctx.sys.close(copy);
    }
  }
}

async function applyOne(ctx: Ctx, r: Redir): Promise<void> {
  if (r.heredoc) {
    const text = r.heredoc.quoted ? (r.heredoc.body.parts[0] as { text: string } | undefined)?.text ?? '' : await expandWord(ctx, r.heredoc.body, 'none');
    await heredoc(ctx, r.fd, text);
    return;
  }
  const target = await expandWord(ctx, r.target, 'word');
  if (r.op === '<&' || r.op === '>&') {
    if (target === '-') { await ctx.sys.close(r.fd); return; }
    if (!/^\d+$/.test(target)) {
      if (r.op === '>&') return openOnto(ctx, r.fd, target, '>', 2);
      await ctx.msg(`${target}: bad number`);
      throw new RedirError(2);
    }
    const from = Number(target);
    if (from === r.fd) {
      const st = await ctx.sys.fcntl(from, F.GETFD);
      if (!st.ok) { await ctx.msg(`${target}: ${strerror(Errno.EBADF)}`); throw new RedirError(); }
      return;
    }
    const d = await ctx.sys.dup2(from, r.fd);
    if (!d.ok) {
      await ctx.msg(`${target}: ${strerror(d.errno)}`);
      throw new RedirError();
    }
    return;
  }
  await openOnto(ctx, r.fd, target, r.op, -1);
}

async function openOnto(ctx: Ctx, fd: number, path: string, op: string, alsoFd: number): Promise<void> {
  let flags: number;
  switch (op) {
    case '<': flags = O.RDONLY; break;
    case '<>': flags = O.RDWR | O.CREAT; break;
    case '>>': flags = O.WRONLY | O.CREAT | O.APPEND; break;
    case '>':
      flags = O.WRONLY | O.CREAT | O.TRUNC;
      if (ctx.st.opts.has('noclobber')) flags = O.WRONLY | O.CREAT | O.EXCL;
      break;
    default: flags = O.WRONLY | O.CREAT | O.TRUNC;
  }
  const r = await ctx.sys.openat(-100, path, flags, 0o666);
  if (!r.ok) {
    const e = r.errno;
    const reading = op === '<';
    const detail = e === Errno.ENOENT || e === Errno.ENOTDIR ? (reading ? 'no such file' : 'nonexistent directory') : strerror(e);
    await ctx.msg(`can't ${reading ? 'open' : 'create'} ${path}: ${detail}`);
    throw new RedirError();
  }
  if (r.value !== fd) {
    await ctx.sys.dup2(r.value, fd);
    await ctx.sys.close(r.value);
  }
  if (alsoFd >= 0) await ctx.sys.dup2(fd, alsoFd);
}

/** Feeds `text` to `fd` through a pipe (a child writes it when it may not fit the buffer). */
async function heredoc(ctx: Ctx, fd: number, text: string): Promise<void> {
  const [rd, wr] = await ctx.libc.pipe();
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= 4096) {
    if (bytes.length) await ctx.libc.writeAll(wr, bytes);
    await ctx.sys.close(wr);
  } else {
    await forkShell(ctx, async (c) => {
      await c.sys.close(rd);
      try { await c.libc.writeAll(wr, bytes); } catch (e) { if (!(e instanceof ErrnoError)) throw e; }
      return 0;
    });
    await ctx.sys.close(wr);
  }
  if (rd !== fd) {
    await ctx.sys.dup2(rd, fd);
    await ctx.sys.close(rd);
  }
}
