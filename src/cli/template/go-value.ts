// How Go's text/template sees JS values: truthiness, fmt's %v printing, and "context"
// objects (docker's formatter contexts) whose fields are methods, as opposed to maps.

/** Marks an object whose fields are methods (a Go struct pointer); the value is its Go type name. */
export const GO_TYPE = Symbol('goType');

/** An object template fields resolve against by calling its methods (docker's *Context types). */
export interface TemplateContext {
  readonly [GO_TYPE]: string;
}

/** True for a context object (struct with methods), false for maps and plain values. */
export function isContext(v: unknown): v is TemplateContext & Record<string, unknown> {
  return typeof v === 'object' && v !== null && GO_TYPE in v;
}

/** Go's truth: false, 0, nil, and empty strings, slices and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && !isContext(v)) return Object.keys(v as object).length > 0;
  return true;
}

/** Formats a number as Go prints it with %v (integers plainly, floats in shortest form). */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [mant, e] = n.toExponential().split('e');
    const ev = Number(e);
    return `${mant}e${ev < 0 ? '-' : '+'}${String(Math.abs(ev)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Prints a value like Go's fmt %v (what `{{.X}}` outputs). */
export function printValue(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(printInner).join(' ')}]`;
  if (isContext(v)) return `&{${v[GO_TYPE]}}`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return `map[${keys.map((k) => `${k}:${printInner((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

function printInner(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'object' && !Array.isArray(v) && !isContext(v)) {
    // nested structs print as {a b}; nested maps as map[...]. Without types we print maps.
    return printValue(v);
  }
  return printValue(v);
}

/** Go's json.Marshal escaping of <, >, & and U+2028/9 (used by contexts' JSON). */
export function escapeHtmlJson(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
