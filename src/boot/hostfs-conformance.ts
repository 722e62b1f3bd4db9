// hostfs mount factories for the shared filesystem conformance suite (kernel/fs/fs.case.test.ts)
// and the hostfs escape tests: a fresh real directory under the system's temp folder, allowed
// for the test machine and mounted with hostfs. Lives in boot/ because it touches the real disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AT_FDCWD } from '../abi/index.js';
import { attachHostDirectories, registerHostfs } from '../kernel/fs/hostfs/index.js';
import { must, type TestMachine } from '../kernel/vfs/test-harness.js';
import { HostExports } from './host-directory.js';

let base: string | undefined;

/** A new empty real directory, removed when the process exits. */
export function tempHostDir(): string {
  if (!base) {
    const b = mkdtempSync(join(tmpdir(), 'skiff-hostfs-'));
    base = b;
    process.on('exit', () => rmSync(b, { recursive: true, force: true }));
  }
  return mkdtempSync(join(base, 'd-'));
}

/** Gives the test machine `dir` (and what is below it) and mounts it at `target`. */
export async function mountHostDir(m: TestMachine, dir: string, target: string, flags = 0): Promise<HostExports> {
  registerHostfs();
  const exports = new HostExports();
  exports.allow(dir);
  attachHostDirectories(m.kernel, exports);
  must(await m.root.mkdirat(AT_FDCWD, target, 0o755));
  must(await m.root.mount(dir, target, 'hostfs', flags, ''));
  return exports;
}

/** The shape of fs.case.test.ts's FsFactory. */
export interface HostfsFactory {
  name: string;
  setup(m: TestMachine): Promise<string>;
}

/** hostfs factories for the conformance suite. */
export const hostfsFactories: HostfsFactory[] = [
  {
    name: 'hostfs (a real temp directory)',
    async setup(m) {
      await mountHostDir(m, tempHostDir(), '/mnt');
      must(await m.root.fchmodat(AT_FDCWD, '/mnt', 0o777, 0));
      return '/mnt';
    },
  },
];
