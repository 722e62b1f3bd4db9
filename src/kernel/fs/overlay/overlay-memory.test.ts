// Overlay writes land in the upper tmpfs, so they are memory: copy-up and writes charge file
// pages (kernel.memory.shmem), deleting gives them back, and a file deleted through the overlay
// while open keeps its pages until the last close (the open overlay file holds its upper file).
import { beforeAll, describe, expect, it } from 'vitest';
import { AT_FDCWD, O } from '../../../abi/index.js';
import { bootTestMachine, must } from '../../vfs/test-harness.js';
import { registerOverlay } from './index.js';
import { overlay, writeFile } from './overlay-fixture.js';

beforeAll(() => registerOverlay());

const MiB = 1024 * 1024;

describe('overlay upper pages are memory', () => {
  it('copy-up and writes charge pages; unlink while open keeps them until the last close', async () => {
    const { kernel, root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'lib/big': 'x'.repeat(100_000) }]);
    const base = kernel.memory.shmem;
    const fd = must(await sys.openat(AT_FDCWD, `${p.merged}/lib/big`, O.WRONLY | O.APPEND));
    expect(kernel.memory.shmem - base).toBe(Math.ceil(100_000 / 4096) * 4096); // the copy-up
    must(await sys.write(fd, new Uint8Array(MiB)));
    const grown = kernel.memory.shmem - base;
    expect(grown).toBe(Math.ceil((100_000 + MiB) / 4096) * 4096);

    const reader = must(await sys.openat(AT_FDCWD, `${p.merged}/lib/big`, O.RDONLY));
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/lib/big`, 0));
    must(await sys.close(fd));
    expect(kernel.memory.shmem - base).toBe(grown); // the reader still holds it
    expect(must(await sys.pread(reader, 4, 100_000 + MiB - 4)).length).toBe(4);
    must(await sys.close(reader));
    expect(kernel.memory.shmem - base).toBe(0);
  });

  it('a file made in upper and deleted gives its pages back', async () => {
    const { kernel, root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'etc/': null }]);
    const base = kernel.memory.shmem;
    await writeFile(sys, `${p.merged}/new`, 'y'.repeat(10_000));
    expect(kernel.memory.shmem - base).toBe(12_288);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/new`, 0));
    expect(kernel.memory.shmem - base).toBe(0);
  });
});
