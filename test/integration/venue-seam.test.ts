/**
 * The venue seam on the generic test venue, before a real venue needs it: an instrument request
 * answered by the simulator gives the contract size (sizes on the wire are contracts, merged
 * sizes are base units, the raw strings stay for the checksum), a depth limit keeps the book at
 * the venue's N levels, and a "no such instrument" answer ends the feed as not listed without it
 * ever connecting.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mergeDepth } from '../../src/book/merge-depth.js';
import { genericVenue } from '../helpers/generic-venue/codec.js';
import { genericVenueProtocol } from '../helpers/generic-venue/sim.js';
import { SimHarness } from '../helpers/sim-harness.js';
import { waitFor } from '../helpers/wait-for.js';

const CONTRACT = '0.01';
const DEPTH = 10;

describe('the venue seam on the generic venue', () => {
  let harness: SimHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  function start(base = 'BTC'): Promise<SimHarness> {
    return SimHarness.start({
      venue: 'generic',
      base,
      adapter: (endpoints) => genericVenue(endpoints, { instrument: true, depthLimit: DEPTH }),
      protocol: () => ({ ...genericVenueProtocol({ contractSize: CONTRACT }), publishedDepth: DEPTH }),
    });
  }

  it('reads the contract size first; the book holds contracts and merges in base units', async () => {
    harness = await start();
    harness.run();
    await harness.waitLive();
    await harness.expectBookMatches();
    const feed = harness.feed;
    expect(feed.instrument).toEqual({ symbol: 'BTC-USD', contractSize: 0.01 });
    expect(feed.sizeScale).toBe(0.01);
    const sim = harness.server.symbol('BTC')!.book;
    const [simPrice, simSize] = sim.levels('bid', 1)[0]!;
    const [price, size] = feed.book.topBids(1)[0]!;
    // The raw wire string is the contract count: a hundred times the base size.
    expect(price).toBe(simPrice);
    expect(Number(size)).toBeCloseTo(Number(simSize) * 100, 6);
    const tick = feed.book.bids.priceAt(0) - feed.book.bids.priceAt(1);
    const merged = mergeDepth([{ venue: 'generic', bids: feed.book.bids, asks: feed.book.asks, sizeScale: feed.sizeScale }], Math.min(tick, 0.01), 3);
    sim.levels('bid', 3).forEach(([simBidPrice, baseSize], i) => {
      expect(merged.bids[i]!.price).toBe(Number(simBidPrice));
      expect(merged.bids[i]!.size).toBeCloseTo(Number(baseSize), 9);
    });
  });

  it('keeps only the venue\'s best N levels a side while the market moves', async () => {
    harness = await start();
    harness.run(5);
    await harness.waitLive();
    const state = harness.server.symbol('BTC')!;
    const from = state.seq;
    await waitFor('the market to move by 200 updates', () => state.seq > from + 200);
    await harness.expectBookMatches();
    expect(state.book.levels('bid').length).toBeGreaterThan(DEPTH);
    expect(harness.feed.book.bids.depth).toBe(DEPTH);
    expect(harness.feed.book.asks.depth).toBe(DEPTH);
    expect(harness.feed.health().resyncs).toBe(0);
  });

  it('ends as not listed when the instrument answer says so, without connecting', async () => {
    harness = await start('NOPE');
    harness.run();
    await waitFor('the feed to report not listed', () => harness!.feed.health().notListed);
    const health = harness.feed.health();
    expect(health.state).toBe('down');
    expect(health.lastError).toBe('not listed: Generic: no instrument NOPE-USD');
    expect(harness.server.upgradeAttempts).toBe(0);
  });
});
