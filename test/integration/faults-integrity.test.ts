/**
 * Integrity faults: a skipped sequence id (Binance: rebuilt from a REST snapshot on the
 * same socket; generic: a prevSeq chain, rebuilt by resubscribing on the same socket) and a
 * checksum mismatch (generic CRC32). A resync is counted as a resync, never as a reconnect; a
 * venue that keeps failing the check is resynced under backoff, not in a tight loop; and a
 * ws-snapshot venue that never sends its snapshot is caught by the stall watchdog.
 */
import { describe, expect, it } from 'vitest';
import type { SimProtocol } from '../../src/sim/venue-server.js';
import { FAULT_VENUES, MARGIN_MS, STALE_MS, RECONNECT_AFTER_STALE_MS, codecFor, simulatorFor, counters, protocolFaults, type FaultVenue, expectHealed, guardProcess, harnessPerTest, moved, timeUntil, timingReport, venueSetup } from '../helpers/fault-kit.js';
import { FROZEN_AFTER_MS } from '../../src/feeds/frozen-book-watch.js';
import { genericChecksum, genericVenue } from '../helpers/generic-venue/codec.js';
import { genericVenueProtocol } from '../helpers/generic-venue/sim.js';

guardProcess();
const note = timingReport();

const slot = harnessPerTest();

/** How a venue's book is rebuilt without a reconnect, by its sync model. */
function rebuiltBy(venue: FaultVenue): string {
  const codec = codecFor(venue)({ ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' });
  return codec.sync === 'rest-snapshot' ? 'a REST snapshot on the same socket' : 'resubscribing on the same socket';
}

/** Every venue whose simulator can lose a message or send a wrong checksum, with that fault. */
const CASES = FAULT_VENUES.flatMap((venue) =>
  protocolFaults(venue)
    .filter((fault): fault is 'gap' | 'bad-checksum' => fault === 'gap' || fault === 'bad-checksum')
    .map((fault) => ({ venue, fault, how: rebuiltBy(venue) })),
);

describe.each(CASES)('$venue: $fault', ({ venue, fault, how }) => {
  it(`is found on the next message and rebuilt by ${how}: resyncs +1, reconnects +0`, async () => {
    const h = await slot.startLive(venueSetup(venue));
    const before = counters(h);
    const start = Date.now();
    h.server.faults.arm(fault);
    const detected = await timeUntil('the resync', () => h.feed.health().resyncs > before.resyncs, 2_000, start);
    const healed = await timeUntil('live again', () => h.feed.health().state === 'live', 3_000, start);
    await expectHealed(h);
    expect(h.feed.health().lastError).toMatch(fault === 'gap' ? /sequence gap/ : /checksum mismatch/);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 1, upgrades: 0 });
    expect(h.server.clientCount).toBe(1);
    // Found on the message after the lost one: within two market steps.
    expect(detected).toBeLessThan(MARGIN_MS);
    note(`${venue} ${fault}`, { detectedMs: detected, liveMs: healed, ...moved(h, before) });
  });
});

describe('binance: a well-formed diff that corrupts the book', () => {
  /** A diff that continues the venue's id chain, as if the venue had sent it. */
  function chainedDiff(U: number, u: number, bids: [string, string][]): string {
    return JSON.stringify({ e: 'depthUpdate', E: Date.now(), s: 'BTCUSDT', U, u, b: bids, a: [] });
  }

  it('a bid far above the ask is a corrupt book: resynced, not shown live', async () => {
    const h = await slot.startLive(venueSetup('binance'));
    h.pause();
    await h.expectBookMatches();
    const before = counters(h);
    const seq = h.server.symbol('BTC')!.seq;
    const ask = h.feed.book.bestAsk!;
    h.server.inject(chainedDiff(seq + 1, seq + 1, [[(ask + 500).toFixed(2), '1.00000']]));
    await timeUntil('the resync', () => h.feed.health().resyncs > before.resyncs, 2_000);
    expect(h.feed.health().lastError).toMatch(/book crossed: best bid \d+(\.\d+)? above best ask/);
    h.run();
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 1, upgrades: 0 });
  });

  it('an id pushed to the end of the number range is a gap, not a book that stops changing', async () => {
    const h = await slot.startLive(venueSetup('binance'));
    h.pause();
    await h.expectBookMatches();
    const before = counters(h);
    const seq = h.server.symbol('BTC')!.seq;
    h.server.inject(chainedDiff(seq + 1, Number.MAX_SAFE_INTEGER, [['1.00', '1.00000']]));
    await timeUntil('the resync', () => h.feed.health().resyncs > before.resyncs, 2_000);
    expect(h.feed.health().lastError).toMatch(/sequence gap/);
    h.run();
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 1, upgrades: 0 });
  });
});

describe('generic: one update id pushed to the end of the number range', () => {
  it('freezes a book its sequence rule cannot tell apart: found once every update has been skipped for seconds, then rebuilt', async () => {
    const h = await slot.startLive(venueSetup('generic'));
    h.pause();
    await h.expectBookMatches();
    const before = counters(h);
    const seq = h.server.symbol('BTC')!.seq;
    const states = h.feed.counts.bookStates;
    // Chained onto the book and changing nothing, so its checksum holds: the venue might have sent it.
    h.server.inject(JSON.stringify({ channel: 'book', symbol: 'BTC-USD', ts: Date.now(), type: 'update', seq: Number.MAX_SAFE_INTEGER, prevSeq: seq, bids: [], asks: [], checksum: genericChecksum(h.feed.book) }));
    await timeUntil('the pushed id to be taken', () => h.feed.counts.bookStates > states, 2_000);
    expect(h.feed.health().state).toBe('live');
    const start = Date.now();
    h.run();
    const detected = await timeUntil('the resync', () => h.feed.health().resyncs > before.resyncs, FROZEN_AFTER_MS + 2_000, start);
    expect(h.feed.health().lastError).toMatch(/^book frozen: \d+ updates in \d+\.\d s were all already in it$/);
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 1, upgrades: 0 });
    expect(detected).toBeGreaterThanOrEqual(FROZEN_AFTER_MS);
    note('generic frozen book', { detectedMs: detected, ...moved(h, before) });
  });
});

describe('generic without resubscribe (the fallback)', () => {
  it('rebuilds a bad checksum by reconnecting, counted as a resync and not as a reconnect', async () => {
    const h = await slot.startLive(venueSetup('generic', { adapter: (endpoints) => genericVenue(endpoints, { resubscribe: false }) }));
    const before = counters(h);
    h.server.faults.arm('bad-checksum');
    await timeUntil('the resync', () => h.feed.health().resyncs > before.resyncs, 2_000);
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 1, upgrades: 1 });
  });
});

describe('generic: a venue that keeps failing the check', () => {
  it('is resynced under backoff, not in a tight loop', async () => {
    const floorMs = 100;
    const subscribedAt: number[] = [];
    const h = await slot.startLive(venueSetup('generic', { tuning: { backoff: { baseMs: floorMs, capMs: 400, floorMs } }, protocol: () => notingSubscriptions(simulatorFor('generic')(), subscribedAt) }));
    h.pause();
    const before = counters(h);
    // The next three book messages carry a wrong checksum: one update, then two fresh snapshots.
    h.server.faults.arm('bad-checksum', 3);
    const times: number[] = [];
    const start = Date.now();
    const resubscribedFrom = subscribedAt.length;
    h.step();
    for (let n = 1; n <= 3; n++) {
      times.push(await timeUntil(`resync #${n}`, () => h.feed.health().resyncs >= before.resyncs + n, 3_000, start));
    }
    times.push(await timeUntil('live', () => h.feed.health().state === 'live', 3_000, start));
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 3, upgrades: 0 });
    // #1 resubscribes at once and its snapshot fails (#2) at once; the resubscriptions after
    // #2 and #3 each wait at least the backoff floor. Timed by the simulator as the
    // subscriptions arrive: each answers with the snapshot whose failure causes the next resync,
    // so consecutive subscriptions are at least the floor apart whatever the machine's load.
    expect(times[0]).toBeLessThan(MARGIN_MS);
    const [first, second, third] = subscribedAt.slice(resubscribedFrom);
    expect(second! - first!).toBeGreaterThanOrEqual(floorMs);
    expect(third! - second!).toBeGreaterThanOrEqual(floorMs);
    note('generic bad-checksum x3', { 'resync#1/#2/#3/liveMs': times.join('/'), ...moved(h, before) });
  });
});

/** `protocol`, noting when each book subscription reaches it. */
function notingSubscriptions(protocol: SimProtocol, times: number[]): SimProtocol {
  return {
    ...protocol,
    connect: (url, client, context) => {
      const session = protocol.connect(url, client, context);
      return {
        message: (text) => {
          if (text.includes('"op":"subscribe","channel":"book"')) times.push(Date.now());
          session.message(text);
        },
        publish: (symbol, changes, firstSeq) => session.publish(symbol, changes, firstSeq),
        close: () => session.close(),
      };
    },
  };
}

/** The first connection's subscription is answered without its snapshot (the updates still come). */
function withoutFirstSnapshot(protocol: SimProtocol): SimProtocol {
  let lost = false;
  return {
    ...protocol,
    connect: (url, client, context) => protocol.connect(url, {
      ...client,
      send: (data, kind) => {
        if (!lost && typeof data === 'string' && data.includes('"type":"snapshot"')) {
          lost = true;
          return;
        }
        client.send(data, kind);
      },
    }, context),
  };
}

describe('generic: a subscription answered without its snapshot', () => {
  it('does not sync on updates alone: stale, then a reconnect brings the snapshot', async () => {
    const start = Date.now();
    const h = await slot.start(venueSetup('generic', { protocol: () => withoutFirstSnapshot(genericVenueProtocol({ heartbeatEveryMs: 100 })) }));
    h.run();
    const stale = await timeUntil('stale', () => h.feed.health().state === 'stale', 3_000, start);
    const healed = await timeUntil('live', () => h.feed.health().state === 'live', 5_000, start);
    await expectHealed(h);
    expect(counters(h)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 2 });
    expect(h.feed.health().lastError).toMatch(/stalled/);
    expect(stale).toBeLessThan(STALE_MS + MARGIN_MS);
    expect(healed).toBeLessThan(STALE_MS + RECONNECT_AFTER_STALE_MS + MARGIN_MS);
    note('generic lost snapshot', { staleMs: stale, liveMs: healed });
  });
});
