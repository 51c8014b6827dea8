/**
 * Link faults on every venue (Binance: rest-snapshot + server pings; Hyperliquid:
 * full-snapshot + client pings; generic: ws-snapshot + heartbeat channel): the connection dies,
 * goes silent, only heartbeats, or is refused. Each time the feed must notice within its
 * threshold, count exactly what happened, come back live, and hold the simulator's book.
 */
import { describe, expect, it } from 'vitest';
import {
  BACKOFF, FAULT_VENUES, MARGIN_MS, RECONNECT_AFTER_STALE_MS, STALE_MS,
  counters, expectHealed, guardProcess, harnessPerTest, moved, timeUntil, timingReport, venueSetup,
} from '../helpers/fault-kit.js';
import type { SimHarness } from '../helpers/sim-harness.js';

guardProcess();
const note = timingReport();

/**
 * How long after the last market data the simulator sent (read while the fault still withholds
 * it) the feed was seen stale and reconnecting. The thresholds run from the feed's last data,
 * which came no earlier: on a loaded machine the market may pause before the fault begins, so
 * the time since the fault was armed proves nothing about them.
 */
function sinceLastData(h: SimHarness, start: number, stale: number, reconnect: number): { stale: number; reconnect: number } {
  const lastSent = h.server.lastMarketSentAt!;
  return { stale: start + stale - lastSent, reconnect: start + reconnect - lastSent };
}

describe.each(FAULT_VENUES)('%s: link faults', (venue) => {
  const slot = harnessPerTest();

  async function liveHarness(extra: Parameters<typeof venueSetup>[1] = {}): Promise<SimHarness> {
    return slot.startLive(venueSetup(venue, extra));
  }

  it('drop (1006): notices at once, reconnects once, no resync', async () => {
    const h = await liveHarness();
    const before = counters(h);
    h.server.faults.arm('drop');
    const detected = await timeUntil('the reconnect', () => h.feed.health().reconnects > before.reconnects, 2_000);
    expect(h.feed.health().lastError).toMatch(/1006/);
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 1 });
    expect(detected).toBeLessThan(MARGIN_MS);
    note(`${venue} drop`, { detectedMs: detected, ...moved(h, before) });
  });

  it('stall (open socket, nothing sent): stale, then one reconnect, within the thresholds', async () => {
    const h = await liveHarness();
    const before = counters(h);
    const trail = slot.recordStates(h);
    const start = Date.now();
    h.server.faults.hold('stall');
    const stale = await timeUntil('stale', () => h.feed.health().state === 'stale', 3_000, start);
    const reconnect = await timeUntil('the link given up', () => /stalled/.test(h.feed.health().lastError ?? ''), 3_000, start);
    const sinceData = sinceLastData(h, start, stale, reconnect);
    h.server.faults.clear('stall');
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 1 });
    expect(h.feed.health().lastError).toMatch(/stalled/);
    expect(trail.stop()).toEqual(expect.arrayContaining(['live', 'stale', 'reconnecting']));
    note(`${venue} stall`, { staleMs: stale, reconnectMs: reconnect, ...moved(h, before) });
    expect(sinceData.stale).toBeGreaterThanOrEqual(STALE_MS);
    expect(stale).toBeLessThan(STALE_MS + MARGIN_MS);
    expect(sinceData.reconnect).toBeGreaterThanOrEqual(STALE_MS + RECONNECT_AFTER_STALE_MS);
    expect(reconnect).toBeLessThan(STALE_MS + RECONNECT_AFTER_STALE_MS + MARGIN_MS);
  });

  it('heartbeat-only (a zombie socket): heartbeats do not count as data, so stale, then one reconnect', async () => {
    const h = await liveHarness();
    const before = counters(h);
    const start = Date.now();
    h.server.faults.hold('heartbeat-only');
    const stale = await timeUntil('stale', () => h.feed.health().state === 'stale', 3_000, start);
    const reconnect = await timeUntil('the link given up', () => /stalled/.test(h.feed.health().lastError ?? ''), 3_000, start);
    const sinceData = sinceLastData(h, start, stale, reconnect);
    h.server.faults.clear('heartbeat-only');
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 1 });
    expect(h.feed.health().lastError).toMatch(/stalled/);
    note(`${venue} heartbeat-only`, { staleMs: stale, reconnectMs: reconnect, ...moved(h, before) });
    expect(stale).toBeLessThan(STALE_MS + MARGIN_MS);
    expect(sinceData.reconnect).toBeGreaterThanOrEqual(STALE_MS + RECONNECT_AFTER_STALE_MS);
    expect(reconnect).toBeLessThan(STALE_MS + RECONNECT_AFTER_STALE_MS + MARGIN_MS);
  });

  it('refuse (503 on upgrade): retries under backoff, shows reconnecting, live within one cap of the end', async () => {
    const h = await liveHarness();
    const before = counters(h);
    const trail = slot.recordStates(h);
    const failedBefore = h.feed.health().failedAttempts;
    expect(h.feed.health().latencyMs).toBeDefined();
    h.server.faults.hold('refuse');
    h.server.faults.arm('drop');
    await timeUntil('two refused handshakes', () => h.server.upgradeAttempts >= before.upgrades + 2, 3_000);
    // No connection, no latency: the last connection's figure says nothing about the next one.
    expect(h.feed.health().state).not.toBe('live');
    expect(h.feed.health().latencyMs).toBeUndefined();
    h.server.faults.clear('refuse');
    const healed = await timeUntil('live again', () => h.feed.health().state === 'live', 3_000);
    await expectHealed(h);
    const delta = moved(h, before);
    // One reconnect, the connection that opened again; every refused handshake is a failed attempt.
    expect(delta.reconnects).toBe(1);
    expect(h.feed.health().failedAttempts - failedBefore).toBe(delta.upgrades - 1);
    expect(delta.upgrades).toBeGreaterThanOrEqual(3);
    expect(delta.resyncs).toBe(0);
    // `connecting` lasts a loopback handshake, too short to sample; `reconnecting` is each backoff wait.
    const states = trail.stop();
    expect(states).toContain('reconnecting');
    expect([states[0], states.at(-1)]).toEqual(['live', 'live']);
    expect(healed).toBeLessThan(BACKOFF.capMs + MARGIN_MS);
    note(`${venue} refuse`, { liveAfterRefusalEndsMs: healed, ...delta });
  });

  it('429 with Retry-After: shown as down, and the next handshake waits at least Retry-After', async () => {
    // A wait of 500 ms or more shows as `down` rather than `reconnecting`.
    const h = await liveHarness({ tuning: { downAfterMs: 500 } });
    const before = counters(h);
    const failedBefore = h.feed.health().failedAttempts;
    h.server.faults.hold('429', 300);
    h.server.faults.arm('drop');
    await timeUntil('the refused handshake', () => h.server.upgradeAttempts === before.upgrades + 1, 2_000);
    const refusedAt = h.server.lastUpgradeAt!;
    await timeUntil('a status of HTTP 429', () => /HTTP 429/.test(h.feed.health().lastError ?? ''), 1_000);
    const retryAt = h.feed.health().retryAt!;
    expect(h.feed.health().state).toBe('down');
    await timeUntil('the next handshake', () => h.server.upgradeAttempts === before.upgrades + 2, 3_000);
    const retriedAt = h.server.lastUpgradeAt!;
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 2 });
    expect(h.feed.health().failedAttempts - failedBefore).toBe(1);
    expect(retryAt - refusedAt).toBeGreaterThanOrEqual(1_000);
    expect(retriedAt - refusedAt).toBeGreaterThanOrEqual(1_000);
    expect(retriedAt - refusedAt).toBeLessThan(1_000 + MARGIN_MS);
    note(`${venue} 429`, { retryAfterMs: 1_000, waitedMs: retriedAt - refusedAt, ...moved(h, before) });
  });
});
