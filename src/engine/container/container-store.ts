// The container table with lookups by full ID, name (with or without "/") and unique ID
// prefix, as moby resolves them, and atomic persistence of each record under
// <dataRoot>/containers/<id>/config.v2.json.
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../api/index.js';
import { parseRfc3339 } from '../util/time-format.js';
import type { ContainerRecord } from './container-record.js';

/** The record's file, and the complete new copy that replaces it. */
const RECORD = 'config.v2.json';
const NEXT = 'config.v2.json.next';

/**
 * Writes a container record in `dir` so that a crash at any point leaves a complete one for
 * readRecord: the new copy is written in full beside the old, the old unlinked, the new renamed
 * into place. Synchronous and without fsync: a record is a few KiB written at every state change
 * (three times in a `docker run`), and the blocking write (~65 µs) is cheaper than thread-pool
 * round trips or an fsync (1-9 ms on this disk). Not a rename over the old file: ext4 flushes
 * the data of a file renamed over another (auto_da_alloc), which triples the cost (~200 µs).
 * A daemon crash (the simulated machine's power cut) keeps every completed write, as the host's
 * page cache outlives the process; a power cut of the real host may lose recent records.
 * `first`: the record of a new container (its directory is made, there is no old record).
 */
export function writeRecordSync(dir: string, data: string, first = false): void {
  const next = join(dir, NEXT);
  if (first) mkdirSync(dir, { recursive: true });
  writeFileSync(next, data, { mode: 0o600 });
  if (!first) {
    try {
      unlinkSync(join(dir, RECORD));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  renameSync(next, join(dir, RECORD));
}

/** The record writeRecordSync left in `dir`: the record, or (crashed between unlink and rename) the complete new copy. */
export async function readRecord(dir: string): Promise<string> {
  try {
    return await readFile(join(dir, RECORD), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return await readFile(join(dir, NEXT), 'utf8');
  }
}

/** All containers by ID, with the name index and persistence. */
export class ContainerStore {
  private readonly byId = new Map<string, ContainerRecord>();
  /** Name → record (Invariant: holds exactly the records of byId, under their current names). */
  private readonly names = new Map<string, ContainerRecord>();
  /** Records with a file on the data root (loaded or saved once): later saves replace it. */
  private readonly stored = new WeakSet<ContainerRecord>();

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
        const rec = JSON.parse(await readRecord(join(this.root, id))) as ContainerRecord;
        if (rec.id !== id) throw new Error('ID mismatch');
        this.byId.set(id, rec);
        this.names.set(rec.name, rec);
        this.stored.add(rec);
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
    const named = this.names.get(ref.replace(/^\//, ''));
    if (named) return named;
    if (!/^[0-9a-f]+$/.test(ref)) return undefined;
    const matches = [...this.byId.values()].filter((c) => c.id.startsWith(ref));
    if (matches.length > 1) throw ApiError.invalidParameter(`multiple IDs found with provided prefix: ${ref}`);
    return matches[0];
  }

  /** The container holding `name`, if any. */
  byName(name: string): ContainerRecord | undefined {
    return this.names.get(name);
  }

  /** Adds a new record. Atomic: no await between the name check and the insert (caller checks). */
  add(rec: ContainerRecord): void {
    this.byId.set(rec.id, rec);
    this.names.set(rec.name, rec);
  }

  /** Renames a container in the table (the caller checked that `name` is free, and saves). */
  rename(rec: ContainerRecord, name: string): void {
    if (this.names.get(rec.name) === rec) this.names.delete(rec.name);
    rec.name = name;
    this.names.set(name, rec);
  }

  /**
   * Persists `rec` as it is now (writeRecordSync: the write is done when this returns, so writes
   * of one container cannot overtake each other). A removed container is not written back.
   */
  async save(rec: ContainerRecord): Promise<void> {
    if (this.byId.get(rec.id) !== rec) return;
    const first = !this.stored.has(rec);
    writeRecordSync(this.dir(rec.id), JSON.stringify(rec), first); // compact, as moby writes it
    if (first) this.stored.add(rec);
  }

  /** Forgets a container and deletes its directory (logs included). */
  async remove(id: string): Promise<void> {
    const rec = this.byId.get(id);
    this.byId.delete(id);
    if (rec && this.names.get(rec.name) === rec) this.names.delete(rec.name);
    await rm(this.dir(id), { recursive: true, force: true });
  }
}

