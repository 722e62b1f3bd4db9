// docker's --format handling for lists: "" or "table" → the default table, "table TPL" → a
// table of TPL (headers from the header map, laid out by tabwriter), "json" → one JSON object
// per row, anything else → TPL executed per row.
import { GoTemplate } from '../template/go-template.js';
import { GO_TYPE } from '../template/go-value.js';
import { TemplateError } from '../template/template-error.js';
import { tabwrite } from './tabwriter.js';

/** How a list renders. */
export interface ListFormat {
  /** The user's --format ("" when not given). */
  format: string;
  /** The default table template (starting with "table "). */
  defaultTable: string;
  /** Field name → column header. */
  headers: Record<string, string>;
  /** Template used for -q. */
  quietTemplate?: string;
  quiet?: boolean;
}

/** The template text actually used and whether it is a table. */
export function resolveFormat(f: ListFormat): { template: string; table: boolean } {
  if (f.quiet) return { template: f.quietTemplate ?? '{{.ID}}', table: false };
  const format = f.format;
  if (format === '' || format === 'table') return { template: f.defaultTable.slice('table '.length), table: true };
  if (format === 'json') return { template: '{{json .}}', table: false };
  if (format.startsWith('table ')) return { template: format.slice('table '.length), table: true };
  return { template: format, table: false };
}

/** Docker's handling of escapes in --format: literal "\t" and "\n" become tab and newline. */
export function unescapeFormat(template: string): string {
  return template.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}

/** A context object answering every field with its header (for the table's header row). */
export function headerContext(headers: Record<string, string>): object {
  const target = { [GO_TYPE]: 'formatter.HeaderContext' };
  return new Proxy(target, {
    get(t, prop) {
      if (prop === GO_TYPE) return t[GO_TYPE];
      if (typeof prop !== 'string') return undefined;
      const header = headers[prop] ?? '';
      return Object.assign((..._args: unknown[]) => header, { variadic: true });
    },
    has(t, prop) { return prop === GO_TYPE || typeof prop === 'string'; },
  });
}

/** Error wording docker uses when a --format template fails. */
export function templateFailure(err: unknown, parsing: boolean): Error {
  if (err instanceof TemplateError) return new Error(parsing ? `template parsing error: ${err.message}` : `failed to execute template: ${err.message}`);
  return err as Error;
}

/** Parses a --format template with docker's unescaping; wraps errors in docker's words. */
export function parseFormat(template: string): GoTemplate {
  try {
    return new GoTemplate(unescapeFormat(template));
  } catch (err) {
    throw templateFailure(err, true);
  }
}

/** Renders rows (context objects) with the list format; returns the text to print. */
export function renderList(f: ListFormat, rows: readonly unknown[]): string {
  const { template, table } = resolveFormat(f);
  const tpl = parseFormat(template);
  let body = '';
  try {
    for (const row of rows) body += tpl.execute(row) + '\n';
  } catch (err) {
    throw templateFailure(err, false);
  }
  if (!table) return body;
  let header: string;
  try {
    header = tpl.execute(headerContext(f.headers));
  } catch {
    header = '';
  }
  return tabwrite(header + '\n' + body);
}

/**
 * The fields a template reads (docker runs a template on a recording context first, e.g. to
 * ask for sizes only when {{.Size}} is used). `{{json .}}` reads every field ("*").
 */
export function fieldsUsed(template: string): Set<string> {
  const used = new Set<string>();
  const target = { [GO_TYPE]: 'formatter.FieldRecorder' };
  const recorder = new Proxy(target, {
    get(t, prop) {
      if (prop === GO_TYPE) return t[GO_TYPE];
      if (typeof prop !== 'string') return undefined;
      if (prop === 'marshalJSON') return () => { used.add('*'); return '{}'; };
      used.add(prop);
      return Object.assign((..._args: unknown[]) => '', { variadic: true });
    },
    has(t, prop) { return prop === GO_TYPE || typeof prop === 'string'; },
  });
  try {
    new GoTemplate(unescapeFormat(template)).execute(recorder);
  } catch {
    // a failing template is reported when it really runs
  }
  return used;
}
