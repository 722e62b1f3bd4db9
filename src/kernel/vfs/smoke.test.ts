import { describe, expect, it } from 'vitest';
import { AT_FDCWD, O } from '../../abi/index.js';
import { bootTestMachine, must } from './test-harness.js';

describe('smoke', () => {
  it('writes and reads a file', async () => {
    const m = bootTestMachine();
    const sys = m.root;
    const fd = must(await sys.openat(AT_FDCWD, '/tmp/a', O.CREAT | O.RDWR, 0o644));
    must(await sys.write(fd, new TextEncoder().encode('hello')));
    must(await sys.lseek(fd, 0, 0));
    const data = must(await sys.read(fd, 100));
    expect(new TextDecoder().decode(data)).toBe('hello');
    const u = await m.user(1000);
    expect(await u.openat(AT_FDCWD, '/tmp/a', O.WRONLY)).toEqual({ ok: false, errno: 13 });
  });
});
