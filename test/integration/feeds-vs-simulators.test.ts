/** The real feeds against the simulators: they reach live and hold the venue's book exactly. */
import { afterEach, describe, expect, it } from 'vitest';
import { VENUE_IDS } from '../../src/venues/ids.js';
import { SimHarness } from '../helpers/sim-harness.js';
import { waitFor } from '../helpers/wait-for.js';

/** Every registered venue at its production settings; the depth compared is what its simulator publishes. */
describe.each(VENUE_IDS)('%s feed against its simulator', (venue) => {
  let harness: SimHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('reaches live and its book equals the simulator book level by level', async () => {
    harness = await SimHarness.start({ venue });
    harness.run();
    await harness.waitLive();
    await harness.expectBookMatches();
    const health = harness.feed.health();
    expect(health.reconnects).toBe(0);
    expect(health.resyncs).toBe(0);
    expect(harness.feed.book.bestBid).toBeLessThan(harness.feed.book.bestAsk!);
  });

  it('stays equal while the market keeps moving', async () => {
    harness = await SimHarness.start({ venue });
    harness.run(5);
    await harness.waitLive();
    for (let round = 0; round < 3; round++) {
      const from = harness.server.symbol('BTC')!.seq;
      harness.run(5);
      await waitFor('the market to move by 100 updates', () => harness!.server.symbol('BTC')!.seq > from + 100);
      await harness.expectBookMatches();
    }
    expect(harness.feed.health().resyncs).toBe(0);
  });

  it('says "not listed" for a symbol the venue does not list, and stops trying', async () => {
    harness = await SimHarness.start({ venue, base: 'NOPE' });
    harness.run();
    await waitFor('the feed to report not listed', () => harness!.feed.health().notListed, 10_000);
    expect(harness.feed.health().state).toBe('down');
    expect(harness.feed.health().lastError).toMatch(/not listed/);
    await waitFor('the feed to hang up', () => harness!.server.clientCount === 0);
  });
});
