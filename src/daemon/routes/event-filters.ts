// Server-side filtering of GET /events (moby daemon/events/filter.go): type, event/action,
// container, image, label, network, volume, daemon, scope.

import { validateFilterKeys, type EventMessage, type Filters } from '../../api/index.js';
import { familiarRef } from './familiar-name.js';

const acceptedKeys = ['config', 'container', 'daemon', 'event', 'image', 'label', 'network', 'node', 'plugin', 'scope', 'secret', 'service', 'type', 'volume'];

/** Checks the filter keys (invalid-parameter for unknown ones). */
export function validateEventFilters(filters: Filters): void {
  validateFilterKeys(filters, acceptedKeys);
}

function actorMatches(ev: EventMessage, type: string, values: string[] | undefined): boolean {
  if (!values?.length) return true;
  if (ev.Type !== type) return false;
  return values.some((v) => ev.Actor.ID === v || ev.Actor.ID.startsWith(v) || ev.Actor.Attributes?.name === v);
}

/** True when `ev` passes all filters. */
export function eventMatches(ev: EventMessage, f: Filters): boolean {
  if (f.type?.length && !f.type.includes(ev.Type)) return false;
  if (f.event?.length && !f.event.some((a) => ev.Action === a || ev.Action.split(':')[0] === a)) return false;
  if (f.scope?.length && !f.scope.includes(ev.scope)) return false;
  if (!actorMatches(ev, 'container', f.container)) return false;
  if (!actorMatches(ev, 'network', f.network)) return false;
  if (!actorMatches(ev, 'volume', f.volume)) return false;
  if (!actorMatches(ev, 'daemon', f.daemon)) return false;
  if (f.image?.length) {
    const image = ev.Type === 'image' ? (ev.Actor.Attributes?.name ?? ev.Actor.ID) : (ev.Actor.Attributes?.image ?? ev.from ?? '');
    if (!f.image.some((v) => image === v || familiarRef(image) === familiarRef(v) || ev.Actor.ID.startsWith(v.replace(/^sha256:/, '')))) return false;
  }
  if (f.label?.length) {
    const attrs = ev.Actor.Attributes ?? {};
    if (!f.label.every((l) => { const i = l.indexOf('='); return i < 0 ? l in attrs : attrs[l.slice(0, i)] === l.slice(i + 1); })) return false;
  }
  return true;
}
