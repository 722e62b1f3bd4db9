import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../abi/tree-entry.js';
import { applyLayer, flattenLayers, resolveInTree, type LayerTree } from './apply-layer.js';

const dir = (path: string, mode = 0o755): TreeEntry => ({ path, type: 'dir', mode, uid: 0, gid: 0, mtimeMs: 0 });
const file = (path: string, body = path, mode = 0o644): TreeEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, mtimeMs: 0, data: Buffer.from(body) });
const link = (path: string, linkname: string): TreeEntry => ({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: 0, linkname });
const hard = (path: string, linkname: string): TreeEntry => ({ path, type: 'hardlink', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, linkname });
const wh = (path: string): TreeEntry => file(path, '', 0o600);

const base = (): TreeEntry[] => [dir('etc'), file('etc/passwd'), file('etc/group'), dir('var'), dir('var/cache'), file('var/cache/a'), dir('var/cache/sub'), file('var/cache/sub/b')];
const paths = (entries: TreeEntry[]) => entries.map((e) => e.path);
const content = (entries: TreeEntry[], p: string) => Buffer.from(entries.find((e) => e.path === p)!.data!).toString();

describe('applyLayer / flattenLayers', () => {
  it('a whiteout deletes the entry and its subtree from lower layers', () => {
    const out = flattenLayers([base(), [wh('var/.wh.cache'), wh('etc/.wh.group')]]);
    expect(paths(out)).toEqual(['etc', 'etc/passwd', 'var']);
  });

  it('an opaque marker clears the lower content of the dir but keeps this layer\'s', () => {
    const out = flattenLayers([base(), [dir('var/cache'), wh('var/cache/.wh..wh..opq'), file('var/cache/new')]]);
    expect(paths(out)).toEqual(['etc', 'etc/group', 'etc/passwd', 'var', 'var/cache', 'var/cache/new']);
  });

  it('whiteouts act on lower layers only, not on same-layer entries', () => {
    const out = flattenLayers([[dir('d')], [file('d/x', 'new'), wh('d/.wh.x')]]);
    expect(content(out, 'd/x')).toBe('new');
  });

  it('a file replaces a directory with its subtree, a dir over a dir keeps children', () => {
    const out = flattenLayers([base(), [file('var/cache', 'now a file'), dir('etc', 0o700)]]);
    expect(paths(out)).toEqual(['etc', 'etc/group', 'etc/passwd', 'var', 'var/cache']);
    expect(out.find((e) => e.path === 'etc')!.mode).toBe(0o700);
  });

  it('creates missing parents', () => {
    expect(paths(flattenLayers([[file('a/b/c')]]))).toEqual(['a', 'a/b', 'a/b/c']);
  });

  it('resolves parents through symlinks inside the tree, never outside', () => {
    const tree: LayerTree = new Map();
    applyLayer(tree, [dir('real'), link('abs', '/real'), link('rel', '../../../real'), link('up', '../../..')]);
    applyLayer(tree, [file('abs/one'), file('rel/two'), file('up/three')]);
    expect([...tree.keys()].sort()).toEqual(['abs', 'real', 'real/one', 'real/two', 'rel', 'three', 'up']);
    expect(resolveInTree(tree, 'up/up/etc/passwd')).toBe('etc/passwd');
  });

  it('refuses a symlink loop and a file used as a directory, leaving the tree unchanged', () => {
    const tree: LayerTree = new Map();
    applyLayer(tree, [link('loop', 'loop'), file('f')]);
    const before = [...tree.entries()];
    expect(() => applyLayer(tree, [file('ok'), file('loop/x')])).toThrow(/"loop\/x": too many levels of symbolic links/);
    expect(() => applyLayer(tree, [file('ok'), file('f/x')])).toThrow(/"f\/x": "f" is not a directory/);
    expect([...tree.entries()]).toEqual(before);
  });

  it('refuses unsafe entries and hard links to missing or outside targets, changing nothing', () => {
    const tree: LayerTree = new Map();
    applyLayer(tree, base());
    const before = [...tree.entries()];
    expect(() => applyLayer(tree, [file('new'), file('../x')])).toThrow(/"\.\.\/x"/);
    expect(() => applyLayer(tree, [file('new'), file('/etc/x')])).toThrow(/"\/etc\/x": absolute path/);
    expect(() => applyLayer(tree, [hard('h', '../../etc/passwd')])).toThrow(/"h": hard link target .* points outside the tree/);
    expect(() => applyLayer(tree, [hard('h', 'nope')])).toThrow(/"h": hard link target "nope" does not exist/);
    expect([...tree.entries()]).toEqual(before);
  });

  it('hard links keep the data when their target is deleted or replaced', () => {
    const out = flattenLayers([
      [file('a', 'shared'), hard('b', 'a'), hard('c', 'a')],
      [wh('.wh.a')],
    ]);
    expect(out.find((e) => e.path === 'b')).toMatchObject({ type: 'file' });
    expect(content(out, 'b')).toBe('shared');
    expect(out.find((e) => e.path === 'c')).toMatchObject({ type: 'hardlink', linkname: 'b' });
    const replaced = flattenLayers([[file('a', 'old'), hard('b', 'a')], [file('a', 'new')]]);
    expect(content(replaced, 'a')).toBe('new');
    expect(content(replaced, 'b')).toBe('old');
  });

  it('a root opaque marker clears everything below', () => {
    expect(paths(flattenLayers([base(), [wh('.wh..wh..opq'), file('only')]]))).toEqual(['only']);
  });
});
