// Parsing of overlay's mount data (`lowerdir=A:B,upperdir=U,workdir=W`): the layer paths and
// the feature switches Linux accepts. Resolving the paths happens in overlay-type.ts.
import { Errno, type SysResult } from '../../../abi/index.js';

/** Docker's limit on image layers; Linux allows 500 but skiff refuses more than this. */
export const OVERLAY_MAX_LOWER = 125;

/** The parsed options. */
export interface OverlayOptions {
  /** Lower directories, topmost first. */
  lowerdirs: string[];
  upperdir?: string;
  workdir?: string;
}

/** Options accepted and ignored (features skiff does not model; redirect_dir is always off). */
const IGNORED = new Set([
  'redirect_dir', 'index', 'metacopy', 'xino', 'nfs_export', 'userxattr', 'volatile', 'uuid',
  'default_permissions', 'rw', 'ro', 'nosuid', 'nodev', 'noexec', 'relatime', 'noatime',
]);

/** Splits on unescaped `sep`, turning `\x` into `x` (Linux's escaping of `:` and `,` in paths). */
function splitEscaped(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) cur += text[++i];
    else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Parses overlay mount data. `lowerdir` is required (`:`-separated, topmost first);
 * `upperdir` needs `workdir`. Errors: EINVAL (missing or empty lowerdir, an empty layer path,
 * upperdir without workdir, an unknown option).
 */
export function parseOverlayOptions(data: string): SysResult<OverlayOptions> {
  const opts: OverlayOptions = { lowerdirs: [] };
  let lower: string | undefined;
  for (const item of splitEscapedKeepingBackslash(data)) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    const value = eq < 0 ? '' : item.slice(eq + 1);
    if (key === 'lowerdir') lower = value;
    else if (key === 'upperdir') opts.upperdir = unescape(value);
    else if (key === 'workdir') opts.workdir = unescape(value);
    else if (!IGNORED.has(key)) return { ok: false, errno: Errno.EINVAL };
  }
  if (lower === undefined || lower === '') return { ok: false, errno: Errno.EINVAL };
  opts.lowerdirs = splitEscaped(lower, ':');
  if (opts.lowerdirs.some((p) => p === '')) return { ok: false, errno: Errno.EINVAL };
  if (opts.upperdir !== undefined && (opts.upperdir === '' || !opts.workdir)) return { ok: false, errno: Errno.EINVAL };
  if (opts.upperdir === undefined) opts.workdir = undefined; // Linux ignores workdir without upperdir
  return { ok: true, value: opts };
}

/** Splits mount data on unescaped commas, keeping escapes for the per-option parsers. */
function splitEscapedKeepingBackslash(data: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < (data ?? '').length; i++) {
    const c = data[i];
    if (c === '\\' && i + 1 < data.length) {
      cur += c + data[++i];
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** Escapes a path for mount options text (mountinfo shows options this way). */
export function escapeOptionPath(path: string): string {
  return path.replace(/([\\:,])/g, '\\$1');
}
