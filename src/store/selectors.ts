/** Turning feeds into printable rows, and deciding whether a new row set would print differently. */
import type { FeedView } from './feed-view.js';
import type { VenueRow } from './app-store.js';
import type { Book } from '../book/book.js';

export function venueRow(feed: FeedView, now: number): VenueRow {
  const health = feed.health();
  const book = feed.book;
  const decimals = priceDecimals(book);
  const row: VenueRow = {
    id: feed.adapter.id,
    name: feed.adapter.name,
    market: feed.adapter.market,
    quote: feed.adapter.quote,
    state: health.state,
    notListed: health.notListed,
    msgsPerSec: health.msgsPerSec,
    reconnects: health.reconnects,
    failedAttempts: health.failedAttempts,
    resyncs: health.resyncs,
    ...(decimals !== undefined ? { priceDecimals: decimals } : {}),
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

/** The most decimals a book has shown, kept per book: a price that ends in zero never narrows it. */
const decimalsSeen = new WeakMap<Book, number>();

/** Levels read per side: enough that one of them has the venue's last decimal. */
const DECIMAL_SAMPLE = 8;

/**
 * Decimals of a venue's tick, read off its own price strings (trailing zeros dropped: some venues
 * pad to eight decimals, some trim). Venues do not all publish their tick, but every book shows it.
 */
export function priceDecimals(book: Book): number | undefined {
  let decimals = decimalsSeen.get(book);
  for (const [price] of [...book.topBids(DECIMAL_SAMPLE), ...book.topAsks(DECIMAL_SAMPLE)]) {
    const dot = price.indexOf('.');
    if (dot < 0) {
      decimals ??= 0;
      continue;
    }
    const significant = price.replace(/0+$/, '').length - dot - 1;
    decimals = Math.max(decimals ?? 0, significant);
  }
  if (decimals !== undefined) decimalsSeen.set(book, decimals);
  return decimals;
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
  // Per frame: a loop, no callback made anew (see FrameClock.ladder).
  for (const key of keysA) {
    if (a[key] !== b[key]) return false;
  }
  return true;
}
