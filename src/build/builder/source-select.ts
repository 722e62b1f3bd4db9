// COPY/ADD source selection over a tree (the build context or an image's filesystem): Go
// filepath.Match wildcards over every path, symlinks of the named source followed inside the
// tree, `..` refused, and Docker's messages for sources that are missing.
import type { TreeEntry } from '../../abi/tree-entry.js';
import type { LayerTree } from '../../image/index.js';
import { BuildFailure } from './build-messages.js';

/** One selected source: a file/symlink or a directory whose contents are copied. */
export interface SelectedSource {
  /** Path of the source in the tree ('' for the root). */
  path: string;
  /** The entry (a synthetic root directory for ''). */
  entry: TreeEntry;
  /** For a directory: every entry below it, keyed by the path relative to it. */
  children: Map<string, TreeEntry> | null;
}

const ROOT: TreeEntry = { path: '', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 };

/** True when a source contains filepath.Match metacharacters. */
export function hasWildcards(source: string): boolean {
  return /[*?[\\]/.test(source);
}

/** filepath.Match as a RegExp (`*` and `?` never match `/`; classes with ranges and `^`). */
export function globToRegExp(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new BuildFailure(`syntax error in pattern: ${pattern}`);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^') || body.startsWith('!');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^/' : ''}${body.replace(/\\/g, '\\\\').replace(/]/g, '\\]')}]`;
      i = end;
    } else re += escapeRe(ch);
  }
  return new RegExp(re + '$');
}

function escapeRe(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Cleans a source to a tree path; throws for paths leaving the tree. */
export function cleanSource(source: string, what: string): string {
  const out: string[] = [];
  for (const part of source.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) throw new BuildFailure(`${what} failed: forbidden path outside the build context: ${source} ()`);
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** Follows symlinks (parents and the last component) inside the tree; '' is the root. */
export function followInTree(tree: LayerTree, path: string): string {
  let cur = path;
  for (let hops = 0; hops < 40; hops++) {
    const parts = cur === '' ? [] : cur.split('/');
    let resolved = '';
    let changed = false;
    for (let i = 0; i < parts.length; i++) {
      const next = resolved === '' ? parts[i] : `${resolved}/${parts[i]}`;
      const e = tree.get(next);
      if (e?.type === 'symlink') {
        const target = e.linkname ?? '';
        const base = target.startsWith('/') ? '' : resolved;
        cur = normalize(`${base}/${target}/${parts.slice(i + 1).join('/')}`);
        changed = true;
        break;
      }
      resolved = next;
    }
    if (!changed) return resolved;
  }
  throw new BuildFailure(`too many levels of symbolic links: ${path}`);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function selectPath(tree: LayerTree, path: string, follow: boolean): SelectedSource | null {
  const real = follow ? followInTree(tree, path) : path;
  const entry = real === '' ? ROOT : tree.get(real);
  if (!entry) return null;
  if (entry.type !== 'dir') return { path: real, entry, children: null };
  const prefix = real === '' ? '' : `${real}/`;
  const children = new Map<string, TreeEntry>();
  for (const [k, e] of tree) if (k.startsWith(prefix) && k !== real) children.set(k.slice(prefix.length), e);
  return { path: real, entry, children };
}

/**
 * Selects the sources of one COPY/ADD argument. `what` is `COPY` or `ADD` (for messages);
 * `fromContext` picks Docker's context wording for a missing file.
 */
export function selectSources(tree: LayerTree, source: string, what: string, fromContext: boolean): SelectedSource[] {
  const clean = cleanSource(source, what);
  if (hasWildcards(clean)) {
    const re = globToRegExp(clean);
    const out: SelectedSource[] = [];
    for (const k of [...tree.keys()].sort()) {
      if (!re.test(k)) continue;
      const s = selectPath(tree, k, false);
      if (s) out.push(s);
    }
    if (out.length === 0) throw new BuildFailure(`${what} failed: no source files were specified`);
    return out;
  }
  const s = selectPath(tree, clean, true);
  if (!s) {
    throw new BuildFailure(fromContext
      ? `${what} failed: file not found in build context or excluded by .dockerignore: stat ${clean}: file does not exist`
      : `${what} failed: stat ${clean === '' ? '/' : '/' + clean}: file does not exist`);
  }
  return [s];
}
