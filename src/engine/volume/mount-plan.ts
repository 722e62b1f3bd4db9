// What a container mounts besides its root, decided at create from HostConfig.Binds (`-v`),
// HostConfig.Mounts (`--mount`) and the image's Config.Volumes, with moby's parsing rules and
// error texts (volume/mounts/linux_parser.go). Pure: creating volumes and host directories is
// container-mounts.ts's business.
import { posix } from 'node:path';
import { ApiError, type ContainerConfig, type HostConfig, type MountPoint, type MountSpec } from '../../api/index.js';

/** One mount of a container, as stored in its record (moby's MountPoint). */
export interface MountPointRecord {
  type: 'bind' | 'volume' | 'tmpfs';
  /** The host path: a bind's source, a volume's _data folder (set at create). */
  source: string;
  /** Volume name (set at create for anonymous volumes). */
  name?: string;
  destination: string;
  rw: boolean;
  /** The mode text of `-v` (`ro`, `z`…), as inspect shows it. */
  mode: string;
  propagation: string;
  /** A volume made for this container (image VOLUME, `-v /path`, `--mount type=volume` without source). */
  anonymous?: boolean;
  /** Copy the image's files at the destination into an empty volume (moby's CopyData; off with nocopy). */
  copyData?: boolean;
  /** `-v` creates a missing bind source as a directory; `--mount` refuses it. */
  createSource?: boolean;
  /** tmpfs mount options (`size=…,mode=…`). */
  tmpfsOptions?: string;
}

const RW_MODES = new Set(['rw', 'ro']);
const LABEL_MODES = new Set(['z', 'Z']);
const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);
const COPY_MODES = new Set(['nocopy']);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);

/** moby's linuxValidMountMode: comma-separated modes, at most one of each kind. */
function validMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = [0, 0, 0, 0, 0];
  for (const o of mode.split(',')) {
    const kind = RW_MODES.has(o) ? 0 : LABEL_MODES.has(o) ? 1 : PROPAGATION.has(o) ? 2 : COPY_MODES.has(o) ? 3 : CONSISTENCY.has(o) ? 4 : -1;
    if (kind < 0) return false;
    counts[kind]++;
  }
  return counts.every((c) => c <= 1);
}

const mountConfigError = (type: string, msg: string): string => `invalid mount config for type "${type}": ${msg}`;

/** Checks a mount target (absolute, not `/`); returns the error text or undefined. */
function targetError(target: string): string | undefined {
  if (target === '') return 'field Target must not be empty';
  if (posix.normalize(target) === '/' ) return 'invalid specification: destination can\'t be \'/\'';
  if (!target.startsWith('/')) return `invalid mount path: '${target}' mount path must be absolute`;
  return undefined;
}

/** One `-v` entry: `/host:/ctr[:mode]`, `name:/ctr[:mode]` or `/ctr` (anonymous volume). */
export function parseBind(raw: string): MountPointRecord {
  const invalid = (detail?: string) => ApiError.invalidParameter(`invalid volume specification: '${raw}'${detail ? `: ${detail}` : ''}`);
  const parts = raw.split(':');
  if (parts[0] === '' || parts.length > 3) throw invalid();
  let source = '', target: string, mode = '';
  if (parts.length === 1) target = parts[0];
  else if (parts.length === 2) {
    if (validMode(parts[1])) throw invalid();
    [source, target] = parts;
  } else [source, target, mode] = parts;
  if (!validMode(mode)) throw ApiError.invalidParameter(`invalid mode: ${mode}`);
  const type = source.startsWith('/') ? 'bind' : 'volume';
  const err = targetError(target);
  if (err) throw invalid(mountConfigError(type, err));
  const modes = mode.split(',');
  const point: MountPointRecord = {
    type, source: type === 'bind' ? posix.normalize(source) : '', destination: posix.normalize(target),
    rw: !modes.includes('ro'), mode, propagation: '',
  };
  if (type === 'bind') {
    point.propagation = modes.find((m) => PROPAGATION.has(m)) ?? 'rprivate';
    point.createSource = true;
  } else {
    if (source !== '') point.name = source;
    else point.anonymous = true;
    point.copyData = !modes.includes('nocopy');
    // moby shows "z" for a named volume given without a mode.
    if (source !== '' && mode === '') point.mode = 'z';
  }
  return point;
}

/** tmpfs options of `--mount type=tmpfs` (moby's ConvertTmpfsOptions). */
function tmpfsOptions(spec: MountSpec): string {
  const opts: string[] = [];
  if (spec.ReadOnly) opts.push('ro');
  const t = spec.TmpfsOptions;
  if (t?.Mode) opts.push(`mode=${t.Mode.toString(8)}`);
  if (t?.SizeBytes) {
    const s = t.SizeBytes;
    const unit = [['g', 1 << 30], ['m', 1 << 20], ['k', 1 << 10]].find(([, d]) => s % (d as number) === 0);
    opts.push(unit ? `size=${s / (unit[1] as number)}${unit[0]}` : `size=${s}`);
  }
  return opts.join(',');
}

/** One `--mount` entry (HostConfig.Mounts), validated like moby's parseMountSpec. */
export function parseMountSpec(spec: MountSpec): MountPointRecord {
  const type = spec.Type;
  const fail = (msg: string) => ApiError.invalidParameter(mountConfigError(type, msg));
  const err = targetError(spec.Target ?? '');
  if (err) throw fail(err);
  const destination = posix.normalize(spec.Target);
  const source = spec.Source ?? '';
  switch (type) {
    case 'bind': {
      if (source === '') throw fail('field Source must not be empty');
      if (spec.VolumeOptions) throw fail('field VolumeOptions must not be specified');
      if (!source.startsWith('/')) throw fail(`invalid mount path: '${source}' mount path must be absolute`);
      const propagation = spec.BindOptions?.Propagation || 'rprivate';
      if (!PROPAGATION.has(propagation)) throw fail(`invalid propagation mode: ${propagation}`);
      return { type, source: posix.normalize(source), destination, rw: !spec.ReadOnly, mode: '', propagation };
    }
    case 'volume': {
      if (spec.BindOptions) throw fail('field BindOptions must not be specified');
      if (source === '' && spec.ReadOnly) throw fail('must not set ReadOnly mode when using anonymous volumes');
      const point: MountPointRecord = { type, source: '', destination, rw: !spec.ReadOnly, mode: '', propagation: '', copyData: !spec.VolumeOptions?.NoCopy };
      if (source !== '') point.name = source;
      else point.anonymous = true;
      return point;
    }
    case 'tmpfs':
      if (spec.BindOptions) throw fail('field BindOptions must not be specified');
      if (source !== '') throw fail('field Source must not be specified');
      return { type, source: '', destination, rw: !spec.ReadOnly, mode: '', propagation: '', tmpfsOptions: tmpfsOptions(spec) };
    default:
      throw fail('mount type unknown');
  }
}

/**
 * Every mount of a new container: `-v` entries, then `--mount` entries, then the image's
 * VOLUMEs not covered by either (anonymous volumes). Errors (400): bad specifications,
 * "Duplicate mount point: <dest>".
 */
export function planMounts(hc: HostConfig, config: ContainerConfig): MountPointRecord[] {
  const points: MountPointRecord[] = [];
  const taken = new Set<string>();
  const add = (p: MountPointRecord) => {
    if (taken.has(p.destination)) throw ApiError.invalidParameter(`Duplicate mount point: ${p.destination}`);
    taken.add(p.destination);
    points.push(p);
  };
  for (const raw of hc.Binds ?? []) add(parseBind(raw));
  for (const spec of hc.Mounts ?? []) add(parseMountSpec(spec));
  for (const dest of Object.keys(config.Volumes ?? {})) {
    const destination = posix.normalize(dest);
    if (taken.has(destination) || !destination.startsWith('/') || destination === '/') continue;
    taken.add(destination);
    points.push({ type: 'volume', source: '', destination, rw: true, mode: '', propagation: '', anonymous: true, copyData: true });
  }
  return points;
}

/** The Mounts entries of inspect and the container list. */
export function mountPointsView(points: readonly MountPointRecord[] | undefined): MountPoint[] {
  return (points ?? []).map((p) => {
    if (p.type === 'volume') {
      return { Type: 'volume', Name: p.name, Source: p.source, Destination: p.destination, Driver: 'local', Mode: p.mode, RW: p.rw, Propagation: '' };
    }
    return { Type: p.type, Source: p.source, Destination: p.destination, Mode: p.mode, RW: p.rw, Propagation: p.propagation };
  });
}
