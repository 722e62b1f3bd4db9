// Server-side filtering, ordering and limiting of GET /containers/json (moby daemon/list.go):
// status, name, id, label, ancestor, exited, before/since, network, volume, health, publish/expose.

import { ApiError, validateFilterKeys, type ContainerSummary, type Filters } from '../../api/index.js';
import { familiarRef } from './familiar-name.js';

const acceptedKeys = ['ancestor', 'before', 'expose', 'exited', 'health', 'id', 'isolation', 'is-task', 'label', 'name', 'network', 'publish', 'since', 'status', 'volume'];
const statuses = ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'];
const healths = ['starting', 'healthy', 'unhealthy', 'none'];

/** Options of the list query. */
export interface ContainerListQuery {
  all: boolean;
  limit: number;
  filters: Filters;
}

/** True when a label filter value ("k" or "k=v") matches `labels`. */
export function labelMatches(labels: Record<string, string> | null | undefined, value: string): boolean {
  const eq = value.indexOf('=');
  const key = eq < 0 ? value : value.slice(0, eq);
  if (!labels || !(key in labels)) return false;
  return eq < 0 || labels[key] === value.slice(eq + 1);
}

function regexMatches(pattern: string, text: string): boolean {
  try { return new RegExp(pattern).test(text); } catch { return text.includes(pattern); }
}

function healthOf(c: ContainerSummary): string {
  const m = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status);
  if (!m) return 'none';
  return m[1] === 'health: starting' ? 'starting' : m[1];
}

function exitCodeOf(c: ContainerSummary): number | undefined {
  const m = /^Exited \((-?\d+)\)/.exec(c.Status);
  return m ? Number(m[1]) : undefined;
}

function nameMatches(c: ContainerSummary, value: string): boolean {
  return c.Names.some((n) => regexMatches(value, n) || regexMatches(value, n.replace(/^\//, '')));
}

function imageMatches(c: ContainerSummary, value: string): boolean {
  const id = c.ImageID.replace(/^sha256:/, '');
  const v = value.replace(/^sha256:/, '');
  return c.Image === value || familiarRef(c.Image) === familiarRef(value) || (v.length >= 4 && id.startsWith(v));
}

function portMatches(c: ContainerSummary, value: string, published: boolean): boolean {
  const [port, proto = 'tcp'] = value.split('/');
  return c.Ports.some((p) => String(published ? p.PublicPort ?? '' : p.PrivatePort) === port && p.Type === proto);
}

/** Finds the container a before/since filter names (ID prefix or name). */
function findRef(list: ContainerSummary[], ref: string): ContainerSummary {
  const found = list.find((c) => c.Id === ref || c.Names.some((n) => n === ref || n === `/${ref}`))
    ?? list.find((c) => c.Id.startsWith(ref));
  if (!found) throw ApiError.notFound(`No such container: ${ref}`);
  return found;
}

/** Applies filters, `all` and `limit` to the full container list, newest first. */
export function filterContainers(list: ContainerSummary[], q: ContainerListQuery): ContainerSummary[] {
  const f = q.filters;
  validateFilterKeys(f, acceptedKeys);
  for (const s of f.status ?? []) if (!statuses.includes(s)) throw ApiError.invalidParameter(`invalid filter 'status=${s}'`);
  for (const h of f.health ?? []) if (!healths.includes(h)) throw ApiError.invalidParameter(`invalid filter 'health=${h}'`);
  for (const e of f.exited ?? []) if (!/^-?\d+$/.test(e)) throw ApiError.invalidParameter(`invalid filter 'exited=${e}'`);
  const sorted = list.map((c, i) => ({ c, i })).sort((a, b) => b.c.Created - a.c.Created || b.i - a.i).map((x) => x.c);
  const before = f.before?.length ? findRef(sorted, f.before[0]) : undefined;
  const since = f.since?.length ? findRef(sorted, f.since[0]) : undefined;
  const all = q.all || q.limit > 0 || before !== undefined || since !== undefined || (f.status?.length ?? 0) > 0 || (f.exited?.length ?? 0) > 0;
  const any = (key: string, pred: (v: string) => boolean): boolean => !f[key]?.length || f[key].some(pred);
  const every = (key: string, pred: (v: string) => boolean): boolean => !f[key]?.length || f[key].every(pred);
  const out: ContainerSummary[] = [];
  const pos = (c: ContainerSummary): number => sorted.indexOf(c);
  for (const c of sorted) {
    if (!all && !['running', 'paused', 'restarting'].includes(c.State)) continue;
    if (before && pos(c) <= pos(before)) continue;
    if (since && pos(c) >= pos(since)) continue;
    if (!any('status', (s) => c.State === s)) continue;
    if (!any('id', (v) => c.Id.startsWith(v))) continue;
    if (!any('name', (v) => nameMatches(c, v))) continue;
    if (!every('label', (v) => labelMatches(c.Labels, v))) continue;
    if (!any('ancestor', (v) => imageMatches(c, v))) continue;
    if (!any('exited', (v) => c.State === 'exited' && exitCodeOf(c) === Number(v))) continue;
    if (!any('network', (v) => Object.keys(c.NetworkSettings?.Networks ?? {}).includes(v)
      || Object.values(c.NetworkSettings?.Networks ?? {}).some((n) => n.NetworkID === v))) continue;
    if (!any('volume', (v) => c.Mounts.some((m) => m.Name === v || m.Source === v || m.Destination === v))) continue;
    if (!any('health', (v) => healthOf(c) === v)) continue;
    if (!any('publish', (v) => portMatches(c, v, true))) continue;
    if (!any('expose', (v) => portMatches(c, v, false))) continue;
    if (!any('is-task', (v) => v === 'false')) continue;
    out.push(c);
    if (q.limit > 0 && out.length >= q.limit) break;
  }
  return out;
}
