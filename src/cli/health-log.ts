/**
 * What happens to the feeds, read off the store the frame clock fills: every state change,
 * reconnect, resync and new error goes into the event log the `l` overlay shows, and into the log
 * file. It owns only its store subscription.
 */
import type { AppStore, VenueRow } from '../store/app-store.js';
import { appendEvents, feedEvents } from '../store/feed-events.js';
import type { Logger } from './log.js';

export function logFeedHealth(store: AppStore, logger: Logger, now: () => number = Date.now): () => void {
  let symbol = store.getState().symbol;
  let previous = new Map<string, VenueRow>();
  let previousRows: readonly VenueRow[] | undefined;
  return store.subscribe((state) => {
    if (state.venues === previousRows) return;
    previousRows = state.venues;
    // A new symbol's feeds are new feeds: their first rows are news, not changes.
    if (state.symbol !== symbol) previous = new Map();
    symbol = state.symbol;
    const events = feedEvents(state.symbol, previous, state.venues, now());
    previous = byId(state.venues);
    for (const event of events) {
      const line = `${state.symbol}:${event.venue} ${event.text}`;
      if (event.kind === 'error') logger.error(line);
      else logger.info(line);
    }
    appendEvents(store, events);
  });
}

/** Per frame: a loop, no callback made anew (see FrameClock.ladder). */
function byId(rows: readonly VenueRow[]): Map<string, VenueRow> {
  const map = new Map<string, VenueRow>();
  for (const row of rows) map.set(row.id, row);
  return map;
}
