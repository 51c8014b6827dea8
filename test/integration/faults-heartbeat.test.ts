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
import { FAULT_VENUES, MARGIN_MS, counters, heartbeatFor, expectHealed, guardProcess, harnessPerTest, moved, timeUntil, timingReport, venueSetup, type FaultVenue } from '../helpers/fault-kit.js';
import type { SimHarness } from '../helpers/sim-harness.js';

guardProcess();
const note = timingReport();

type HeartbeatFault = Extract<FaultName, 'no-pong' | 'stall'>;

/**
 * The fault only a venue's heartbeat can catch, by the kind it keeps: an unanswered client ping
 * (the round trip is the proof, data or not), or silence of everything (protocol pings and
 * heartbeat channels go with the data). The first detection bound is when the heartbeat could
 * first say so, the second when it must have.
 */
function heartbeatCase(venue: FaultVenue): { venue: FaultVenue; fault: HeartbeatFault; error: RegExp; earliest: number; latest: number } {
  const hb = heartbeatFor(venue, 'strict');
  switch (hb.kind) {
    // The next ping goes out within one interval; then the pong is awaited for timeoutMs.
    case 'client-ping':
      return { venue, fault: 'no-pong', error: /no pong/, earliest: hb.timeoutMs, latest: hb.intervalMs + hb.timeoutMs };
    // Any frame (a ping included) proves the link; the last one came at most one period before.
    case 'server-ping':
      return { venue, fault: 'stall', error: /server silent/, earliest: hb.timeoutMs - 100, latest: hb.timeoutMs };
    case 'heartbeat-channel':
      return { venue, fault: 'stall', error: /no heartbeat/, earliest: hb.timeoutMs - 100, latest: hb.timeoutMs };
    default:
      throw new Error(`unknown heartbeat ${JSON.stringify(hb satisfies never)}`);
  }
}

const CASES = FAULT_VENUES.map(heartbeatCase);

describe.each(CASES)('$venue: $fault', ({ venue, fault, error, earliest, latest }) => {
  const slot = harnessPerTest();

  it(`is caught by the ${heartbeatFor(venue, 'strict').kind} heartbeat within its timeout, one reconnect`, async () => {
    const tuning = { heartbeat: heartbeatFor(venue, 'strict'), staleAfterMs: 10_000, reconnectAfterStaleMs: 10_000 };
    const h = await slot.startLive(venueSetup(venue, { tuning }));
    const before = counters(h);
    const start = Date.now();
    h.server.faults.hold(fault);
    const detected = await timeUntil('the link given up', () => error.test(h.feed.health().lastError ?? ''), 3_000, start);
    h.server.faults.clear(fault);
    expect(h.feed.health().lastError).toMatch(error);
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 1 });
    expect(detected).toBeGreaterThanOrEqual(earliest - 20);
    expect(detected).toBeLessThan(latest + MARGIN_MS);
    note(`${venue} ${fault} (${heartbeatFor(venue, 'strict').kind})`, { detectedMs: detected, ...moved(h, before) });
  });
});

describe('generic: a heartbeat-channel link is kept alive by any frame', () => {
  const slot = harnessPerTest();

  const timeoutMs = heartbeatFor('generic', 'strict').timeoutMs;

  async function live(): Promise<SimHarness> {
    const tuning = { heartbeat: heartbeatFor('generic', 'strict'), staleAfterMs: 10_000, reconnectAfterStaleMs: 10_000 };
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
