// Volumes on the real disk, in Docker's layout: <dataRoot>/volumes/<name>/_data holds the files,
// and skiff keeps each volume's metadata beside it in <name>/skiff-volume.json (written
// atomically), where Docker has metadata.db. Only the "local" driver exists.
import { lstat, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../api/index.js';

/** One volume as stored. */
export interface VolumeRecord {
  name: string;
  /** RFC 3339 (seconds). */
  createdAt: string;
  labels: Record<string, string>;
  options: Record<string, string>;
}

/** The label moby puts on volumes it makes for a container (prune removes only those by default). */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

const META = 'skiff-volume.json';
const VALID_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** moby's local driver name check; the error is 400 "create <name>: …". */
export function validateVolumeName(name: string): void {
  if (name.length === 1) throw ApiError.invalidParameter(`create ${name}: volume name is too short, names should be at least two alphanumeric characters`);
  if (!VALID_NAME.test(name)) {
    throw ApiError.invalidParameter(`create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`);
  }
}

/** The volumes of one data root. */
export class VolumeStore {
  private readonly volumes = new Map<string, VolumeRecord>();
  private loaded: Promise<void> | undefined;
  /** Lets the machine mount a real directory with hostfs (set by the composition root). */
  allowHost: (dir: string) => void = () => undefined;

  constructor(readonly root: string) {}

  /** Reads the stored volumes (once). A folder without metadata (made by hand, or by Docker) is a volume too. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      await mkdir(this.root, { recursive: true });
      for (const name of await readdir(this.root)) {
        if (!VALID_NAME.test(name)) continue;
        const dir = join(this.root, name);
        const rec = await readFile(join(dir, META), 'utf8').then((t) => JSON.parse(t) as VolumeRecord, () => undefined);
        if (rec && rec.name === name) { this.volumes.set(name, rec); continue; }
        const st = await lstat(join(dir, '_data')).catch(() => undefined);
        if (st?.isDirectory()) this.volumes.set(name, { name, createdAt: st.birthtime.toISOString().replace(/\.\d+Z$/, 'Z'), labels: {}, options: {} });
      }
    })();
    return this.loaded;
  }

  all(): VolumeRecord[] {
    return [...this.volumes.values()];
  }

  get(name: string): VolumeRecord | undefined {
    return this.volumes.get(name);
  }

  /** The volume or 404 "get <name>: no such volume". */
  require(name: string): VolumeRecord {
    const v = this.volumes.get(name);
    if (!v) throw ApiError.notFound(`get ${name}: no such volume`);
    return v;
  }

  /** The folder of the volume's files on the host. */
  dataPath(name: string): string {
    return join(this.root, name, '_data');
  }

  /**
   * Creates a volume, or returns the one of that name (Docker's create is idempotent).
   * Atomic: no await between the lookup and the insert.
   */
  async create(name: string, createdAt: string, labels: Record<string, string> = {}, options: Record<string, string> = {}): Promise<VolumeRecord> {
    validateVolumeName(name);
    await this.load();
    const existing = this.volumes.get(name);
    if (existing) return existing;
    const rec: VolumeRecord = { name, createdAt, labels, options };
    this.volumes.set(name, rec);
    try {
      await mkdir(this.dataPath(name), { recursive: true, mode: 0o755 });
      const tmp = join(this.root, name, `.${META}.tmp`);
      await writeFile(tmp, JSON.stringify(rec));
      await rename(tmp, join(this.root, name, META));
    } catch (e) {
      this.volumes.delete(name);
      throw ApiError.system(`create ${name}: ${(e as Error).message}`);
    }
    return rec;
  }

  /** Deletes the volume and its files. */
  async remove(name: string): Promise<void> {
    this.volumes.delete(name);
    await rm(join(this.root, name), { recursive: true, force: true });
  }

  /** Bytes in the volume's files (symlinks counted, never followed). */
  async size(name: string): Promise<number> {
    const walk = async (p: string): Promise<number> => {
      const st = await lstat(p).catch(() => undefined);
      if (!st) return 0;
      if (!st.isDirectory()) return st.size;
      let total = 0;
      for (const n of await readdir(p).catch(() => [])) total += await walk(join(p, n));
      return total;
    };
    return walk(this.dataPath(name));
  }
}
