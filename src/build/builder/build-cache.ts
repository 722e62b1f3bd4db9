// The build cache: which image a step produced, keyed by the parent image ID + the step's
// instruction text (with the build args it uses) + for COPY/ADD the content checksum. Kept in
// a JSON file (written atomically: temp file, fsync, rename) so it outlives the daemon, and
// able to say why a step missed (`explain`).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

/** What identifies a step for the cache. */
export interface CacheProbe {
  /** The image the step starts from ('' for scratch). */
  parentId: string;
  /** The instruction as it would be recorded (history `created_by`) plus anything else it depends on. */
  instruction: string;
  /** COPY/ADD content checksum, '' otherwise. */
  checksum: string;
}

/** A lookup's answer: the image when it hit, and a sentence either way. */
export interface CacheAnswer {
  imageId: string | null;
  reason: string;
}

interface CacheFile {
  version: 1;
  /** key → image ID. */
  entries: Record<string, string>;
  /** hash(parent + instruction) → last checksum seen (to explain content misses). */
  checksums: Record<string, string>;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** A persistent step cache in one JSON file. Safe for concurrent builds in one process. */
export class BuildCache {
  private data: CacheFile = { version: 1, entries: {}, checksums: {} };
  private loaded = false;
  private queue: Promise<unknown> = Promise.resolve();

  /** `file` is the JSON file (created on first store); null keeps the cache in memory only. */
  constructor(readonly file: string | null) {}

  private async load(): Promise<void> {
    if (this.loaded || this.file === null) { this.loaded = true; return; }
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<CacheFile>;
      if (parsed.version === 1) this.data = { version: 1, entries: parsed.entries ?? {}, checksums: parsed.checksums ?? {} };
    } catch {
      // missing or unreadable: start empty (a cache can always be rebuilt)
    }
    this.loaded = true;
  }

  private static key(p: CacheProbe): string {
    return sha(JSON.stringify([p.parentId, p.instruction, p.checksum]));
  }

  private static probeKey(p: CacheProbe): string {
    return sha(JSON.stringify([p.parentId, p.instruction]));
  }

  /**
   * Looks a step up. `exists` says whether an image ID is still in the store (a removed image
   * is a miss). The reason explains a miss: no entry for this parent, changed content, gone image.
   */
  async lookup(p: CacheProbe, exists: (id: string) => Promise<boolean>): Promise<CacheAnswer> {
    await this.load();
    const hit = this.data.entries[BuildCache.key(p)];
    const parent = p.parentId ? `parent ${short(p.parentId)}` : 'scratch';
    if (hit) {
      if (await exists(hit)) return { imageId: hit, reason: `same instruction${p.checksum ? ' and content' : ''} on ${parent}` };
      return { imageId: null, reason: `the cached image ${short(hit)} was removed` };
    }
    const lastSum = this.data.checksums[BuildCache.probeKey(p)];
    if (p.checksum && lastSum !== undefined && lastSum !== p.checksum) {
      return { imageId: null, reason: `the copied content changed (checksum ${lastSum.slice(0, 12)} -> ${p.checksum.slice(0, 12)})` };
    }
    return { imageId: null, reason: `no cached result for this instruction on ${parent}` };
  }

  /** Records a step's image and saves the file. */
  async store(p: CacheProbe, imageId: string): Promise<void> {
    await this.load();
    this.data.entries[BuildCache.key(p)] = imageId;
    if (p.checksum) this.data.checksums[BuildCache.probeKey(p)] = p.checksum;
    await this.save();
  }

  private save(): Promise<void> {
    const file = this.file;
    if (file === null) return Promise.resolve();
    const run = this.queue.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(JSON.stringify(this.data));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, file);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
