/**
 * What only OKX does, through the real feed against the simulated OKX: the checksum fixed to 0
 * (OKX since June 2026) is never a failure, a quiet book's empty keep-alive keeps the feed live
 * without a resync, the service-upgrade notice reconnects at once, and swap sizes are contracts
 * of the instrument's ctVal.
 */
import { describe, expect, it } from 'vitest';
import type { VenueAdapter, VenueEndpoints } from '../../src/feeds/types.js';
import { okx } from '../../src/feeds/venues/okx.js';
import { okxProtocol } from '../../src/sim/venues/okx.js';
import { HEARTBEAT_EVERY_MS, MARGIN_MS, counters, expectHealed, guardProcess, harnessPerTest, moved, timeUntil, venueSetup } from '../helpers/fault-kit.js';

guardProcess();

describe('okx feed', () => {
  const slot = harnessPerTest();

  it('stays live and equal to the venue with every checksum 0', async () => {
    const h = await slot.startLive(venueSetup('okx', { protocol: () => okxProtocol('SPOT', { checksums: 'zero', heartbeatEveryMs: HEARTBEAT_EVERY_MS }) }));
    const from = h.server.symbol('BTC')!.seq;
    await timeUntil('100 more updates', () => h.server.symbol('BTC')!.seq > from + 100, 5_000);
    await h.expectBookMatches();
    expect(counters(h)).toEqual({ reconnects: 0, resyncs: 0, upgrades: 1 });
  });

  it('a quiet book: its empty keep-alive updates chain on and count as data, so it stays live', async () => {
    let keepAlives = 0;
    const adapter = (endpoints: VenueEndpoints): VenueAdapter => {
      const codec = okx(endpoints);
      return {
        ...codec,
        decode: (frame) => {
          const events = codec.decode(frame);
          for (const event of events) if (event.type === 'delta' && event.bids.length + event.asks.length === 0) keepAlives++;
          return events;
        },
      };
    };
    // Keep-alives every second here (OKX's "Around 60 seconds", scaled), inside the 2 s a busy
    // feed may be silent before it is called stale.
    const protocol = () => okxProtocol('SPOT', { heartbeatEveryMs: 50 });
    const h = await slot.startLive(venueSetup('okx', { adapter, protocol, tuning: { staleAfterMs: 3_000, reconnectAfterStaleMs: 10_000 } }));
    h.pause();
    const trail = slot.recordStates(h);
    const before = counters(h);
    const seq = h.server.symbol('BTC')!.seq;
    await timeUntil('two keep-alive updates', () => keepAlives >= 2, 8_000);
    expect(h.server.symbol('BTC')!.seq).toBe(seq);
    expect(trail.stop()).toEqual(['live']);
    expect(moved(h, before)).toEqual({ reconnects: 0, resyncs: 0, upgrades: 0 });
    await h.expectBookMatches();
  });

  it('reconnects at once on the service-upgrade notice, before the server closes', async () => {
    const h = await slot.startLive(venueSetup('okx'));
    const before = counters(h);
    const start = Date.now();
    h.server.faults.arm('server-shutdown');
    const detected = await timeUntil('the reconnect attempt', () => h.server.upgradeAttempts > before.upgrades, 2_000, start);
    expect(h.feed.health().lastError).toMatch(/64008/);
    await expectHealed(h);
    expect(moved(h, before)).toEqual({ reconnects: 1, resyncs: 0, upgrades: 1 });
    expect(detected).toBeLessThan(MARGIN_MS);
  });

  it('okx-swap: takes the contract value from the instrument endpoint and holds the book in contracts', async () => {
    const h = await slot.startLive(venueSetup('okx-swap'));
    expect(h.feed.instrument).toEqual({ symbol: 'BTC-USDT-SWAP', tickSize: 0.1, lotSize: 0.01, contractSize: 0.01 });
    expect(h.feed.sizeScale).toBe(0.01);
    const [, contracts] = h.feed.book.topBids(1)[0]!;
    expect(contracts).toMatch(/^\d+$/);
    await h.expectBookMatches();
  });

  it('okx: takes tick and lot from the instrument endpoint; spot sizes are base units', async () => {
    const h = await slot.startLive(venueSetup('okx'));
    expect(h.feed.instrument).toEqual({ symbol: 'BTC-USDT', tickSize: 0.1, lotSize: 0.00000001 });
    expect(h.feed.sizeScale).toBe(1);
  });
});
