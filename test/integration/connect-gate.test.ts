/**
 * Every connection, first or retry, waits for the venue's connection budget: a feed whose gate
 * has not opened does not touch the venue, and closing it withdraws the request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VenueFeed } from '../../src/feeds/feed.js';
import { ConnectLimiter } from '../../src/pool/connect-limiter.js';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { venue } from '../../src/venues/registry.js';
import { waitFor } from '../helpers/wait-for.js';

describe('connection gate', () => {
  let server: VenueServer | undefined;
  const feeds: VenueFeed[] = [];
  let market: NodeJS.Timeout | undefined;
  afterEach(async () => {
    clearInterval(market);
    for (const feed of feeds.splice(0)) feed.close();
    await server?.close();
  });

  /** A simulated Binance whose market moves: a book is live only once a diff bridges its snapshot. */
  async function startServer(): Promise<VenueServer> {
    const model = new MarketModel(5);
    const started = await new VenueServer(venue('binance').simulator(), model).listen();
    server = started;
    market = setInterval(() => {
      model.step();
      started.step();
    }, 20);
    return started;
  }

  function feed(gate: (venueId: string, open: () => void) => () => void): VenueFeed {
    const created = new VenueFeed({
      adapter: venue('binance').codec({ ws: server!.wsUrl, rest: server!.httpUrl }),
      base: 'BTC',
      connectGate: gate,
      tuning: { backoff: { baseMs: 20, capMs: 50, floorMs: 10 } },
    });
    feeds.push(created);
    return created;
  }

  it('waits for the gate before connecting and before every reconnect', async () => {
    const sim = await startServer();
    const waiting: Array<() => void> = [];
    const asked: string[] = [];
    const gated = feed((venueId, open) => {
      asked.push(venueId);
      waiting.push(open);
      return () => {};
    });
    gated.start();
    expect(asked).toEqual(['binance']);
    expect(gated.health().state).toBe('connecting');
    expect(sim.upgradeAttempts).toBe(0);
    waiting.shift()!();
    await waitFor('the feed to go live once allowed', () => gated.health().state === 'live');
    sim.dropAll();
    await waitFor('the reconnect to ask the gate again', () => asked.length === 2);
    expect(sim.upgradeAttempts).toBe(1);
    waiting.shift()!();
    await waitFor('live again', () => gated.health().state === 'live' && gated.health().reconnects === 1);
  });

  it('close() withdraws a request still queued', async () => {
    await startServer();
    let cancelled = 0;
    const gated = feed(() => () => void cancelled++);
    gated.start();
    gated.close();
    expect(cancelled).toBe(1);
    expect(gated.health().state).toBe('closed');
  });

  it('a real limiter queues the connections past the venue budget', async () => {
    const sim = await startServer();
    // One connection per minute: the first goes at once, the second waits.
    const limiter = new ConnectLimiter({ budgets: { binance: { connections: 1, perMs: 60_000 } } });
    try {
      const first = feed(limiter.request);
      const second = feed(limiter.request);
      first.start();
      second.start();
      await waitFor('the first feed live', () => first.health().state === 'live');
      expect(second.health().state).toBe('connecting');
      expect(sim.upgradeAttempts).toBe(1);
      expect(limiter.queued('binance')).toBe(1);
      second.close();
      expect(limiter.queued('binance')).toBe(0);
    } finally {
      limiter.close();
    }
  });
});
