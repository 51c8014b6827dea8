/**
 * The three heartbeat kinds, each with the stall watchdog set far away so that only the
 * heartbeat can catch the fault: Hyperliquid's client ping unanswered (no-pong: the round trip is
 * the proof, data or not), Binance's protocol pings gone with everything else (stall), and the
 * generic venue's heartbeat channel gone with everything else (stall). On a heartbeat-channel
 * venue any frame proves the link (Kraken only sends heartbeats when idle): heartbeats alone keep
 * a quiet link, and data alone keeps a busy one whose heartbeats stopped.
 */
import { describe, expect, it } from 'vitest';
import type { FaultName } from '../../src/sim/faults.js';
import { HEARTBEATS, MARGIN_MS, counters, expectHealed, guardProcess, harnessPerTest, moved, timeUntil, timingReport, venueSetup, type FaultVenue } from '../helpers/fault-kit.js';
import type { SimHarness } from '../helpers/sim-harness.js';

guardProcess();
const note = timingReport();

const hl = HEARTBEATS.strict.hyperliquid;
const CASES: ReadonlyArray<{ venue: FaultVenue; fault: Extract<FaultName, 'no-pong' | 'stall'>; error: RegExp; earliest: number; latest: number }> = [
  // The next ping goes out within one interval; then the pong is awaited for timeoutMs.
  { venue: 'hyperliquid', fault: 'no-pong', error: /no pong/, earliest: hl.timeoutMs, latest: hl.intervalMs + hl.timeoutMs },
  // Any frame (a ping included) proves the link; the last one came at most one ping period before.
  { venue: 'binance', fault: 'stall', error: /server silent/, earliest: HEARTBEATS.strict.binance.timeoutMs - 100, latest: HEARTBEATS.strict.binance.timeoutMs },
  { venue: 'generic', fault: 'stall', error: /no heartbeat/, earliest: HEARTBEATS.strict.generic.timeoutMs - 100, latest: HEARTBEATS.strict.generic.timeoutMs },
];

describe.each(CASES)('$venue: $fault', ({ venue, fault, error, earliest, latest }) => {
  const slot = harnessPerTest();

  it(`is caught by the ${HEARTBEATS.strict[venue].kind} heartbeat within its timeout, one reconnect`, async () => {
    const tuning = { heartbeat: HEARTBEATS.strict[venue], staleAfterMs: 10_000, reconnectAfterStaleMs: 10_000 };
    const h = await slot.startLive(venueSetup(venue, { tuning }));
    const before = counters(h);
    const start = Date.now();
    h.server.faults.hold(fault);
    const detected = await timeUntil('the reconnect', () => h.feed.health().reconnects > before.reconnects, 3_000, start);
    h.server.faults.clear(fault);
    expect(h.feed.health().lastError).toMatch(error);
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 1 });
    expect(detected).toBeGreaterThanOrEqual(earliest - 20);
    expect(detected).toBeLessThan(latest + MARGIN_MS);
    note(`${venue} ${fault} (${HEARTBEATS.strict[venue].kind})`, { detectedMs: detected, ...moved(h, before) });
  });
});

describe('generic: a heartbeat-channel link is kept alive by any frame', () => {
  const slot = harnessPerTest();

  const timeoutMs = HEARTBEATS.strict.generic.timeoutMs;

  async function live(): Promise<SimHarness> {
    const tuning = { heartbeat: HEARTBEATS.strict.generic, staleAfterMs: 10_000, reconnectAfterStaleMs: 10_000 };
    return slot.startLive(venueSetup('generic', { tuning }));
  }

  /** Waits until frames kept arriving for three heartbeat timeouts. */
  async function framesFor(h: SimHarness, what: string): Promise<void> {
    const until = Date.now() + 3 * timeoutMs;
    await timeUntil(what, () => (h.feed.health().lastMessageAt ?? 0) > until, 3 * timeoutMs + 2_000);
  }

  it('a quiet market: heartbeats alone keep the link', async () => {
    const h = await live();
    h.pause();
    const before = counters(h);
    await framesFor(h, 'heartbeats for three timeouts');
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 0, upgrades: 0 });
  });

  it('a busy market whose heartbeats stopped: the data keeps the link', async () => {
    const h = await live();
    const before = counters(h);
    h.server.faults.hold('no-pong');
    await framesFor(h, 'market data for three timeouts');
    h.server.faults.clear('no-pong');
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 0, upgrades: 0 });
    await h.expectBookMatches();
  });
});
