// docker's go-units helpers: HumanDuration ("About a minute"), HumanSize (decimal, "1.98MB"),
// BytesSize (binary, "1.5MiB"), and the parsers RAMInBytes ("64m") and Go durations ("1m30s").

/** Formats like Go's %.<p>g (shortest, no trailing zeros, exponent form when Go uses it). */
export function formatG(x: number, p: number): string {
  if (x === 0) return '0';
  const rounded = Number(x.toPrecision(p));
  const exp = Math.floor(Math.log10(Math.abs(rounded)));
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= p) {
    const mant = strip((rounded / 10 ** exp).toPrecision(p));
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return strip(rounded.toPrecision(p));
}

const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function scale(size: number, base: number, units: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) { size /= base; i++; }
  return [size, units[i]];
}

/** go-units HumanSizeWithPrecision: decimal units, `precision` significant digits. */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [n, unit] = scale(size, 1000, decimalUnits);
  return formatG(n, precision) + unit;
}

/** go-units HumanSize: decimal units, 4 significant digits ("4.096kB"). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** go-units BytesSize: binary units, 4 significant digits ("600KiB", "23.54GiB"). */
export function bytesSize(size: number): string {
  const [n, unit] = scale(size, 1024, binaryUnits);
  return formatG(n, 4) + unit;
}

/** go-units HumanDuration of `ms` milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

/** go-units RAMInBytes: "64m" → 67108864 (binary multipliers; b, k, m, g, t, p with optional i/b). */
export function ramInBytes(text: string): number {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (!m) throw new Error(`invalid size: '${text}'`);
  const n = Number.parseFloat(m[1]);
  const mult: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
  return Math.trunc(n * (m[2] ? mult[m[2].toLowerCase()] : 1));
}

/** go-units FromHumanSize: "1.5kB" → 1500 (decimal multipliers). */
export function fromHumanSize(text: string): number {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (!m) throw new Error(`invalid size: '${text}'`);
  const mult: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };
  return Math.trunc(Number.parseFloat(m[1]) * (m[2] ? mult[m[2].toLowerCase()] : 1));
}

/** Go's time.ParseDuration, in nanoseconds ("1m30s" → 90e9). */
export function parseGoDuration(text: string): number {
  const units: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) { if (s[0] === '-') sign = -1; s = s.slice(1); }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration "${text}"`);
  let total = 0;
  const re = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length) {
    const m = re.exec(s);
    if (!m) {
      if (/^(\d+(?:\.\d*)?|\.\d+)$/.test(s)) throw new Error(`time: missing unit in duration "${text}"`);
      throw new Error(`time: invalid duration "${text}"`);
    }
    total += Number.parseFloat(m[1]) * units[m[2]];
    s = s.slice(m[0].length);
  }
  return sign * Math.round(total);
}
