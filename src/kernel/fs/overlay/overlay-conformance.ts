// Overlay mount factories for the shared filesystem conformance suite (fs.case.test.ts): each
// makes a fresh, empty, world-writable directory on an overlay mount. One is a plain upper
// over an empty lower; the other is a directory that comes from lower layers and was emptied
// through the overlay, so every case also exercises copy-up of parents and whiteouts.
import { AT, AT_FDCWD } from '../../../abi/index.js';
import { must, type TestMachine } from '../../vfs/test-harness.js';
import { registerOverlay } from './index.js';
import { fillLayer, mkdirp } from './overlay-fixture.js';

/** The shape of fs.case.test.ts's FsFactory. */
export interface OverlayFsFactory {
  name: string;
  setup(m: TestMachine): Promise<string>;
}

async function mountAt(m: TestMachine, lowers: string[]): Promise<void> {
  registerOverlay();
  await mkdirp(m.root, '/ov/u');
  await mkdirp(m.root, '/ov/w');
  must(await m.root.mkdirat(AT_FDCWD, '/mnt', 0o755));
  must(await m.root.mount('overlay', '/mnt', 'overlay', 0, `lowerdir=${lowers.join(':')},upperdir=/ov/u,workdir=/ov/w`));
}

async function ovTmpfs(m: TestMachine): Promise<void> {
  must(await m.root.mkdirat(AT_FDCWD, '/ov', 0o755));
  must(await m.root.mount('tmpfs', '/ov', 'tmpfs', 0, 'mode=755'));
}

/** Overlay factories for the conformance suite. */
export const overlayFsFactories: OverlayFsFactory[] = [
  {
    name: 'overlay (upper over an empty lower)',
    async setup(m) {
      await ovTmpfs(m);
      await mkdirp(m.root, '/ov/l');
      await mountAt(m, ['/ov/l']);
      must(await m.root.fchmodat(AT_FDCWD, '/mnt', 0o777, 0));
      return '/mnt';
    },
  },
  {
    name: 'overlay (lower directory emptied through the mount)',
    async setup(m) {
      await ovTmpfs(m);
      await fillLayer(m.root, '/ov/l1', { 'd/a': 'a', 'd/f': 'f', 'd/dir/x': 'x', 'd/one': 'one' });
      await fillLayer(m.root, '/ov/l2', { 'd/b': 'b', 'd/full/x': 'x', 'd/empty/': '' });
      must(await m.root.fchmodat(AT_FDCWD, '/ov/l1/d', 0o777, 0));
      await mountAt(m, ['/ov/l1', '/ov/l2']);
      for (const f of ['a', 'f', 'dir/x', 'one', 'b', 'full/x']) must(await m.root.unlinkat(AT_FDCWD, `/mnt/d/${f}`, 0));
      for (const f of ['dir', 'full', 'empty']) must(await m.root.unlinkat(AT_FDCWD, `/mnt/d/${f}`, AT.REMOVEDIR));
      return '/mnt/d';
    },
  },
];
