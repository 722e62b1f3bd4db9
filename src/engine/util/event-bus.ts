// The engine's event stream (GET /events): a bounded history for `since` replays and live
// subscribers. The daemon applies filters; the engine only records and replays.
import type { EventMessage, EventType } from '../../api/index.js';
import type { TimeNs } from './time-format.js';

/** How many past events are kept for replay (moby keeps 256 per default; we keep more). */
const HISTORY = 1024;

/** Event history plus live subscribers. */
export class EventBus {
  private readonly history: EventMessage[] = [];
  private readonly subscribers = new Set<(e: EventMessage) => void>();

  /** Records and broadcasts one event. */
  emit(type: EventType, action: string, id: string, attributes: Record<string, string>, at: TimeNs): EventMessage {
    const ev: EventMessage = {
      Type: type, Action: action, Actor: { ID: id, Attributes: attributes }, scope: 'local',
      time: Number(at / 1_000_000_000n), timeNano: Number(at),
    };
    if (type === 'container') {
      ev.status = action;
      ev.id = id;
      if (attributes.image) ev.from = attributes.image;
    }
    this.history.push(ev);
    if (this.history.length > HISTORY) this.history.shift();
    for (const s of this.subscribers) s(ev);
    return ev;
  }

  /** Number of live subscribers (Info.NEventsListener). */
  get listeners(): number {
    return this.subscribers.size;
  }

  /** Past events at or after `since` (unix seconds), then live ones until `signal` aborts. */
  async *subscribe(options: { since?: number; until?: number }, signal: AbortSignal): AsyncIterable<EventMessage> {
    const queue: EventMessage[] = [];
    let wake: (() => void) | undefined;
    const sub = (e: EventMessage): void => { queue.push(e); wake?.(); };
    if (options.since !== undefined) {
      const sinceNs = options.since * 1e9;
      queue.push(...this.history.filter((e) => e.timeNano >= sinceNs && (options.until === undefined || e.timeNano <= options.until * 1e9)));
    }
    this.subscribers.add(sub);
    const onAbort = (): void => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      while (!signal.aborted) {
        while (queue.length > 0 && !signal.aborted) yield queue.shift()!;
        if (signal.aborted) break;
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
      }
    } finally {
      this.subscribers.delete(sub);
      signal.removeEventListener('abort', onAbort);
    }
  }
}
