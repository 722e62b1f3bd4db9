// The value every syscall resolves to: data, never an exception (ARCHITECTURE.md, kernel model).
// libc turns `{ok: false}` back into ErrnoError; the kernel never throws across the syscall line.

/** Result of a syscall: the value on success or the errno on failure. */
export type SysResult<T> = { ok: true; value: T } | { ok: false; errno: number };

/** A successful result. */
export function ok<T>(value: T): SysResult<T> {
  return { ok: true, value };
}

/** A failed result carrying errno. */
export function fail<T = never>(errno: number): SysResult<T> {
  return { ok: false, errno };
}
