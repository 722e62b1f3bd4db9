// Template functions: Go's builtins (and, or, not, len, index, print, printf, println, eq,
// ne, lt, le, gt, ge, slice, urlquery, html, js) and docker's (json, split, join, title,
// lower, upper, pad, truncate).
import { GO_TYPE, isContext, printValue, truthy } from './go-value.js';
import { sprintf } from './printf.js';

/** A template function: receives evaluated arguments (the piped value last). */
export type TemplateFunc = (...args: unknown[]) => unknown;

/** Name → function. */
export type FuncMap = Record<string, TemplateFunc>;

/** An object that marshals itself (docker contexts' MarshalJSON). */
export interface JsonMarshaler {
  marshalJSON(): string;
}

/** Go's json encoding as docker's `json` function does it (no HTML escaping, no newline). */
export function goJson(v: unknown): string {
  if (typeof v === 'object' && v !== null && typeof (v as Partial<JsonMarshaler>).marshalJSON === 'function') {
    return (v as JsonMarshaler).marshalJSON();
  }
  return JSON.stringify(v === undefined ? null : v) ?? 'null';
}

function need(name: string, args: unknown[], n: number): void {
  if (args.length !== n) throw new Error(`wrong number of args for ${name}: want ${n} got ${args.length}`);
}

function str(name: string, v: unknown): string {
  if (typeof v !== 'string') throw new Error(`wrong type for value; expected string; got ${goType(v)}`);
  return v;
}

/** Go's name of a JS value's type, for error messages. */
export function goType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? '[]string' : '[]interface {}';
  if (v === null || v === undefined) return '<nil>';
  if (isContext(v)) return v[GO_TYPE];
  return 'map[string]interface {}';
}

function compare(name: string, a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean' && (name === 'eq' || name === 'ne')) return a === b ? 0 : 1;
  if ((a === null || a === undefined) && (b === null || b === undefined) && (name === 'eq' || name === 'ne')) return 0;
  throw new Error(`error calling ${name}: incompatible types for comparison`);
}

function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += printValue(a);
  });
  return out;
}

/** The functions every skiff template has. */
export const builtinFuncs: FuncMap = {
  and: (...args) => { for (const a of args) if (!truthy(a)) return a; return args[args.length - 1]; },
  or: (...args) => { for (const a of args) if (truthy(a)) return a; return args[args.length - 1]; },
  not: (...args) => { need('not', args, 1); return !truthy(args[0]); },
  len: (...args) => {
    need('len', args, 1);
    const v = args[0];
    if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
    if (Array.isArray(v)) return v.length;
    if (typeof v === 'object' && v !== null && !isContext(v)) return Object.keys(v).length;
    throw new Error(`error calling len: len of type ${goType(v)}`);
  },
  index: (...args) => {
    let v = args[0];
    for (const key of args.slice(1)) {
      if (Array.isArray(v)) {
        if (typeof key !== 'number') throw new Error(`error calling index: cannot index slice/array with type ${goType(key)}`);
        if (key < 0 || key >= v.length) throw new Error(`error calling index: index out of range: ${key}`);
        v = v[key];
      } else if (typeof v === 'object' && v !== null) {
        const m = v as Record<string, unknown>;
        v = Object.prototype.hasOwnProperty.call(m, String(key)) ? m[String(key)] : '';
      } else if (v === null || v === undefined) {
        throw new Error('error calling index: index of untyped nil');
      } else {
        throw new Error(`error calling index: can't index item of type ${goType(v)}`);
      }
    }
    return v;
  },
  slice: (...args) => {
    const [v, a, b] = args as [unknown, number | undefined, number | undefined];
    if (typeof v === 'string') return v.slice(a ?? 0, b ?? v.length);
    if (Array.isArray(v)) return v.slice(a ?? 0, b ?? v.length);
    throw new Error(`error calling slice: can't slice item of type ${goType(v)}`);
  },
  print: (...args) => sprint(args),
  printf: (...args) => sprintf(str('printf', args[0]), args.slice(1)),
  println: (...args) => args.map(printValue).join(' ') + '\n',
  eq: (...args) => { if (args.length < 2) throw new Error('missing argument for comparison'); return args.slice(1).some((b) => compare('eq', args[0], b) === 0); },
  ne: (...args) => { need('ne', args, 2); return compare('ne', args[0], args[1]) !== 0; },
  lt: (...args) => { need('lt', args, 2); return compare('lt', args[0], args[1]) < 0; },
  le: (...args) => { need('le', args, 2); return compare('le', args[0], args[1]) <= 0; },
  gt: (...args) => { need('gt', args, 2); return compare('gt', args[0], args[1]) > 0; },
  ge: (...args) => { need('ge', args, 2); return compare('ge', args[0], args[1]) >= 0; },
  urlquery: (...args) => encodeURIComponent(sprint(args)).replace(/%20/g, '+'),
  html: (...args) => sprint(args).replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c] ?? c),
  js: (...args) => sprint(args).replace(/[\\'"<>&=\n\r\t]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c),
  // docker's functions
  json: (...args) => { need('json', args, 1); return goJson(args[0]); },
  split: (...args) => { need('split', args, 2); return str('split', args[0]).split(str('split', args[1])); },
  join: (...args) => {
    need('join', args, 2);
    const list = args[0];
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw new Error(`wrong type for value; expected []string; got ${goType(list)}`);
    return list.join(str('join', args[1]));
  },
  title: (...args) => { need('title', args, 1); return str('title', args[0]).replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase()); },
  lower: (...args) => { need('lower', args, 1); return str('lower', args[0]).toLowerCase(); },
  upper: (...args) => { need('upper', args, 1); return str('upper', args[0]).toUpperCase(); },
  pad: (...args) => { need('pad', args, 3); return ' '.repeat(Number(args[1])) + str('pad', args[0]) + ' '.repeat(Number(args[2])); },
  truncate: (...args) => {
    need('truncate', args, 2);
    const s = str('truncate', args[0]);
    const n = Number(args[1]);
    const chars = [...s];
    return chars.length > n ? chars.slice(0, n).join('') : s;
  },
};
