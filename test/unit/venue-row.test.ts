/** A feed's reconnects and failed attempts as the store shows them: in the row and the event log. */
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import type { FeedHealth } from '../../src/feeds/health.js';
import { feedEvents } from '../../src/store/feed-events.js';
import type { FeedView } from '../../src/store/feed-view.js';
import { venueRow } from '../../src/store/selectors.js';

const NOW = 1_700_000_000_000;

function feed(health: Partial<FeedHealth>): FeedView {
  const full: FeedHealth = { state: 'reconnecting', msgsPerSec: 0, reconnects: 0, failedAttempts: 0, resyncs: 0, notListed: false, ...health };
  return { adapter: { id: 'binance', name: 'Binance', market: 'spot', quote: 'USDT' }, book: new Book(), version: 0, synced: false, sizeScale: 1, health: () => full };
}

describe('reconnects and failed attempts', () => {
  it('a five-minute outage reads as one reconnect and its failed attempts, apart', () => {
    const row = venueRow(feed({ state: 'live', reconnects: 1, failedAttempts: 41 }), NOW);
    expect(row).toMatchObject({ reconnects: 1, failedAttempts: 41 });
  });

  it('the event log says which attempts failed and which reconnect succeeded', () => {
    const down = venueRow(feed({ reconnects: 0, failedAttempts: 0 }), NOW);
    const failing = venueRow(feed({ reconnects: 0, failedAttempts: 2 }), NOW);
    const back = venueRow(feed({ state: 'live', reconnects: 1, failedAttempts: 2 }), NOW);
    expect(feedEvents('BTC', new Map([['binance', down]]), [failing], NOW).map((event) => event.text)).toEqual(['Binance connection attempt failed (2 so far)']);
    expect(feedEvents('BTC', new Map([['binance', failing]]), [back], NOW).map((event) => event.text)).toEqual(['Binance reconnecting → live', 'Binance reconnected (#1)']);
  });
});
