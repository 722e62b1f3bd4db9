// Path string helpers (no syscalls): joining, and POSIX basename/dirname as the applets print them.

/** Joins a directory and a name without doubling slashes. */
export function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** POSIX basename(1) of a path, optionally removing SUFFIX. */
export function baseName(path: string, suffix?: string): string {
  if (path === '') return '';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  return base;
}

/** POSIX dirname(1) of a path. */
export function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  const d = trimmed.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

/** Lexically normalises an absolute path: collapses `//`, `.` and `..`. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}
