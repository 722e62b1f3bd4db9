// The container table with lookups by full ID, name (with or without "/") and unique ID
// prefix, as moby resolves them, and atomic persistence of each record under
// <dataRoot>/containers/<id>/config.v2.json.
import { mkdir, readdir, readFile, rename, rm, open } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../api/index.js';
import { parseRfc3339 } from '../util/time-format.js';
import type { ContainerRecord } from './container-record.js';

/** Writes a file atomically: temp file, fsync, rename. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

/** All containers by ID, with the name index and persistence. */
export class ContainerStore {
  private readonly byId = new Map<string, ContainerRecord>();
  private readonly writes = new Map<string, Promise<void>>();

  constructor(readonly root: string) {}

  /** The directory of a container on the data root. */
  dir(id: string): string {
    return join(this.root, id);
  }

  /** Loads every stored container (unreadable ones are skipped and reported). */
  async load(): Promise<{ records: ContainerRecord[]; problems: string[] }> {
    await mkdir(this.root, { recursive: true });
    const problems: string[] = [];
    for (const id of await readdir(this.root)) {
      try {
        const rec = JSON.parse(await readFile(join(this.root, id, 'config.v2.json'), 'utf8')) as ContainerRecord;
        if (rec.id !== id) throw new Error('ID mismatch');
        this.byId.set(id, rec);
      } catch (e) {
        problems.push(`container ${id}: ${(e as Error).message}`);
      }
    }
    // Insertion order is creation order (the list breaks ties of whole-second Created with it):
    // readdir gives ID order, so re-insert by the nanosecond creation time.
    const ns = (r: ContainerRecord) => parseRfc3339(r.created) ?? 0n;
    const sorted = [...this.byId.values()].sort((a, b) => (ns(a) < ns(b) ? -1 : ns(a) > ns(b) ? 1 : 0));
    this.byId.clear();
    for (const r of sorted) this.byId.set(r.id, r);
    return { records: sorted, problems };
  }

  all(): ContainerRecord[] {
    return [...this.byId.values()];
  }

  /** Finds by full ID, exact name, or unique ID prefix; throws 404 "No such container: x". */
  get(ref: string): ContainerRecord {
    const found = this.find(ref);
    if (!found) throw ApiError.notFound(`No such container: ${ref}`);
    return found;
  }

  /** Like get, but undefined when absent. Ambiguous prefixes are an error (moby's wording). */
  find(ref: string): ContainerRecord | undefined {
    if (ref === '') return undefined;
    const exact = this.byId.get(ref);
    if (exact) return exact;
    const name = ref.replace(/^\//, '');
    for (const c of this.byId.values()) if (c.name === name) return c;
    if (!/^[0-9a-f]+$/.test(ref)) return undefined;
    const matches = [...this.byId.values()].filter((c) => c.id.startsWith(ref));
    if (matches.length > 1) throw ApiError.invalidParameter(`multiple IDs found with provided prefix: ${ref}`);
    return matches[0];
  }

  /** The container holding `name`, if any. */
  byName(name: string): ContainerRecord | undefined {
    for (const c of this.byId.values()) if (c.name === name) return c;
    return undefined;
  }

  /** Adds a new record. Atomic: no await between the name check and the insert (caller checks). */
  add(rec: ContainerRecord): void {
    this.byId.set(rec.id, rec);
  }

  /** Persists `rec` (writes for one container are serialised; the last one wins). */
  save(rec: ContainerRecord): Promise<void> {
    const data = JSON.stringify(rec, null, 1);
    const prev = this.writes.get(rec.id) ?? Promise.resolve();
    const next = prev.then(async () => {
      if (!this.byId.has(rec.id)) return;
      await mkdir(this.dir(rec.id), { recursive: true });
      await writeFileAtomic(join(this.dir(rec.id), 'config.v2.json'), data);
    });
    const settled = next.catch(() => undefined);
    this.writes.set(rec.id, settled);
    return next;
  }

  /** Forgets a container and deletes its directory (logs included). */
  async remove(id: string): Promise<void> {
    this.byId.delete(id);
    await (this.writes.get(id) ?? Promise.resolve());
    this.writes.delete(id);
    await rm(this.dir(id), { recursive: true, force: true });
  }
}

