/**
 * Fuzzed frames through a real feed: the simulator injects arbitrary and almost-valid
 * frames between its real market data, straight onto the feed's socket. Nothing may escape the
 * feed (no uncaught exception, no unhandled rejection), the feed never ends itself over them,
 * and once the user reconnects it holds the simulator's book again. A codec that throws (a bug)
 * is contained too: reported, the book rebuilt, the process unharmed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame, VenueAdapter, VenueEndpoints } from '../../src/feeds/types.js';
import { FAULT_VENUES, codecFor, counters, expectHealed, guardProcess, harnessPerTest, moved, timeUntil, venueSetup, type FaultVenue } from '../helpers/fault-kit.js';
import { anyFrame, nearValidFrame } from '../helpers/fuzz-frames.js';
import type { SimHarness } from '../helpers/sim-harness.js';

guardProcess();

const MARK = /^"mark-(\d+)"$/;

/** The venue's real codec, noting the marker frames the test sends; `"boom"` makes it throw. */
function instrumented(venue: FaultVenue, seen: { mark: number }): (endpoints: VenueEndpoints) => VenueAdapter {
  return (endpoints) => {
    const adapter = codecFor(venue)(endpoints);
    return {
      ...adapter,
      decode: (frame: Frame) => {
        const text = typeof frame === 'string' ? frame : '';
        if (text === '"boom"') throw new Error('codec bug');
        const mark = MARK.exec(text);
        if (mark) seen.mark = Number(mark[1]);
        return adapter.decode(frame);
      },
    };
  };
}

describe.each(FAULT_VENUES)('%s feed taking fuzzed frames', (venue) => {
  const slot = harnessPerTest();

  async function start(seen: { mark: number }): Promise<SimHarness> {
    const tuning = { staleAfterMs: 10_000, reconnectAfterStaleMs: 10_000 };
    return slot.startLive(venueSetup(venue, { adapter: instrumented(venue, seen), tuning }));
  }

  it('lets nothing escape, never gives up, and heals on a reconnect', async () => {
    // Generated before the feed starts: building the generators costs seconds of CPU, which
    // would starve the live feed's heartbeat and make the injected frames hit a dead socket.
    const frames = fc.array(fc.oneof(anyFrame(), nearValidFrame(venue, { bookOnly: true })), { minLength: 1, maxLength: 8 });
    const batches = fc.sample(frames, { numRuns: 150, seed: 42 });
    const seen = { mark: 0 };
    const h = await start(seen);
    for (const [index, batch] of batches.entries()) {
      for (const frame of batch) h.server.inject(frame);
      const id = index + 1;
      h.server.inject(`"mark-${id}"`);
      await timeUntil(`the feed to decode mark ${id}`, () => seen.mark >= id, 3_000);
      expect(h.feed.health().state).not.toBe('closed');
      expect(h.feed.settledFailed).toBe(false);
    }
    h.feed.reconnect();
    await expectHealed(h);
  });

  it('contains a codec that throws: reported, the book rebuilt, the process unharmed', async () => {
    const h = await start({ mark: 0 });
    const before = counters(h);
    h.server.inject('"boom"');
    await timeUntil('the throw to be reported', () => /could not be applied: codec bug/.test(h.feed.health().lastError ?? ''), 2_000);
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 1, upgrades: 0 });
  });
});
