/**
 * A book's age by the venue's own clock (Hyperliquid: every l2Book push is a whole book stamped
 * with its block time). A venue whose clock is an hour off ours is live; a connection that opens
 * on a book a minute older than the venue's usual lag is not, and its levels leave the ladder,
 * until a current book comes.
 */
import { describe, expect, it } from 'vitest';
import { BEHIND_AFTER_MS } from '../../src/feeds/book-lag.js';
import type { SimProtocol } from '../../src/sim/venue-server.js';
import { counters, expectHealed, guardProcess, harnessPerTest, simulatorFor, timeUntil, timingReport, venueSetup } from '../helpers/fault-kit.js';

guardProcess();
const note = timingReport();
const slot = harnessPerTest();

const HOUR_MS = 3_600_000;

/**
 * Hyperliquid's simulator with each connection's book times moved by `offsetMs(connection)`: a
 * venue whose clock differs from ours, or one that serves an old book on a new connection.
 */
function shiftedTimes(offsetMs: (connection: number) => number): SimProtocol {
  const protocol = simulatorFor('hyperliquid')();
  let connections = 0;
  return {
    ...protocol,
    connect: (url, client, context) => {
      const offset = offsetMs(connections++);
      return protocol.connect(url, {
        ...client,
        send: (data, kind) => client.send(typeof data === 'string' && offset !== 0 ? data.replace(/"time":(\d+)/, (_, time: string) => `"time":${Number(time) + offset}`) : data, kind),
      }, context);
    },
  };
}

describe('hyperliquid: a book judged by the venue clock', () => {
  it.each([['behind', -HOUR_MS], ['ahead of', HOUR_MS]])('a venue clock an hour %s ours is live, its skew shown as it is', async (_, offset) => {
    const h = await slot.startLive(venueSetup('hyperliquid', { protocol: () => shiftedTimes(() => offset) }));
    await h.expectBookMatches();
    const before = counters(h).resyncs;
    // Stays live over several pushes (one per step): a steady skew is not age.
    for (let i = 0; i < 5; i++) {
      h.step();
      await h.expectBookMatches();
      expect(h.feed.health().state).toBe('live');
    }
    expect(counters(h).resyncs).toBe(before);
    expect(Math.abs(h.feed.health().latencyMs! + offset)).toBeLessThan(5_000);
  });

  it('a connection that opens on a book a minute old is not live, then live on a current one', async () => {
    let staleConnection = true;
    const h = await slot.startLive(venueSetup('hyperliquid', { protocol: () => shiftedTimes((n) => (n === 1 && staleConnection ? -60_000 : 0)) }));
    await h.expectBookMatches();
    const start = Date.now();
    h.server.dropAll();
    const found = await timeUntil('the old book to be judged', () => /older than the venue's usual lag/.test(h.feed.health().lastError ?? ''), 5_000, start);
    expect(h.feed.health().state).toBe('stale');
    expect(h.feed.health().lastError).toMatch(/^book (59|60|61)\.\d s older than the venue's usual lag/);
    // Still stale over further old pushes: the baseline from before the reconnect holds.
    for (let i = 0; i < 3; i++) {
      const version = h.feed.version;
      h.step();
      await timeUntil('the next push', () => h.feed.version > version, 2_000);
      expect(h.feed.health().state).toBe('stale');
    }
    staleConnection = false;
    h.server.dropAll();
    await expectHealed(h);
    expect(BEHIND_AFTER_MS).toBeLessThan(60_000);
    note('hyperliquid minute-old book', { foundMs: found });
  });
});
