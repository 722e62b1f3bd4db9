// A stand-in `sys` for unit tests of applets that need no filesystem: captures writes to fds
// 1 and 2, serves stdin from a string, and fails every other syscall with ENOSYS.
import { Errno, type Sys, type SysResult } from '../../../abi/index.js';
import type { AppletContext } from '../../applet.js';
import { Libc, stdio } from '../../libc/index.js';

/** Output captured from a run. */
export interface Captured {
  status: number;
  stdout: string;
  stderr: string;
}

/** A Sys whose only working calls are read(0), write(1|2) and a few identity getters. */
export function captureSys(stdin = ''): { sys: Sys; out: () => string; err: () => string } {
  const dec = new TextDecoder();
  let out = '';
  let err = '';
  let input = new TextEncoder().encode(stdin);
  const impl: Partial<Record<keyof Sys, (...a: never[]) => Promise<SysResult<unknown>>>> = {
    write: async (fd: number, data: Uint8Array) => {
      if (fd === 1) out += dec.decode(data, { stream: true });
      else if (fd === 2) err += dec.decode(data, { stream: true });
      else return { ok: false, errno: Errno.EBADF };
      return { ok: true, value: data.length };
    },
    read: async (fd: number, count: number) => {
      if (fd !== 0) return { ok: false, errno: Errno.EBADF };
      const chunk = input.subarray(0, count);
      input = input.subarray(chunk.length);
      return { ok: true, value: chunk };
    },
    close: async () => ({ ok: true, value: undefined }),
    getpid: async () => ({ ok: true, value: 42 }),
    geteuid: async () => ({ ok: true, value: 0 }),
    getegid: async () => ({ ok: true, value: 0 }),
  };
  const sys = new Proxy(impl, {
    get: (t, name) => (t as Record<string | symbol, unknown>)[name] ?? (async () => ({ ok: false, errno: Errno.ENOSYS })),
  }) as unknown as Sys;
  return { sys, out: () => out, err: () => err };
}

/** Runs an applet against captureSys and returns its status and output. */
export async function runCaptured(applet: (ctx: AppletContext) => Promise<number>, argv: string[], stdin = ''): Promise<Captured> {
  const c = captureSys(stdin);
  const { out, err } = stdio(c.sys);
  const status = await applet({ argv, envp: [], sys: c.sys, libc: new Libc(c.sys), out, err });
  await out.flush();
  return { status, stdout: c.out(), stderr: c.err() };
}
