import { mkdtempSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContainerStore } from './container-store.js';
import { createdState, type ContainerRecord } from './container-record.js';

const roots: string[] = [];
afterEach(() => { for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true }); });

function record(id: string, name: string): ContainerRecord {
  return {
    id, name, created: '2026-01-01T00:00:00.000000001Z', image: 'busybox', imageId: 'sha256:x', config: {}, hostConfig: {},
    networkingConfig: null, path: 'true', args: [], state: createdState(), restartCount: 0, cgroupPath: '', runtimeNotes: [],
  } as ContainerRecord;
}

async function storeWith(...recs: ContainerRecord[]): Promise<{ root: string; store: ContainerStore }> {
  const root = mkdtempSync(join(tmpdir(), 'skiff-store-'));
  roots.push(root);
  const store = new ContainerStore(root);
  for (const r of recs) { store.add(r); await store.save(r); }
  return { root, store };
}

describe('ContainerStore', () => {
  it('saves a record as config.v2.json alone and reloads the latest state', async () => {
    const a = record('a'.repeat(64), 'one');
    const { root } = await storeWith(a);
    const s1 = new ContainerStore(root);
    await s1.load();
    expect(s1.get('one').state.status).toBe('created');
    const s2 = new ContainerStore(root);
    await s2.load();
    const rec = s2.get('one');
    rec.state = { ...rec.state, status: 'exited', exitCode: 3 };
    await s2.save(rec);
    expect(readdirSync(join(root, a.id))).toEqual(['config.v2.json']);
    const s3 = new ContainerStore(root);
    await s3.load();
    expect(s3.get('one').state.exitCode).toBe(3);
  });

  it('a crash between removing the old record and renaming the new one loses nothing', async () => {
    const a = record('b'.repeat(64), 'two');
    const { root } = await storeWith(a);
    const dir = join(root, a.id);
    renameSync(join(dir, 'config.v2.json'), join(dir, 'config.v2.json.next'));
    const s = new ContainerStore(root);
    const { problems } = await s.load();
    expect(problems).toEqual([]);
    expect(s.get('two').id).toBe(a.id);
  });

  it('a torn new copy beside the record is ignored', async () => {
    const a = record('c'.repeat(64), 'three');
    const { root } = await storeWith(a);
    writeFileSync(join(root, a.id, 'config.v2.json.next'), '{"id":');
    const s = new ContainerStore(root);
    expect((await s.load()).problems).toEqual([]);
    expect(s.get('three').name).toBe('three');
    unlinkSync(join(root, a.id, 'config.v2.json.next'));
  });

  it('finds by name after a rename, and not by the old name', async () => {
    const a = record('d'.repeat(64), 'old');
    const { store } = await storeWith(a);
    store.rename(a, 'new');
    expect(store.find('/new')).toBe(a);
    expect(store.byName('old')).toBeUndefined();
    await store.remove(a.id);
    expect(store.byName('new')).toBeUndefined();
  });
});
