/**
 * The futures venues (Binance USDⓈ-M, Aster) against their simulators where the futures rules
 * matter: a REST snapshot that arrives late is bridged onto the diffs buffered meanwhile (ids
 * that jump, the first kept event ending at or past lastUpdateId, then the pu chain), and a
 * symbol the exchangeInfo does not list ends as "not listed" before any socket is opened.
 */
import { describe, expect, it } from 'vitest';
import { MARGIN_MS, counters, expectHealed, guardProcess, harnessPerTest, timeUntil, venueSetup } from '../helpers/fault-kit.js';

guardProcess();

const SLOW_MS = 800;

describe.each(['binance-usdm', 'aster'] as const)('%s: snapshot bridging and instrument facts', (venue) => {
  const slot = harnessPerTest();

  it('slow-snapshot: buffered diffs are bridged onto the late snapshot, no resync', async () => {
    const h = await slot.start(venueSetup(venue, { start: false, server: { slowSnapshotMs: SLOW_MS } }));
    h.run();
    h.server.faults.hold('slow-snapshot');
    const start = Date.now();
    h.feed.start();
    // exchangeInfo first, then the socket, then the depth snapshot: each answer comes SLOW_MS late.
    await timeUntil('the socket', () => h.server.upgradeAttempts === 1, 5_000, start);
    const from = h.server.symbol('BTC')!.seq;
    await timeUntil('live', () => h.feed.health().state === 'live', 5_000);
    expect(h.server.symbol('BTC')!.seq - from).toBeGreaterThan(10);
    h.server.faults.clear('slow-snapshot');
    await expectHealed(h);
    expect(counters(h)).toEqual({ reconnects: 0, resyncs: 0, upgrades: 1 });
    expect(h.feed.instrument).toMatchObject({ symbol: 'BTCUSDT', tickSize: expect.any(Number), lotSize: expect.any(Number) });
    expect(Date.now() - start).toBeLessThan(2 * SLOW_MS + 2 * MARGIN_MS + 1_000);
  });

  it('a symbol exchangeInfo does not list is "not listed" without opening a socket', async () => {
    const h = await slot.start(venueSetup(venue, { base: 'NOPE' }));
    await timeUntil('not listed', () => h.feed.health().notListed, 5_000);
    expect(h.feed.health()).toMatchObject({ state: 'down', reconnects: 0 });
    expect(h.feed.health().lastError).toMatch(/not listed: .*NOPEUSDT is not in exchangeInfo/);
    expect(h.server.upgradeAttempts).toBe(0);
  });
});
