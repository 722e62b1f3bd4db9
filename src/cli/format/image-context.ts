// Rows of `images --format` (docker's formatter.imageContext): one row per repository:tag (and
// per digest with --digests), "<none>" for untagged images; fields are methods as in Go.
import type { ImageSummary } from '../../client/index.js';
import { GO_TYPE, escapeHtmlJson } from '../template/go-value.js';
import { goTimeString, truncateId } from './go-strings.js';
import { humanDuration, humanSize, humanSizeWithPrecision } from './human-units.js';
import { familiarName, parseReference } from './references.js';

/** Column headers of the images table. */
export const IMAGE_HEADERS: Record<string, string> = {
  Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', ID: 'IMAGE ID', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT',
  Size: 'SIZE', Containers: 'CONTAINERS', VirtualSize: 'VIRTUAL SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE',
};

/** docker images' default table (with or without the digest column). */
export function defaultImagesTable(digests: boolean): string {
  return digests
    ? 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}'
    : 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
}

/** One image row. */
export class ImageContext {
  readonly [GO_TYPE] = '*formatter.imageContext';

  constructor(private readonly i: ImageSummary, private readonly repo: string, private readonly tag: string,
    private readonly digest: string, private readonly trunc: boolean, private readonly now: number) {}

  ID(): string { return this.trunc ? truncateId(this.i.Id) : this.i.Id; }
  Repository(): string { return this.repo; }
  Tag(): string { return this.tag; }
  Digest(): string { return this.digest; }
  CreatedSince(): string { return `${humanDuration(this.now - this.i.Created * 1000)} ago`; }
  CreatedAt(): string { return goTimeString(this.i.Created * 1000); }
  Size(): string { return humanSizeWithPrecision(this.i.Size, 3); }
  Containers(): string { return this.i.Containers === -1 || this.i.Containers === undefined ? 'N/A' : String(this.i.Containers); }
  VirtualSize(): string { return humanSize(this.i.VirtualSize ?? this.i.Size); }
  SharedSize(): string { return this.i.SharedSize === -1 || this.i.SharedSize === undefined ? 'N/A' : humanSize(this.i.SharedSize); }
  UniqueSize(): string {
    if (this.i.Size === -1 || this.i.SharedSize === -1 || this.i.SharedSize === undefined) return 'N/A';
    return humanSize(this.i.Size - this.i.SharedSize);
  }

  /** `{{json .}}`: every field, keys sorted, HTML-escaped like Go's json.Marshal. */
  marshalJSON(): string {
    return escapeHtmlJson(JSON.stringify({
      Containers: this.Containers(), CreatedAt: this.CreatedAt(), CreatedSince: this.CreatedSince(), Digest: this.Digest(),
      ID: this.ID(), Repository: this.Repository(), SharedSize: this.SharedSize(), Size: this.Size(), Tag: this.Tag(),
      UniqueSize: this.UniqueSize(), VirtualSize: this.VirtualSize(),
    }));
  }
}

/** Expands image summaries into rows the way docker does. */
export function imageRows(images: readonly ImageSummary[], opts: { digests: boolean; trunc: boolean; now: number }): ImageContext[] {
  const rows: ImageContext[] = [];
  for (const img of images) {
    const repoTags = new Map<string, string[]>();
    const repoDigests = new Map<string, string[]>();
    for (const ref of img.RepoTags ?? []) {
      try {
        const r = parseReference(ref);
        if (!r.tag) continue;
        const name = familiarName(r.repository);
        repoTags.set(name, [...(repoTags.get(name) ?? []), r.tag]);
      } catch { /* docker skips unparsable references */ }
    }
    for (const ref of img.RepoDigests ?? []) {
      try {
        const r = parseReference(ref);
        if (!r.digest) continue;
        const name = familiarName(r.repository);
        repoDigests.set(name, [...(repoDigests.get(name) ?? []), r.digest]);
      } catch { /* skipped */ }
    }
    const none = '<none>';
    for (const repo of [...repoTags.keys()].sort()) {
      let digests = repoDigests.get(repo) ?? [];
      repoDigests.delete(repo);
      if (!opts.digests) digests = [];
      for (const tag of repoTags.get(repo)!) {
        if (digests.length === 0) rows.push(new ImageContext(img, repo, tag, none, opts.trunc, opts.now));
        else for (const d of digests) rows.push(new ImageContext(img, repo, tag, d, opts.trunc, opts.now));
      }
    }
    for (const repo of [...repoDigests.keys()].sort()) {
      if (opts.digests) for (const d of repoDigests.get(repo)!) rows.push(new ImageContext(img, repo, none, d, opts.trunc, opts.now));
      else rows.push(new ImageContext(img, repo, none, none, opts.trunc, opts.now));
    }
    if (repoTags.size === 0 && repoDigests.size === 0) rows.push(new ImageContext(img, none, none, none, opts.trunc, opts.now));
  }
  return rows;
}
