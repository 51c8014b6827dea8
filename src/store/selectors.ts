/** Turning feeds into printable rows, and deciding whether a new row set would print differently. */
import type { FeedView } from './feed-view.js';
import type { VenueRow } from './app-store.js';

export function venueRow(feed: FeedView, now: number): VenueRow {
  const health = feed.health();
  const book = feed.book;
  const row: VenueRow = {
    id: feed.adapter.id,
    name: feed.adapter.name,
    market: feed.adapter.market,
    state: health.state,
    notListed: health.notListed,
    msgsPerSec: health.msgsPerSec,
    reconnects: health.reconnects,
    resyncs: health.resyncs,
    ...(feed.synced && book.bestBid !== undefined ? { bestBid: book.bestBid } : {}),
    ...(feed.synced && book.bestAsk !== undefined ? { bestAsk: book.bestAsk } : {}),
    ...(health.lastMessageAt !== undefined ? { ageS: Math.max(0, Math.floor((now - health.lastMessageAt) / 1000)) } : {}),
    ...(health.latencyMs !== undefined ? { latencyMs: health.latencyMs } : {}),
    ...(health.lastError !== undefined ? { lastError: health.lastError } : {}),
    ...(health.lastErrorAt !== undefined ? { errorAgeS: Math.max(0, Math.floor((now - health.lastErrorAt) / 1000)) } : {}),
    ...(health.retryAt !== undefined ? { retryInS: Math.max(0, Math.ceil((health.retryAt - now) / 1000)) } : {}),
    ...(health.connectedSince !== undefined ? { upForS: Math.floor((now - health.connectedSince) / 1000) } : {}),
  };
  return row;
}

export function sameRows(a: readonly VenueRow[], b: readonly VenueRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!sameRow(a[i]!, b[i]!)) return false;
  }
  return true;
}

function sameRow(a: VenueRow, b: VenueRow): boolean {
  const keysA = Object.keys(a) as (keyof VenueRow)[];
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => a[key] === b[key]);
}
