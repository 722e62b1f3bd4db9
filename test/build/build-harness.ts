// Test harness for the builder: a real ImageStore in a temp dir with a busybox-like base image,
// the fake executor, context tars made with tar-stream, and message normalisation for comparing
// with the progress recorded from a real Docker engine (test/build/fixtures/*.jsonl).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { ImageStore } from '../../src/image/index.js';
import { buildAll, BuildCache, type BuildMessage, type BuildOptions, type BuilderDeps } from '../../src/build/index.js';
import { FakeExecutor } from './fake-executor.js';

/** A file of a test context: text, or data with a mode. */
export type ContextFile = string | { data: string | Uint8Array; mode?: number; mtime?: number } | { symlink: string };

/** Packs files into a context tar. */
export async function contextTar(files: Record<string, ContextFile>): Promise<Uint8Array> {
  const pack = tar.pack();
  for (const [name, f] of Object.entries(files)) {
    if (typeof f === 'string') pack.entry({ name, mode: 0o644, mtime: new Date(1000) }, f);
    else if ('symlink' in f) pack.entry({ name, type: 'symlink', linkname: f.symlink, mode: 0o777, mtime: new Date(1000) });
    else pack.entry({ name, mode: f.mode ?? 0o644, mtime: new Date(f.mtime ?? 1000) }, Buffer.from(f.data));
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const enc = new TextEncoder();

/** A store with `busybox:latest` (passwd, group, /bin/sh, /bin/busybox) and the fake executor. */
export async function harness(): Promise<{ dir: string; store: ImageStore; executor: FakeExecutor; deps: BuilderDeps; busyboxId: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'skiff-build-'));
  const store = await ImageStore.open(join(dir, 'images'));
  const t = 1_000_000;
  const layer = await store.putLayer([
    { path: 'bin', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: t },
    { path: 'bin/busybox', type: 'file', mode: 0o755, uid: 0, gid: 0, mtimeMs: t, data: enc.encode('busybox') },
    { path: 'bin/sh', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: t, linkname: 'busybox' },
    { path: 'etc', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: t },
    { path: 'etc/passwd', type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: t, data: enc.encode('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\nwww:x:33:33:www:/var/www:/bin/false\n') },
    { path: 'etc/group', type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: t, data: enc.encode('root:x:0:\nnogroup:x:65534:\nwww-data:x:33:\n') },
    { path: 'tmp', type: 'dir', mode: 0o1777, uid: 0, gid: 0, mtimeMs: t },
  ]);
  const busyboxId = await store.putImage({
    created: '2024-01-01T00:00:00Z',
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] },
    history: [{ created: '2024-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:busybox in / ' }],
  }, [layer], { tags: ['busybox:latest'] });
  const executor = new FakeExecutor(store);
  let clock = Date.parse('2026-01-01T00:00:00Z');
  let ids = 0;
  const deps: BuilderDeps = {
    store,
    executor,
    resolveBaseImage: async (ref) => {
      try {
        return await store.resolve(ref);
      } catch {
        throw new Error(`pull access denied for ${ref}, repository does not exist or may require 'docker login'`);
      }
    },
    cache: new BuildCache(join(dir, 'images', 'build-cache.json')),
    now: () => new Date((clock += 1000)),
    newContainerId: () => (++ids).toString(16).padStart(64, 'a'),
  };
  return { dir, store, executor, deps, busyboxId };
}

/** Builds and returns the messages, the concatenated text and the result. */
export async function run(deps: BuilderDeps, files: Record<string, ContextFile>, opts: Partial<BuildOptions> = {}) {
  const r = await buildAll({ context: await contextTar(files), tags: [], ...opts }, deps);
  const text = r.messages.map((m) => m.stream ?? '').join('');
  return { ...r, text };
}

/** Replaces 12- and 64-hex IDs by placeholders so runs compare with recorded ones. */
export function normalize(messages: BuildMessage[]): BuildMessage[] {
  return JSON.parse(JSON.stringify(messages)
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<id>')
    .replace(/\b[0-9a-f]{12}\b/g, '<id>')) as BuildMessage[];
}

/** A recorded fixture (one JSON message per line). */
export async function fixture(name: string): Promise<BuildMessage[]> {
  const text = await readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as BuildMessage);
}
