// `docker rmi` and `docker image prune` as pure planning over an ImageTable, following moby's
// daemon/images/image_delete.go: untag before delete, conflicts (child images, containers,
// other references) with Docker's messages, `force`, parent pruning, `{Untagged}/{Deleted}` items.
import { createHash } from 'node:crypto';
import { shortId, type Digest, type DiffID } from './digest.js';
import { ImageError, noSuchImage } from './errors.js';
import { childrenOf, cloneTable, isDigestRef, type ImageRecord, type ImageTable } from './image-record.js';
import { resolveImage } from './image-resolve.js';
import { familiarString, normalizedString, parseReference, withDefaultTag } from './reference.js';

/** A container that uses an image, as the engine reports it. */
export interface ContainerRef {
  id: string;
  running: boolean;
}

/** Tells which containers use an image (engine-provided; none when absent). */
export type ContainersUsing = (imageId: Digest) => ContainerRef[];

/** One line of `docker rmi` output, Docker's wire shape. */
export type DeleteResponseItem = { Untagged: string } | { Deleted: string };

/** The outcome of a planned removal: the items to report and the table afterwards. */
export interface RemovePlan {
  items: DeleteResponseItem[];
  table: ImageTable;
  /** Images deleted (their blobs may now be unreferenced). */
  deleted: ImageRecord[];
}

/** Options of planRemove. */
export interface RemoveOptions {
  force?: boolean;
  /** Also delete untagged parents left dangling (Docker's default; `--no-prune` turns it off). */
  prune?: boolean;
  containersUsing?: ContainersUsing;
}

const DependentChild = 1, RunningContainer = 2, ActiveReference = 4, StoppedContainer = 8;
const Hard = DependentChild | RunningContainer;
const Soft = ActiveReference | StoppedContainer;

interface Conflict { hard: boolean; used: boolean; message: string }

/** The chain IDs of an image's layers (moby's layer identity: a layer plus all below it). */
export function chainIds(diffIds: readonly DiffID[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? d : 'sha256:' + createHash('sha256').update(`${prev} ${d}`).digest('hex'));
  }
  return out;
}

function isImageIdPrefix(id: string, input: string): boolean {
  return id.startsWith(input) || id.slice('sha256:'.length).startsWith(input);
}

function conflictError(id: Digest, c: Conflict): ImageError {
  return new ImageError('conflict', `conflict: unable to delete ${shortId(id)} (${c.hard ? 'cannot be forced' : 'must be forced'}) - ${c.message}`);
}

class Remover {
  readonly items: DeleteResponseItem[] = [];
  readonly deleted: ImageRecord[] = [];
  constructor(readonly table: ImageTable, private readonly using: ContainersUsing) {}

  private conflict(id: Digest, mask: number): Conflict | undefined {
    const img = this.table.get(id)!;
    if (mask & DependentChild && childrenOf(this.table, id).length > 0) {
      return { hard: true, used: false, message: 'image has dependent child images' };
    }
    const users = this.using(id);
    const running = users.find((c) => c.running);
    if (mask & RunningContainer && running) {
      return { hard: true, used: true, message: `image is being used by running container ${shortId(running.id)}` };
    }
    if (mask & ActiveReference && img.refs.length > 0) {
      return { hard: false, used: false, message: 'image is referenced in multiple repositories' };
    }
    const stopped = users.find((c) => !c.running);
    if (mask & StoppedContainer && stopped) {
      return { hard: false, used: true, message: `image is being used by stopped container ${shortId(stopped.id)}` };
    }
    return undefined;
  }

  private untag(img: ImageRecord, ref: string): void {
    img.refs = img.refs.filter((r) => r !== ref);
    this.items.push({ Untagged: familiarString(parseReference(ref)) });
  }

  remove(input: string, force: boolean, prune: boolean): void {
    const img = resolveImage(this.table, input);
    const id = img.id;
    let removedRepositoryRef = false;
    if (!isImageIdPrefix(id, input)) {
      const ref = normalizedString(withDefaultTag(parseReference(input)));
      if (!img.refs.includes(ref)) throw noSuchImage(familiarString(parseReference(ref)));
      const user = this.using(id)[0];
      if (user && img.refs.length === 1 && !force) {
        throw new ImageError('conflict', `conflict: unable to remove repository reference "${input}" (must force) - container ${shortId(user.id)} is using its referenced image ${shortId(id)}`);
      }
      this.untag(img, ref);
      const name = parseReference(ref).name;
      // The last tag of a repository takes that repository's digest references with it.
      if (!isDigestRef(ref) && !img.refs.some((r) => !isDigestRef(r) && parseReference(r).name === name)) {
        for (const r of img.refs.filter((r) => isDigestRef(r) && parseReference(r).name === name)) this.untag(img, r);
      }
      if (img.refs.length > 0) return;
      removedRepositoryRef = true;
    } else if (isSingleReference(img.refs)) {
      const mask = force ? Hard : Hard | (Soft & ~ActiveReference);
      const c = this.conflict(id, mask);
      if (c) throw conflictError(id, c);
      for (const r of [...img.refs]) this.untag(img, r);
    }
    this.deleteImage(id, force, prune, removedRepositoryRef);
  }

  private isDangling(id: Digest): boolean {
    return this.table.get(id)!.refs.length === 0 && childrenOf(this.table, id).length === 0;
  }

  private deleteImage(id: Digest, force: boolean, prune: boolean, quiet: boolean): void {
    const c = this.conflict(id, force ? Hard : Hard | Soft);
    if (c) {
      if (quiet && (!this.isDangling(id) || c.used)) return;
      throw conflictError(id, c);
    }
    const img = this.table.get(id)!;
    for (const r of [...img.refs]) this.untag(img, r);
    this.table.delete(id);
    this.deleted.push(img);
    this.items.push({ Deleted: id });
    const stillUsed = new Set<string>();
    for (const other of this.table.values()) for (const ch of chainIds(other.config.rootfs.diff_ids)) stillUsed.add(ch);
    for (const ch of chainIds(img.config.rootfs.diff_ids).reverse()) {
      if (!stillUsed.has(ch)) this.items.push({ Deleted: ch });
    }
    if (prune && img.parent && this.table.has(img.parent)) this.deleteImage(img.parent, false, true, true);
  }
}

/** moby's isSingleReference: one tag (plus digest references of that same repository). */
function isSingleReference(refs: readonly string[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  let single: string | undefined;
  const canonicalNames = new Set<string>();
  for (const r of refs) {
    if (isDigestRef(r)) canonicalNames.add(parseReference(r).name);
    else if (single === undefined) single = r;
    else return false;
  }
  const name = parseReference(single ?? refs[0]).name;
  return canonicalNames.size === 1 && canonicalNames.has(name);
}

/**
 * Plans `docker rmi <input>` on a copy of `table`. Throws ImageError: not-found, or conflict with
 * Docker's messages (`conflict: unable to remove repository reference "x" (must force) - …`,
 * `conflict: unable to delete <id12> (must be forced) - image is referenced in multiple repositories`, …).
 */
export function planRemove(table: ImageTable, input: string, opts: RemoveOptions = {}): RemovePlan {
  const r = new Remover(cloneTable(table), opts.containersUsing ?? (() => []));
  r.remove(input, opts.force ?? false, opts.prune ?? true);
  return { items: r.items, table: r.table, deleted: r.deleted };
}

/**
 * Plans `docker image prune` (`all`: `-a`): untagged head images (all unused images with `all`)
 * that no container uses are removed, with their dangling parents. Conflicts are skipped.
 */
export function planPrune(table: ImageTable, opts: { all?: boolean; containersUsing?: ContainersUsing } = {}): RemovePlan {
  const using = opts.containersUsing ?? (() => []);
  const r = new Remover(cloneTable(table), using);
  const candidates = [...r.table.values()]
    .filter((img) => opts.all || childrenOf(r.table, img.id).length === 0)
    .filter((img) => using(img.id).length === 0)
    .map((img) => img.id)
    .sort();
  const attempt = (input: string) => {
    try {
      r.remove(input, false, true);
    } catch (err) {
      if (!(err instanceof ImageError && (err.kind === 'conflict' || err.kind === 'not-found'))) throw err;
    }
  };
  for (const id of candidates) {
    const img = r.table.get(id);
    if (!img) continue;
    if (img.refs.length === 0) { attempt(id.slice(7)); continue; }
    const hasTag = img.refs.some((ref) => !isDigestRef(ref));
    if (opts.all || !hasTag) for (const ref of [...img.refs]) attempt(ref);
  }
  return { items: r.items, table: r.table, deleted: r.deleted };
}
