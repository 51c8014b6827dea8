/**
 * A Coinbase book as deep as BTC-USD's, through the real feed: the snapshot event carries the
 * top of the book and the frames after it the rest, and the book still ends up equal to the
 * simulator's level by level, across a moving market and across a gap in the middle of the fill.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HEAD_LEVELS } from '../../src/feeds/venues/coinbase-snapshot-fill.js';
import { coinbaseProtocol } from '../../src/sim/venues/coinbase.js';
import { SimHarness } from '../helpers/sim-harness.js';
import { waitFor } from '../helpers/wait-for.js';

const DEPTH = 6_000;

describe('coinbase: a snapshot as deep as BTC-USD', () => {
  let harness: SimHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function start(): Promise<SimHarness> {
    harness = await SimHarness.start({ venue: 'coinbase', start: false, protocol: () => coinbaseProtocol({ heartbeatEveryMs: 100, minPushIntervalMs: 0, bookDepth: DEPTH }) });
    return harness;
  }

  it('is live on the top of the book at once and whole after the following frames', async () => {
    const h = await start();
    const levels = h.server.symbol('BTC')!.book.levels('bid').length;
    expect(levels).toBeGreaterThan(HEAD_LEVELS * 2);
    h.feed.start();
    h.run();
    await h.waitLive();
    await h.expectBookMatches();
    expect(h.feed.book.bids.depth).toBeGreaterThan(HEAD_LEVELS * 2);
    expect(h.feed.health().resyncs).toBe(0);
  });

  it('a gap while the depth is still filling in resyncs and ends equal', async () => {
    const h = await start();
    h.feed.start();
    await h.waitLive();
    h.server.faults.arm('gap');
    h.run();
    await waitFor('the resync', () => h.feed.health().resyncs === 1);
    await h.waitLive();
    await h.expectBookMatches();
    expect(h.feed.health().reconnects).toBe(0);
  });
});
