/**
 * Faults below the WebSocket, through a relay between each real feed and its simulator, at the
 * production link settings: a link black-holed without FIN or RST (a NAT that forgot the flow), a
 * close frame whose TCP close never follows, bytes that are no WebSocket frame. Each must end
 * `live` within seconds on every venue, whatever the venue's own heartbeat period, and the feed
 * must come back live with the venue's book. Venues run side by side: the waits are the
 * production ones, seconds each.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '../../src/feeds/link-tuning.js';
import { FAULT_VENUES, codecFor, guardProcess, simulatorFor, timeUntil, timingReport, type FaultVenue } from '../helpers/fault-kit.js';
import { FaultProxy } from '../helpers/fault-proxy.js';
import { SimHarness } from '../helpers/sim-harness.js';

guardProcess();
const note = timingReport();

const { idleMs, timeoutMs } = DEFAULT_TUNING.probe;
/** The probe's own bound, plus check periods and the slack of a loaded two-core machine. */
const DEAD_LINK_FOUND_MS = idleMs + timeoutMs + 3_000;

interface Rig {
  readonly harness: SimHarness;
  readonly proxy: FaultProxy;
}

/**
 * A venue's real feed at production link settings, its socket through the relay, for the length
 * of `test`; closed after it whatever happens (the tests of this file run side by side, so each
 * closes its own).
 */
async function withRig(venue: FaultVenue, test: (rig: Rig) => Promise<void>): Promise<void> {
  const made = await rig(venue);
  try {
    await test(made);
  } finally {
    await made.harness.close();
    await made.proxy.close();
  }
}

async function rig(venue: FaultVenue): Promise<Rig> {
  const proxy = await FaultProxy.listen();
  const harness = await SimHarness.start({
    venue,
    protocol: simulatorFor(venue),
    adapter: (endpoints) => {
      proxy.target = endpoints.ws;
      return codecFor(venue)({ ...endpoints, ws: proxy.via(endpoints.ws) });
    },
    // Production thresholds, but a quick retry so the recovery does not wait out a backoff.
    tuning: { backoff: { baseMs: 50, capMs: 200, floorMs: 20 } },
  });
  harness.run();
  try {
    await harness.waitLive(15_000);
  } catch (error) {
    await harness.close();
    await proxy.close();
    throw error;
  }
  return { harness, proxy };
}

describe.concurrent.each(FAULT_VENUES)('%s behind a broken link', (venue) => {
  it(`a black-holed connection leaves live within ${DEAD_LINK_FOUND_MS} ms, and the feed comes back`, () => withRig(venue, async ({ harness, proxy }) => {
    const before = harness.server.upgradeAttempts;
    const start = Date.now();
    proxy.blackhole();
    const notLive = await timeUntil('the feed to leave live', () => harness.feed.health().state !== 'live', DEAD_LINK_FOUND_MS, start);
    // Read as the link is given up: the new connection may meet errors of its own later.
    await timeUntil('the dead link to be found', () => /link dead|no pong|server silent|no heartbeat|stalled/.test(harness.feed.health().lastError ?? ''), DEAD_LINK_FOUND_MS, start);
    const reconnected = await timeUntil('the reconnect attempt', () => harness.server.upgradeAttempts > before, DEAD_LINK_FOUND_MS, start);
    await harness.waitLive(15_000);
    await harness.expectBookMatches(15_000);
    note(`${venue} blackhole`, { notLiveMs: notLive, reconnectMs: reconnected });
  }));

  it('a close frame whose TCP close never comes ends live at once', () => withRig(venue, async ({ harness, proxy }) => {
    const before = harness.server.upgradeAttempts;
    const start = Date.now();
    proxy.closeFrameThenSilence(1001);
    const reconnected = await timeUntil('the reconnect attempt', () => harness.server.upgradeAttempts > before, 1_500, start);
    await harness.waitLive(15_000);
    note(`${venue} close frame`, { reconnectMs: reconnected });
  }));

  it('bytes that are no WebSocket frame end the connection at once', () => withRig(venue, async ({ harness, proxy }) => {
    const before = harness.server.upgradeAttempts;
    const start = Date.now();
    // Opcode 0x3 is reserved (RFC 6455 §5.2): a protocol error.
    proxy.inject(Uint8Array.from([0x83, 0x00]));
    const reconnected = await timeUntil('the reconnect attempt', () => harness.server.upgradeAttempts > before, 1_500, start);
    await harness.waitLive(15_000);
    note(`${venue} protocol error`, { reconnectMs: reconnected });
  }));
});
