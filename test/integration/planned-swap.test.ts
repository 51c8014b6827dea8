/**
 * The venues that end every connection at a fixed lifetime (Binance spot, USDⓈ-M, Aster: 24 h)
 * through the real feed against their simulators, with the lifetime cut to two seconds on both
 * sides: each cut-off is met by a planned make-before-break swap that a user never sees. Every
 * sampled state stays live, no reconnect or resync is counted, one handshake is made per swap,
 * and after each swap the book equals the simulator's level by level.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VenueEndpoints } from '../../src/feeds/types.js';
import type { VenueId } from '../../src/venues/ids.js';
import { venue as registered } from '../../src/venues/registry.js';
import { BACKOFF, StateTrail, counters, guardProcess, moved } from '../helpers/fault-kit.js';
import { SimHarness, type HarnessOptions } from '../helpers/sim-harness.js';
import { waitFor } from '../helpers/wait-for.js';

/** The connection lifetime, on the simulator and in the codec alike. */
const LIFETIME_MS = 2_000;
const SWAPS = 3;
const VENUES: readonly VenueId[] = ['binance', 'binance-usdm', 'aster'];

guardProcess();

let harness: SimHarness | undefined;
let trail: StateTrail | undefined;

afterEach(async () => {
  trail?.stop();
  trail = undefined;
  await harness?.close();
  harness = undefined;
});

/** Codecs made so far, and which of them (by order made) decoded the last frame. */
interface CodecLog {
  made: number;
  lastDecodedBy: number | undefined;
}

function setup(venue: VenueId, log: CodecLog = { made: 0, lastDecodedBy: undefined }): HarnessOptions {
  return {
    venue,
    protocol: () => registered(venue).simulator({ heartbeatEveryMs: 100, minPushIntervalMs: 0, connectionLifetimeMs: LIFETIME_MS }),
    adapter: (endpoints: VenueEndpoints) => {
      const codec = registered(venue).codec(endpoints);
      const made = log.made++;
      return {
        ...codec,
        connectionLifetimeMs: LIFETIME_MS,
        decode: (frame) => {
          log.lastDecodedBy = made;
          return codec.decode(frame);
        },
      };
    },
    tuning: { backoff: BACKOFF, heartbeat: { kind: 'server-ping', timeoutMs: 1_500 } },
  };
}

describe.each(VENUES)('%s at its connection lifetime', (venue) => {
  it(`swaps connections ${SWAPS} times without a gap: live throughout, book equal after each`, async () => {
    const codecs: CodecLog = { made: 0, lastDecodedBy: undefined };
    const h = (harness = await SimHarness.start(setup(venue, codecs)));
    h.run(20);
    await h.waitLive();
    const before = counters(h);
    trail = new StateTrail(h);
    for (let swap = 1; swap <= SWAPS; swap++) {
      const since = h.feed.health().connectedSince;
      await waitFor(`planned swap #${swap}`, () => h.feed.health().connectedSince !== since, LIFETIME_MS * 2, () => h.feed.health());
      // The old connection is ended by the client, before the venue's cut-off (which comes a
      // lifetime after the venue accepted it: a moment before `since`).
      await waitFor('the old connection to end', () => h.server.clientCount === 1, LIFETIME_MS);
      expect(Date.now(), 'the old connection ended at the cut-off, not by the swap').toBeLessThan(since! + LIFETIME_MS - 50);
      await h.expectBookMatches();
      expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 0, upgrades: swap });
      // One codec per connection: the standby's own decodes from the swap on.
      expect(codecs).toEqual({ made: 1 + swap, lastDecodedBy: swap });
      h.run(20);
    }
    expect(trail.stop()).toEqual(['live']);
    expect(h.feed.counts.gaps).toBe(0);
  });
});

describe('a standby that never meets the book', () => {
  it('is dropped when the venue ends the old connection, which is then an ordinary reconnect', async () => {
    const h = (harness = await SimHarness.start(setup('binance-usdm')));
    h.run(20);
    await h.waitLive();
    const before = counters(h);
    // A book that does not move: the standby opens but no diff ever shows where the streams meet.
    h.pause();
    await waitFor('the standby to open', () => h.server.upgradeAttempts === before.upgrades + 1 && h.server.clientCount === 2, LIFETIME_MS * 2);
    await waitFor('the venue to end the old connection', () => h.feed.health().reconnects === before.reconnects + 1, LIFETIME_MS * 2);
    h.run(20);
    await h.waitLive();
    // Checked at once: the new connection plans its own swap a lifetime's three quarters away.
    expect(h.server.clientCount).toBe(1);
    expect(moved(h, before)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 2 });
    await h.expectBookMatches();
  });
});
