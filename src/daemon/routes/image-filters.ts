// Server-side filtering of GET /images/json (moby image list): dangling, reference (globs on
// the familiar name, with or without tag), label, before, since.

import { ApiError, validateFilterKeys, type Filters, type ImageSummary } from '../../api/index.js';
import { labelMatches } from './container-filters.js';
import { familiarRef, familiarRepo, globRegExp } from './familiar-name.js';

const acceptedKeys = ['before', 'dangling', 'label', 'reference', 'since', 'until'];

function isDangling(img: ImageSummary): boolean {
  return (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>').length === 0;
}

function refMatches(ref: string, pattern: string): boolean {
  if (ref === '<none>:<none>' || ref === '<none>@<none>') return false;
  const re = globRegExp(pattern);
  const patternHasTag = /:[^/]*$/.test(pattern) || pattern.includes('@');
  return patternHasTag ? re.test(familiarRef(ref)) : re.test(familiarRepo(ref));
}

/** With a reference filter moby keeps only the matching RepoTags/RepoDigests of each image. */
function narrowToReferences(img: ImageSummary, patterns: string[]): ImageSummary | undefined {
  const keep = (refs: string[] | null | undefined): string[] => (refs ?? []).filter((r) => patterns.some((p) => refMatches(r, p)));
  const RepoTags = keep(img.RepoTags);
  const RepoDigests = keep(img.RepoDigests);
  return RepoTags.length || RepoDigests.length ? { ...img, RepoTags, RepoDigests } : undefined;
}

function findImage(list: ImageSummary[], ref: string): ImageSummary {
  const id = ref.replace(/^sha256:/, '');
  const found = list.find((i) => (i.RepoTags ?? []).some((t) => familiarRef(t) === familiarRef(ref)))
    ?? list.find((i) => id.length >= 4 && i.Id.replace(/^sha256:/, '').startsWith(id));
  if (!found) throw ApiError.notFound(`No such image: ${ref}`);
  return found;
}

/** Applies image list filters; keeps the backend's order (RepoTags narrowed by `reference`). */
export function filterImages(list: ImageSummary[], filters: Filters): ImageSummary[] {
  validateFilterKeys(filters, acceptedKeys);
  const dangling = filters.dangling?.[0];
  if (dangling !== undefined && !['true', 'false', '1', '0'].includes(dangling)) {
    throw ApiError.invalidParameter(`invalid filter 'dangling=${dangling}'`);
  }
  const before = filters.before?.length ? findImage(list, filters.before[0]) : undefined;
  const since = filters.since?.length ? findImage(list, filters.since[0]) : undefined;
  const out: ImageSummary[] = [];
  for (const original of list) {
    const img = filters.reference?.length ? narrowToReferences(original, filters.reference) : original;
    if (!img) continue;
    if (dangling !== undefined && isDangling(img) !== (dangling === 'true' || dangling === '1')) continue;
    if (filters.label?.length && !filters.label.every((l) => labelMatches(img.Labels, l))) continue;
    if (before && img.Created >= before.Created) continue;
    if (since && img.Created <= since.Created) continue;
    out.push(img);
  }
  return out;
}
