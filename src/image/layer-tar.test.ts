import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import type { TreeEntry } from '../abi/tree-entry.js';
import { computeDiffID } from './digest.js';
import { createLayerTar, gzipLayer, isGzip, readLayerTar, uncompressLayer } from './layer-tar.js';

const t = 1_700_000_000_000;
const sample = (): TreeEntry[] => [
  { path: 'etc/passwd', type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: t, data: Buffer.from('root:x:0:0::/root:/bin/sh\n') },
  { path: 'etc', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: t },
  { path: 'bin/sh', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: t, linkname: '/bin/busybox' },
  { path: 'bin', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: t },
  { path: 'bin/busybox', type: 'file', mode: 0o4755, uid: 0, gid: 0, mtimeMs: t, data: Buffer.from('BB') },
  { path: 'bin/zcat', type: 'hardlink', mode: 0o4755, uid: 0, gid: 0, mtimeMs: t, linkname: 'bin/busybox' },
  { path: 'dev/null', type: 'chardev', mode: 0o666, uid: 0, gid: 0, mtimeMs: t, devmajor: 1, devminor: 3 },
  { path: 'dev/sda', type: 'blockdev', mode: 0o660, uid: 0, gid: 6, mtimeMs: t, devmajor: 8, devminor: 0 },
  { path: 'dev', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: t },
  { path: 'run/fifo', type: 'fifo', mode: 0o600, uid: 1000, gid: 1000, mtimeMs: t },
  { path: 'home/u/secret', type: 'file', mode: 0, uid: 1000, gid: 100, mtimeMs: t, data: new Uint8Array() },
  { path: 'tmp', type: 'dir', mode: 0o1777, uid: 0, gid: 0, mtimeMs: t },
  { path: 'x/' + 'long-name-'.repeat(15) + 'end', type: 'file', mode: 0o644, uid: 300000, gid: 300001, mtimeMs: t, data: Buffer.from('L') },
];

async function rawTar(entries: { name: string; type?: 'file' | 'link' | 'directory' | 'symlink'; linkname?: string; body?: string }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.body !== undefined) pack.entry({ name: e.name, type: e.type ?? 'file' }, e.body);
    else pack.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname });
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('layer tar', () => {
  it('round-trips ownership, modes, mtimes, links and devices', async () => {
    const back = await readLayerTar(await createLayerTar(sample()));
    const byPath = new Map(back.map((e) => [e.path, e]));
    for (const orig of sample()) {
      const e = byPath.get(orig.path);
      expect(e, orig.path).toBeDefined();
      expect(e!.type).toBe(orig.type);
      expect(e!.mode).toBe(orig.mode);
      expect([e!.uid, e!.gid]).toEqual([orig.uid, orig.gid]);
      expect(e!.mtimeMs).toBe(orig.mtimeMs);
      if (orig.type === 'file') expect(Buffer.from(e!.data!).toString()).toBe(Buffer.from(orig.data!).toString());
      if (orig.linkname) expect(e!.linkname).toBe(orig.linkname);
      if (orig.devmajor !== undefined) expect([e!.devmajor, e!.devminor]).toEqual([orig.devmajor, orig.devminor]);
    }
    expect(back.map((e) => e.path)).toEqual([...back.map((e) => e.path)].sort());
  });

  it('is deterministic: the same tree in any order gives the same diffID', async () => {
    const a = await createLayerTar(sample());
    const b = await createLayerTar([...sample()].reverse());
    expect(computeDiffID(a)).toBe(computeDiffID(b));
    const changed = sample();
    changed[0] = { ...changed[0], mode: 0o600 };
    expect(computeDiffID(await createLayerTar(changed))).not.toBe(computeDiffID(a));
  });

  it('puts hard links after their target even when the link sorts first', async () => {
    const entries: TreeEntry[] = [
      { path: 'z/target', type: 'file', mode: 0o640, uid: 5, gid: 6, mtimeMs: t, data: Buffer.from('data') },
      { path: 'a/link', type: 'hardlink', mode: 0o640, uid: 5, gid: 6, mtimeMs: t, linkname: 'z/target' },
    ];
    const back = await readLayerTar(await createLayerTar(entries));
    expect(back.map((e) => [e.path, e.type, e.linkname])).toEqual([
      ['a/link', 'file', undefined],
      ['z/target', 'hardlink', 'a/link'],
    ]);
    expect(Buffer.from(back[0].data!).toString()).toBe('data');
  });

  it('refuses duplicate paths and hard links leaving the tree when writing', async () => {
    const f: TreeEntry = { path: 'a', type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: t, data: new Uint8Array() };
    await expect(createLayerTar([f, { ...f }])).rejects.toThrow(/"a": duplicate path/);
    await expect(createLayerTar([{ ...f, type: 'hardlink', linkname: '../../etc/passwd' }])).rejects.toThrow(/points outside the tree/);
    await expect(createLayerTar([{ ...f, path: '../x' }])).rejects.toThrow(/"\.\.\/x"/);
  });

  it('gzips and reads gzipped layers', async () => {
    const plain = await createLayerTar(sample());
    const gz = await gzipLayer(plain);
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(plain)).toBe(false);
    expect(Buffer.compare(await uncompressLayer(gz), plain)).toBe(0);
    expect((await readLayerTar(gz)).length).toBe(sample().length);
  });

  it('normalises ./ prefixes and drops the root entry', async () => {
    const buf = await rawTar([{ name: './', type: 'directory' }, { name: './a/b', body: 'x' }, { name: 'c//d/./e', body: 'y' }]);
    expect((await readLayerTar(buf)).map((e) => e.path)).toEqual(['a/b', 'c/d/e']);
  });

  it.each([
    ['../x', /"\.\.\/x": path escapes/],
    ['a/../../x', /"a\/\.\.\/\.\.\/x": path escapes/],
    ['/etc/x', /"\/etc\/x": absolute path/],
  ])('refuses the malicious name %s', async (name, message) => {
    await expect(readLayerTar(await rawTar([{ name: 'ok', body: '1' }, { name, body: 'evil' }]))).rejects.toThrow(message);
  });

  it('refuses a hard link to ../../etc/passwd naming the entry', async () => {
    const buf = await rawTar([{ name: 'innocent', type: 'link', linkname: '../../etc/passwd' }]);
    await expect(readLayerTar(buf)).rejects.toThrow(/"innocent": hard link target "\.\.\/\.\.\/etc\/passwd" points outside the tree/);
    const abs = await rawTar([{ name: 'innocent', type: 'link', linkname: '/etc/passwd' }]);
    await expect(readLayerTar(abs)).rejects.toThrow(/points outside the tree/);
  });

  it('keeps absolute symlink targets as data', async () => {
    const buf = await rawTar([{ name: 'etc/ln', type: 'symlink', linkname: '/etc/passwd' }]);
    expect((await readLayerTar(buf))[0]).toMatchObject({ path: 'etc/ln', type: 'symlink', linkname: '/etc/passwd' });
  });

  it('rejects bytes that are not a tar', async () => {
    await expect(readLayerTar(Buffer.alloc(1024, 7))).rejects.toThrow(/Invalid tar header/);
  });
});
