/**
 * Bad or heavy data on every venue: an unparseable frame must be reported and ignored
 * (no crash, no state change), and a burst of 10 000 updates must be absorbed whole, with no
 * resync and the book equal to the simulator's afterwards.
 */
import { describe, expect, it } from 'vitest';
import { FAULT_VENUES, counters, heartbeatFor, guardProcess, harnessPerTest, moved, timeUntil, timingReport, venueSetup } from '../helpers/fault-kit.js';
import type { SimHarness } from '../helpers/sim-harness.js';

guardProcess();
const note = timingReport();

/** How long the feed may take to absorb a burst and equal the simulator's book again. */
const BURST_DEADLINE_MS = 20_000;

describe.each(FAULT_VENUES)('%s: data faults', (venue) => {
  const slot = harnessPerTest();

  async function liveHarness(watchdogMs?: number): Promise<SimHarness> {
    const lenient = heartbeatFor(venue, 'lenient');
    const heartbeat = { ...lenient, timeoutMs: watchdogMs ?? lenient.timeoutMs };
    const tuning = watchdogMs === undefined ? {} : { tuning: { staleAfterMs: watchdogMs, reconnectAfterStaleMs: watchdogMs, heartbeat } };
    return slot.startLive(venueSetup(venue, tuning));
  }

  it('garbage (unparseable frame): lastError says so, the feed stays live, nothing is counted', async () => {
    const h = await liveHarness();
    const before = counters(h);
    const trail = slot.recordStates(h);
    h.server.faults.arm('garbage');
    const detected = await timeUntil('the garbage to be reported', () => /not JSON/.test(h.feed.health().lastError ?? ''), 2_000);
    await h.expectBookMatches();
    expect(trail.stop()).toEqual(['live']);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 0, upgrades: 0 });
    note(`${venue} garbage`, { reportedMs: detected, ...moved(h, before) });
  });

  it('burst (10 000 updates at once): absorbed without a resync, the book equal afterwards', async () => {
    // The simulator makes the burst on this process's one thread, which then cannot run the feed
    // for seconds on a loaded machine, and the pings and heartbeats queue behind 10 000 frames.
    // What is proven is that the book takes the burst whole; the watchdogs are set past the
    // test's own deadline so that artifact of an in-process venue stays out of it.
    const h = await liveHarness(BURST_DEADLINE_MS + 10_000);
    const before = counters(h);
    const trail = slot.recordStates(h);
    const from = h.server.symbol('BTC')!.seq;
    const start = Date.now();
    h.server.faults.arm('burst');
    h.step();
    expect(h.server.symbol('BTC')!.seq - from).toBeGreaterThanOrEqual(10_000);
    await h.expectBookMatches(BURST_DEADLINE_MS);
    const absorbed = Date.now() - start;
    expect(trail.stop()).toEqual(['live']);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 0, upgrades: 0 });
    note(`${venue} burst`, { absorbedMs: absorbed, ...moved(h, before) });
  });
});
