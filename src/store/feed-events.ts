/**
 * The event log's entries: what happened to the feeds (state changes, reconnects, resyncs, new
 * errors) and to closes, with times. Feed events are read off successive venue rows, so they come
 * from the same numbers the screen shows. The list is bounded: a long session keeps the newest.
 */
import type { AppStore, VenueRow } from './app-store.js';

export type FeedEventKind = 'state' | 'reconnect' | 'resync' | 'error' | 'close' | 'action';

export interface FeedEvent {
  /** ms since epoch. */
  readonly at: number;
  readonly kind: FeedEventKind;
  /** The venue's id, for feed events. */
  readonly venue?: string;
  readonly symbol?: string;
  /** The whole text, never shortened: the log overlay wraps it. */
  readonly text: string;
}

/** Entries kept; older ones go first. */
export const EVENT_LOG_LIMIT = 500;

/** What changed between two sets of rows of one symbol, as events. */
export function feedEvents(symbol: string, before: ReadonlyMap<string, VenueRow>, rows: readonly VenueRow[], at: number): FeedEvent[] {
  const events: FeedEvent[] = [];
  for (const row of rows) {
    const previous = before.get(row.id);
    const base = { at, venue: row.id, symbol };
    const state = row.notListed ? 'not listed' : row.state;
    const previousState = previous === undefined ? undefined : previous.notListed ? 'not listed' : previous.state;
    if (state !== previousState) events.push({ ...base, kind: 'state', text: `${row.name} ${previousState ?? 'new'} → ${state}` });
    if (previous && row.reconnects > previous.reconnects) events.push({ ...base, kind: 'reconnect', text: `${row.name} reconnected (#${row.reconnects})` });
    if (previous && row.failedAttempts > previous.failedAttempts) {
      events.push({ ...base, kind: 'reconnect', text: `${row.name} connection attempt failed (${row.failedAttempts} so far)` });
    }
    if (previous && row.resyncs > previous.resyncs) events.push({ ...base, kind: 'resync', text: `${row.name} resync #${row.resyncs} (sequence gap or checksum mismatch)` });
    if (row.lastError !== undefined && (row.lastError !== previous?.lastError || (row.errorAgeS ?? 0) < (previous?.errorAgeS ?? 0))) {
      events.push({ ...base, kind: 'error', text: `${row.name}: ${row.lastError}` });
    }
  }
  return events;
}

/** Adds events to the store's log, dropping the oldest past the limit. */
export function appendEvents(store: AppStore, events: readonly FeedEvent[]): void {
  if (events.length === 0) return;
  store.setState((state) => {
    const all = [...state.events, ...events];
    return { events: all.length > EVENT_LOG_LIMIT ? all.slice(all.length - EVENT_LOG_LIMIT) : all };
  });
}
