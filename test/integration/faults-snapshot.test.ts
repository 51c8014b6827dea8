/**
 * Binance's REST snapshot and its shutdown notice: a snapshot that arrives late is
 * bridged with the diffs buffered meanwhile; one that never arrives in time is asked again; a
 * 429 on it is retried no sooner than its Retry-After; `serverShutdown` reconnects at once,
 * before the server's own close.
 */
import { describe, expect, it } from 'vitest';
import { MARGIN_MS, counters, simulatorFor, expectHealed, guardProcess, harnessPerTest, moved, timeUntil, timingReport, venueSetup } from '../helpers/fault-kit.js';
import type { HarnessOptions, SimHarness } from '../helpers/sim-harness.js';

guardProcess();
const note = timingReport();

const SLOW_MS = 800;

describe('binance: REST snapshot and shutdown faults', () => {
  const slot = harnessPerTest();

  async function startHarness(extra: Partial<HarnessOptions> = {}): Promise<SimHarness> {
    return slot.start(venueSetup('binance', { start: false, server: { slowSnapshotMs: SLOW_MS }, ...extra }));
  }

  it('slow-snapshot: syncing while the market moves, then live with the buffered diffs bridged', async () => {
    let snapshotRequests = 0;
    const h = await startHarness({
      protocol: () => {
        const protocol = simulatorFor('binance')();
        const http = protocol.http!;
        return { ...protocol, http: (url, body, context) => (snapshotRequests++, http(url, body, context)) };
      },
    });
    h.run();
    h.server.faults.hold('slow-snapshot');
    const start = Date.now();
    h.feed.start();
    const trail = slot.recordStates(h);
    const from = h.server.symbol('BTC')!.seq;
    const live = await timeUntil('live', () => h.feed.health().state === 'live', 5_000, start);
    // The snapshot was made when asked, so the diffs of the whole delay had to be bridged onto it.
    expect(h.server.symbol('BTC')!.seq - from).toBeGreaterThan(10);
    h.server.faults.clear('slow-snapshot');
    await expectHealed(h);
    expect(trail.stop()).toEqual(['connecting', 'syncing', 'live']);
    expect(counters(h)).toEqual({ reconnects: 0, resyncs: 0, upgrades: 1 });
    // Live only once the slow answer came, and on that one answer: not asked again meanwhile.
    expect(live).toBeGreaterThanOrEqual(SLOW_MS);
    expect(snapshotRequests).toBe(1);
    note('binance slow-snapshot', { liveMs: live, ...counters(h) });
  });

  it('a snapshot no diff has bridged onto yet is not shown live, however complete it looks', async () => {
    // The market stands still: the snapshot arrives and no diff follows it.
    const h = await startHarness();
    h.feed.start();
    await timeUntil('the snapshot to be in the book', () => h.feed.book.bestBid !== undefined && h.server.openHttpRequests === 0, 3_000);
    expect(h.feed.health().state).toBe('syncing');
    expect(h.feed.synced).toBe(false);
    // One move of the market: its diff bridges, and only now the book is live.
    h.step();
    await timeUntil('live', () => h.feed.health().state === 'live', 3_000);
    await expectHealed(h);
  });

  it('a snapshot slower than snapshotTimeoutMs is given up and asked again', async () => {
    const h = await startHarness({ snapshotTimeoutMs: 300 });
    h.run();
    h.server.faults.hold('slow-snapshot');
    h.feed.start();
    await timeUntil('the snapshot to time out', () => h.feed.health().lastError !== undefined, 3_000);
    // Said as a user can act on it, not as the AbortError's "This operation was aborted".
    expect(h.feed.health().lastError).toMatch(/^REST snapshot took longer than 0\.3 s; retrying in \d+(\.\d)? s$/);
    h.server.faults.clear('slow-snapshot');
    await expectHealed(h);
    expect(counters(h)).toEqual({ reconnects: 0, resyncs: 0, upgrades: 1 });
  });

  it('429 on the snapshot: the retry waits at least Retry-After (1 s)', async () => {
    const h = await startHarness({ start: true });
    h.run();
    await expectHealed(h);
    const before = counters(h);
    h.server.faults.hold('429');
    h.server.faults.arm('gap');
    await timeUntil('the snapshot to be refused', () => /snapshot: HTTP 429/.test(h.feed.health().lastError ?? ''), 2_000);
    // When the feed took the refusal, not when this poll noticed it (a busy machine notices late).
    const refusedAt = h.feed.health().lastErrorAt!;
    h.server.faults.clear('429');
    const live = await timeUntil('live', () => h.feed.health().state === 'live', 5_000, refusedAt);
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 1, upgrades: 0 });
    expect(live).toBeGreaterThanOrEqual(1_000 - 10);
    expect(live).toBeLessThan(1_000 + MARGIN_MS);
    note('binance REST 429', { liveAfterRefusalMs: live, ...moved(h, before) });
  });

  it('server-shutdown: reconnects at once on the notice, counted once, before the server closes', async () => {
    const h = await startHarness({ start: true });
    h.run();
    await expectHealed(h);
    const before = counters(h);
    const start = Date.now();
    h.server.faults.arm('server-shutdown');
    const detected = await timeUntil('the reconnect attempt', () => h.server.upgradeAttempts > before.upgrades, 2_000, start);
    expect(h.feed.health().lastError).toMatch(/serverShutdown/);
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 1 });
    // It was the notice, not the close that follows it 100 ms later ("connection closed (1001...)").
    expect(detected).toBeLessThan(MARGIN_MS);
    note('binance server-shutdown', { detectedMs: detected, ...moved(h, before) });
  });
});
