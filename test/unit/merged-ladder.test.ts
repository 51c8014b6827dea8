/**
 * What the merged ladder promises a trader: every level of every venue in sync counts, summed per
 * price group (a coarse group holds several of one venue's levels); the best price is on top of
 * each side; a venue whose book is not in sync is not in the ladder, and its row shows no prices.
 */
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { mergeDepth } from '../../src/book/merge-depth.js';
import type { FeedHealth, FeedState } from '../../src/feeds/health.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { FeedView } from '../../src/store/feed-view.js';
import { FrameClock } from '../../src/store/frame-clock.js';

function sides(venue: string, bids: [string, string][], asks: [string, string][], sizeScale?: number) {
  const book = new Book();
  book.replace(bids, asks);
  return { venue, bids: book.bids, asks: book.asks, ...(sizeScale !== undefined ? { sizeScale } : {}) };
}

describe('mergeDepth', () => {
  it("adds up one venue's levels that fall into the same group, however many of them", () => {
    // Two groups asked for: the walk counts groups, not levels, so all three of 100's levels count.
    const merged = mergeDepth([sides('binance', [['100.9', '1'], ['100.5', '2'], ['100.1', '4'], ['99.5', '8']], [['101.1', '1'], ['101.7', '3']])], 1, 2);
    expect(merged.bids).toEqual([
      { price: 100, size: 7, venues: [['binance', 7]] },
      { price: 99, size: 8, venues: [['binance', 8]] },
    ]);
    expect(merged.asks).toEqual([{ price: 102, size: 4, venues: [['binance', 4]] }]);
  });

  it('puts the best price first on each side, whichever venue holds it', () => {
    const merged = mergeDepth(
      [
        sides('a', [['98', '1'], ['96', '1']], [['103', '1'], ['105', '1']]),
        sides('b', [['99', '1'], ['97', '1'], ['95', '1']], [['102', '1'], ['104', '1']]),
      ],
      1,
      10,
    );
    expect(merged.bids.map((level) => level.price)).toEqual([99, 98, 97, 96, 95]);
    expect(merged.asks.map((level) => level.price)).toEqual([102, 103, 104, 105]);
    expect([merged.bestBid, merged.bestAsk]).toEqual([99, 102]);
    const reversed = mergeDepth([sides('b', [['99', '1']], [['102', '1']]), sides('a', [['98', '1']], [['103', '1']])], 1, 10);
    expect([reversed.bestBid, reversed.bestAsk]).toEqual([99, 102]);
  });

  it('returns the asked number of groups when venues interleave', () => {
    const merged = mergeDepth(
      [
        sides('a', [['100', '1'], ['98', '1'], ['96', '1']], [['101', '1'], ['103', '1'], ['105', '1']]),
        sides('b', [['99', '1'], ['97', '1'], ['95', '1']], [['102', '1'], ['104', '1'], ['106', '1']]),
      ],
      1,
      3,
    );
    expect(merged.bids.map((level) => level.price)).toEqual([100, 99, 98]);
    expect(merged.asks.map((level) => level.price)).toEqual([101, 102, 103]);
  });

  it('counts a contract-sized venue in base units', () => {
    const merged = mergeDepth([sides('okx-swap', [['100', '30']], [['101', '2']], 0.01), sides('binance', [['100', '0.5']], [])], 1, 5);
    expect(merged.bids[0]?.size).toBeCloseTo(0.8, 12);
    expect(merged.bids[0]?.venues.map(([venue, size]) => [venue, Number(size.toFixed(12))])).toEqual([['binance', 0.5], ['okx-swap', 0.3]]);
    expect(merged.asks[0]?.size).toBeCloseTo(0.02, 12);
  });
});

/** A feed as the frame clock sees it: a book, whether it is in sync, and its state. */
function feed(id: string, state: FeedState, synced: boolean, bids: [string, string][], asks: [string, string][]): FeedView {
  const book = new Book();
  book.replace(bids, asks);
  const health: FeedHealth = { state, msgsPerSec: 0, reconnects: 0, failedAttempts: 0, resyncs: 0, notListed: false };
  return { adapter: { id, name: id, market: 'spot', quote: 'USDT' }, book, version: 1, synced, sizeScale: 1, health: () => health };
}

describe('the frame clock builds the ladder from books in sync only', () => {
  it('leaves a syncing venue out of the ladder and its row without prices', () => {
    const store = createAppStore({ symbol: 'BTC', depth: 5 });
    const feeds = [
      feed('binance', 'live', true, [['100', '1']], [['101', '1']]),
      feed('hyperliquid', 'syncing', false, [['150', '9']], [['90', '9']]),
    ];
    new FrameClock({ store, source: () => ({ symbol: 'BTC', feeds }) }).tick();
    const { ladder, venues } = store.getState();
    expect(ladder?.included).toEqual(['binance']);
    expect(ladder?.bids.map((level) => [level.price, level.size])).toEqual([[100, 1]]);
    expect(ladder?.asks.map((level) => [level.price, level.size])).toEqual([[101, 1]]);
    expect(venues.find((row) => row.id === 'hyperliquid')).not.toHaveProperty('bestBid');
    expect(venues.find((row) => row.id === 'hyperliquid')).not.toHaveProperty('bestAsk');
    expect(venues.find((row) => row.id === 'binance')).toMatchObject({ bestBid: 100, bestAsk: 101 });
  });

  it('takes a stale venue out of the ladder at once, though its book is still the last one in sync', () => {
    const store = createAppStore({ symbol: 'BTC', depth: 5 });
    const feeds = [feed('binance', 'live', true, [['100', '1']], [['101', '1']]), feed('hyperliquid', 'stale', true, [['100', '5']], [['101', '5']])];
    new FrameClock({ store, source: () => ({ symbol: 'BTC', feeds }) }).tick();
    expect(store.getState().ladder?.included).toEqual(['binance']);
    expect(store.getState().ladder?.bids[0]).toMatchObject({ price: 100, size: 1 });
  });
});
