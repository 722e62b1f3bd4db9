// The image backend (the daemon's ImageBackend) over the ImageStore, with "pull" served from
// the built-in catalogue (images/*.yaml), save/load, and commit of a container's changes.
import { ApiError, jsonErrorMessage, type ContainerConfig, type Filters, type HistoryItem, type IdResponse, type ImageDeleteResponseItem, type ImageInspect, type ImagePruneReport, type ImageSummary, type JSONMessage, type CommitOptions, type PullOptions } from '../api/index.js';
import { applyChanges, familiarString, loadImages, parseReference, saveImages, withDefaultTag, type ContainerRef, type ContainerConfig as ImageContainerConfig } from '../image/index.js';
import { catalogueEntry, importCatalogueImage, pullMessages } from './base-images/import-image.js';
import { diffLayer } from './container/filesystem.js';
import { isRunning } from './container/container-record.js';
import type { EngineContext } from './engine-context.js';
import { translating } from './util/errors.js';
import { rfc3339Nano } from './util/time-format.js';

async function* fromList<T>(items: T[]): AsyncIterable<T> {
  for (const i of items) yield i;
}

/** Implements the daemon's ImageBackend. */
export class ImageService {
  constructor(private readonly ctx: EngineContext) {}

  /** Which containers use an image (image removal rules). */
  readonly containersUsing = (imageId: string): ContainerRef[] =>
    this.ctx.containers.all().filter((c) => c.imageId === imageId).map((c) => ({ id: c.id, running: isRunning(c) }));

  private usage(imageId: string): number {
    return this.ctx.containers.all().filter((c) => c.imageId === imageId).length;
  }

  async imageList(_options: { all: boolean }): Promise<ImageSummary[]> {
    const rows = await translating(() => this.ctx.images.list());
    return rows.map((r) => ({
      Id: r.id, ParentId: r.parentId, RepoTags: r.repoTags, RepoDigests: r.repoDigests, Created: r.created,
      Size: r.size, SharedSize: -1, Labels: r.labels, Containers: this.usage(r.id),
    }));
  }

  async imageInspect(name: string): Promise<ImageInspect> {
    const d = await translating(() => this.ctx.images.inspect(name));
    return {
      Id: d.id, RepoTags: d.repoTags, RepoDigests: d.repoDigests, Parent: d.parent, Comment: d.comment,
      Created: d.created || '0001-01-01T00:00:00Z', Author: d.author, Config: d.containerConfig as ContainerConfig,
      Architecture: d.architecture, Os: d.os, ...(d.variant ? { Variant: d.variant } : {}), Size: d.size,
      GraphDriver: { Name: 'tmpfs', Data: null }, RootFS: { Type: 'layers', Layers: d.layers },
      Metadata: { LastTagTime: d.lastTagTime ?? '0001-01-01T00:00:00Z' },
    };
  }

  async imageHistory(name: string): Promise<HistoryItem[]> {
    return translating(() => this.ctx.images.history(name));
  }

  async imageTag(name: string, repo: string, tag: string): Promise<void> {
    await translating(() => this.ctx.images.tag(name, `${repo}:${tag || 'latest'}`));
    const id = await translating(() => this.ctx.images.resolve(name));
    this.ctx.events.emit('image', 'tag', id, { name: familiarString(withDefaultTag(parseReference(`${repo}:${tag || 'latest'}`))) }, await this.ctx.now());
  }

  async imageRemove(name: string, options: { force: boolean; noPrune: boolean }): Promise<ImageDeleteResponseItem[]> {
    // moby names untag and delete events by the image ID (Actor.ID and name), not by the reference.
    const imageId = await this.ctx.images.resolve(name).catch(() => undefined);
    const items = await translating(() => this.ctx.images.remove(name, { force: options.force, prune: !options.noPrune, containersUsing: this.containersUsing }));
    const now = await this.ctx.now();
    for (const i of items) {
      const id = 'Untagged' in i ? imageId ?? i.Untagged : i.Deleted;
      this.ctx.events.emit('image', 'Untagged' in i ? 'untag' : 'delete', id, { name: id }, now);
    }
    return items;
  }

  async imagePrune(filters: Filters): Promise<ImagePruneReport> {
    const all = (filters.dangling ?? []).some((v) => v === 'false' || v === '0');
    const r = await translating(() => this.ctx.images.prune({ all, containersUsing: this.containersUsing }));
    return { ImagesDeleted: r.ImagesDeleted.length > 0 ? r.ImagesDeleted : null, SpaceReclaimed: r.SpaceReclaimed };
  }

  /** Imports a catalogue image if it is not in the store; returns its ID or undefined if unknown. */
  async ensureImage(ref: string): Promise<string | undefined> {
    try {
      return await this.ctx.images.resolve(ref);
    } catch {
      const img = catalogueEntry(this.ctx.catalogue, ref);
      if (!img) return undefined;
      return (await importCatalogueImage(this.ctx.images, img)).id;
    }
  }

  async imagePull(options: PullOptions, _signal: AbortSignal): Promise<AsyncIterable<JSONMessage>> {
    const ref = options.tag && !options.tag.startsWith('sha256:') ? `${options.fromImage}:${options.tag}` : options.tag ? `${options.fromImage}@${options.tag}` : options.fromImage;
    const img = catalogueEntry(this.ctx.catalogue, ref);
    if (!img) {
      let repo = options.fromImage;
      try { repo = familiarString(parseReference(options.fromImage)); } catch { /* as given */ }
      throw ApiError.notFound(`pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
    }
    let fresh = false;
    try {
      await this.ctx.images.resolve(`${img.name}:${img.tag}`);
    } catch {
      fresh = true;
    }
    const { id, layerIds } = await translating(() => importCatalogueImage(this.ctx.images, img));
    // moby: Actor.ID is the familiar reference with its tag, the name attribute the repository alone.
    this.ctx.events.emit('image', 'pull', `${img.name}:${img.tag}`, { name: img.name }, await this.ctx.now());
    return fromList(pullMessages(img, layerIds, id as never, fresh));
  }

  async imageSave(names: string[], _signal: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const tar = await translating(() => saveImages(this.ctx.images, names));
    return fromList([new Uint8Array(tar)]);
  }

  async imageLoad(tar: Uint8Array, options: { quiet: boolean }, _signal: AbortSignal): Promise<AsyncIterable<JSONMessage>> {
    try {
      const r = await loadImages(this.ctx.images, tar);
      return fromList(r.messages.map((m) => ({ stream: `${m}\n` })));
    } catch (e) {
      if (options.quiet) throw e;
      return fromList([jsonErrorMessage((e as Error).message)]);
    }
  }

  /** docker commit: the container's changes as a new layer on its image. */
  async imageCommit(options: CommitOptions): Promise<IdResponse> {
    const rec = this.ctx.containers.get(options.container);
    const base = await translating(() => this.ctx.images.inspect(rec.imageId));
    const entries = await diffLayer(this.ctx, rec);
    const layer = await translating(() => this.ctx.images.putLayer(entries));
    let cfg = { ...(rec.config as ImageContainerConfig), ...(options.config as ImageContainerConfig) };
    for (const k of ['Hostname', 'Domainname', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'Tty', 'OpenStdin', 'StdinOnce', 'Image']) delete cfg[k];
    if (options.changes.length > 0) {
      try {
        cfg = applyChanges(cfg, options.changes);
      } catch (e) {
        throw ApiError.invalidParameter((e as Error).message);
      }
    }
    const created = rfc3339Nano(await this.ctx.now());
    const history = [...(base.config.history ?? []), {
      created, created_by: [rec.path, ...rec.args].join(' '), ...(options.comment ? { comment: options.comment } : {}),
      ...(options.author ? { author: options.author } : {}),
    }];
    const tags = options.repo ? [`${options.repo}:${options.tag || 'latest'}`] : [];
    const id = await translating(() => this.ctx.images.putImage(
      { created, config: cfg, history, ...(options.author ? { author: options.author } : {}), ...(options.comment ? { comment: options.comment } : {}) },
      [...base.layers, layer.diffID],
      { tags, parent: base.id },
    ));
    // As moby: tagging the new image is an image "tag" event; the commit event names the image.
    const imageRef = tags.length > 0 ? familiarString(withDefaultTag(parseReference(tags[0]))) : '';
    if (imageRef) this.ctx.events.emit('image', 'tag', id, { name: imageRef }, await this.ctx.now());
    await this.ctx.containerEvent(rec, 'commit', { comment: options.comment ?? '', imageID: id, imageRef });
    return { Id: id };
  }
}
