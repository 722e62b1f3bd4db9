import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../abi/tree-entry.js';
import { createLayerTar, readLayerTar } from './layer-tar.js';
import { classifyOciEntry, ociToOverlay, overlayToOci, type OverlayEntry } from './whiteout.js';

const t = 1_600_000_000_000;
const overlayUpper = (): OverlayEntry[] => [
  { path: 'etc', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: t },
  { path: 'etc/motd', type: 'chardev', mode: 0, uid: 0, gid: 0, mtimeMs: t, devmajor: 0, devminor: 0 },
  { path: 'var/cache', type: 'dir', mode: 0o750, uid: 7, gid: 8, mtimeMs: t, opaque: true },
  { path: 'var/cache/new', type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: t, data: Buffer.from('n') },
  { path: 'dev/null', type: 'chardev', mode: 0o666, uid: 0, gid: 0, mtimeMs: t, devmajor: 1, devminor: 3 },
];

describe('whiteouts', () => {
  it('converts overlay whiteouts and opaque dirs to OCI names', () => {
    const oci = overlayToOci(overlayUpper());
    const paths = oci.map((e) => e.path);
    expect(paths).toContain('etc/.wh.motd');
    expect(paths).toContain('var/cache/.wh..wh..opq');
    expect(paths).not.toContain('etc/motd');
    expect(oci.find((e) => e.path === 'etc/.wh.motd')).toMatchObject({ type: 'file', mode: 0o600 });
    expect(oci.find((e) => e.path === 'var/cache/.wh..wh..opq')).toMatchObject({ type: 'file', uid: 7, gid: 8 });
    expect(oci.find((e) => e.path === 'dev/null')).toMatchObject({ type: 'chardev', devmajor: 1, devminor: 3 });
    expect(oci.some((e) => 'opaque' in e)).toBe(false);
  });

  it('round-trips overlay → OCI tar → overlay', async () => {
    const tarBytes = await createLayerTar(overlayToOci(overlayUpper()));
    const back = ociToOverlay(await readLayerTar(tarBytes));
    const key = (e: OverlayEntry) => `${e.path} ${e.type} ${e.devmajor ?? ''}/${e.devminor ?? ''} ${e.opaque ? 'opaque' : ''}`;
    expect(back.map(key).sort()).toEqual(overlayUpper().map(key).sort());
  });

  it('classifies OCI entries', () => {
    const f = (path: string): TreeEntry => ({ path, type: 'file', mode: 0, uid: 0, gid: 0, mtimeMs: 0 });
    expect(classifyOciEntry(f('a/.wh.b'))).toEqual({ kind: 'whiteout', target: 'a/b' });
    expect(classifyOciEntry(f('.wh.top'))).toEqual({ kind: 'whiteout', target: 'top' });
    expect(classifyOciEntry(f('a/.wh..wh..opq'))).toEqual({ kind: 'opaque', dir: 'a' });
    expect(classifyOciEntry(f('a/.wh..wh.plnk'))).toEqual({ kind: 'meta' });
    expect(classifyOciEntry(f('a/b.wh.c'))).toEqual({ kind: 'entry' });
    expect(() => classifyOciEntry(f('a/.wh.'))).toThrow(/invalid whiteout entry "a\/.wh."/);
  });

  it('synthesises the directory of an opaque marker that comes alone', () => {
    const out = ociToOverlay([{ path: 'd/.wh..wh..opq', type: 'file', mode: 0o600, uid: 0, gid: 0, mtimeMs: 0 }]);
    expect(out).toEqual([{ path: 'd', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0, opaque: true }]);
  });
});
