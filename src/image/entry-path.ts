// Path safety for layer entries: tar names are normalised to the TreeEntry form (relative,
// `/`-separated, no `./`) and anything that could escape the layer root is refused by name.
// Symlink targets are data and are not checked here (see apply-layer.ts for scoped resolution).

/** Thrown for a tar entry that is unsafe or malformed; `entryName` is the name as found. */
export class UnsafeEntryError extends Error {
  constructor(readonly entryName: string, reason: string) {
    super(`refusing layer entry "${entryName}": ${reason}`);
    this.name = 'UnsafeEntryError';
  }
}

/**
 * Normalises a tar entry name: strips `./` prefixes and trailing `/`, drops `.` and empty
 * components. Returns `''` for the root itself. Throws UnsafeEntryError for absolute names,
 * `..` components and NUL bytes.
 */
export function normalizeEntryPath(name: string): string {
  if (name.includes('\0')) throw new UnsafeEntryError(name, 'name contains a NUL byte');
  if (name.startsWith('/')) throw new UnsafeEntryError(name, 'absolute path');
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') throw new UnsafeEntryError(name, 'path escapes the layer root (".." component)');
    parts.push(part);
  }
  return parts.join('/');
}

/**
 * Normalises a hard link target (a path inside the tree). Throws UnsafeEntryError naming
 * `entryName` when the target is absolute, has `..` components or is the root.
 */
export function normalizeHardlinkTarget(entryName: string, linkname: string): string {
  if (linkname.startsWith('/') || linkname.split('/').includes('..')) {
    throw new UnsafeEntryError(entryName, `hard link target "${linkname}" points outside the tree`);
  }
  const target = normalizeEntryPath(linkname);
  if (target === '') throw new UnsafeEntryError(entryName, 'hard link to the root directory');
  return target;
}

/** The parent path of a normalised path (`''` for top-level entries). */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The last component of a normalised path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins a parent path and a name (either may be `''`). */
export function joinPath(parent: string, name: string): string {
  return parent === '' ? name : name === '' ? parent : `${parent}/${name}`;
}

/** Whether `path` is `ancestor` itself or lies below it. */
export function isSameOrBelow(path: string, ancestor: string): boolean {
  return ancestor === '' || path === ancestor || path.startsWith(ancestor + '/');
}
