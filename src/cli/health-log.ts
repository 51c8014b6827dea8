/**
 * Writes what happens to the feeds into the log file: every state change, reconnect, resync and
 * new error, read off the store the frame clock fills. It owns only its store subscription.
 */
import type { AppStore, VenueRow } from '../store/app-store.js';
import type { Logger } from './log.js';

export function logFeedHealth(store: AppStore, logger: Logger): () => void {
  let previous = new Map<string, VenueRow>();
  return store.subscribe((state) => {
    const next = new Map(state.venues.map((row) => [`${state.symbol}:${row.id}`, row]));
    for (const [key, row] of next) {
      const before = previous.get(key);
      if (before?.state !== row.state) logger.info(`${key} ${before?.state ?? 'new'} -> ${row.notListed ? 'not listed' : row.state}`);
      if (before && row.reconnects > before.reconnects) logger.info(`${key} reconnect #${row.reconnects}`);
      if (before && row.resyncs > before.resyncs) logger.info(`${key} resync #${row.resyncs}`);
      if (row.lastError !== undefined && row.lastError !== before?.lastError) logger.error(`${key} ${row.lastError}`);
    }
    previous = next;
  });
}
