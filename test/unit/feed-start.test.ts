/**
 * How a VenueFeed starts, on a hand-driven transport: which symbol it subscribes (its own, the
 * one it was given, or the one the instrument answer names), the instrument facts asked before
 * any socket (or taken as given), the connection gate asked with the venue's id, and the REST
 * snapshot's time limit (10 s unless the feed is told otherwise).
 */
import { describe, expect, it } from 'vitest';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { REST_URL, SYMBOL, genericVenueAs } from '../helpers/generic-venue/stream.js';
import { answersSettle, manualFeed, type ManualFeed } from '../helpers/manual-feed.js';

const bookSubscribe = (symbol: string): string => JSON.stringify({ op: 'subscribe', channel: 'book', symbol });

/** The generic venue with an instrument request whose answer names the venue's instrument `named`. */
function instrumentNaming(named: string): VenueAdapter {
  const adapter = genericVenueAs('ws-snapshot', { instrument: true });
  return { ...adapter, instrument: { url: adapter.instrument!.url, decode: () => ({ symbol: named, contractSize: 0.01, tickSize: 0.5 }) } };
}

/** The venue sends a heartbeat every second for `ms`: the link lives, no market data comes. */
function heartbeatsFor({ transport, venue }: ManualFeed, ms: number): void {
  for (let t = 0; t < ms; t += 1_000) {
    transport.clock.advanceBy(1_000);
    transport.socket.frame(venue.heartbeat());
  }
}

describe('the symbol a feed subscribes', () => {
  it('is its codec\'s for the base, at the codec\'s URL', () => {
    const { feed, transport } = manualFeed(genericVenueAs('ws-snapshot'));
    expect(feed.symbol).toBe(SYMBOL);
    expect(feed.instrument).toBeUndefined();
    expect(feed.sizeScale).toBe(1);
    feed.start();
    expect(transport.socket.url).toBe('wss://generic.test/ws');
    transport.socket.open();
    expect(transport.socket.sent[0]).toBe(bookSubscribe(SYMBOL));
  });

  it('is the one it was given, when given one, in the URL too where the venue puts it there', () => {
    const adapter = genericVenueAs('ws-snapshot');
    const { feed, transport } = manualFeed({ ...adapter, url: (symbol) => `${adapter.url(symbol)}?symbol=${symbol}` }, { symbol: 'XBT-USD' });
    expect(feed.symbol).toBe('XBT-USD');
    feed.start();
    expect(transport.socket.url).toBe('wss://generic.test/ws?symbol=XBT-USD');
    transport.socket.open();
    expect(transport.socket.sent[0]).toBe(bookSubscribe('XBT-USD'));
  });

  it('is the instrument answer\'s, asked before any socket; its contract size scales sizes', async () => {
    const { feed, transport } = manualFeed(instrumentNaming('BTC-USD-SWAP'));
    feed.start();
    expect(transport.sockets).toHaveLength(0);
    expect(transport.gets.map((get) => get.url)).toEqual([`${REST_URL}/instrument?symbol=${SYMBOL}`]);
    transport.gets[0]!.answer({ status: 200, body: '{}', retryAfter: undefined });
    await answersSettle();
    expect(feed.symbol).toBe('BTC-USD-SWAP');
    expect(feed.instrument).toEqual({ symbol: 'BTC-USD-SWAP', contractSize: 0.01, tickSize: 0.5 });
    expect(feed.sizeScale).toBe(0.01);
    expect(transport.sockets).toHaveLength(1);
    transport.socket.open();
    expect(transport.socket.sent[0]).toBe(bookSubscribe('BTC-USD-SWAP'));
  });

  it('keeps its own when the instrument answer names none', async () => {
    const adapter = genericVenueAs('ws-snapshot', { instrument: true });
    const { feed, transport } = manualFeed({ ...adapter, instrument: { url: adapter.instrument!.url, decode: () => ({ contractSize: 2 }) } });
    feed.start();
    transport.gets[0]!.answer({ status: 200, body: '{}', retryAfter: undefined });
    await answersSettle();
    expect(feed.symbol).toBe(SYMBOL);
    expect(feed.sizeScale).toBe(2);
  });

  it('judges a crossed book by the instrument\'s tick: crossed by less than one and a half is the venue\'s rounding', () => {
    const facts = { tickSize: 10 };
    const coarse = manualFeed(genericVenueAs('ws-snapshot'), { instrument: facts });
    const fine = manualFeed(genericVenueAs('ws-snapshot'));
    for (const { feed, transport, venue } of [coarse, fine]) {
      feed.start();
      transport.socket.open();
      transport.socket.frame(venue.snapshot([['112', '1']], [['100', '1']]));
    }
    expect(coarse.feed.health().state).toBe('live');
    expect(fine.feed.health()).toMatchObject({ state: 'syncing', resyncs: 1, lastError: 'book crossed: best bid 112 above best ask 100' });
  });

  it('needs no request when the facts are given', () => {
    const { feed, transport } = manualFeed(genericVenueAs('ws-snapshot', { instrument: true }), { instrument: { contractSize: 0.1 } });
    feed.start();
    expect(transport.gets).toHaveLength(0);
    expect(transport.sockets).toHaveLength(1);
    expect(feed.sizeScale).toBe(0.1);
  });
});

describe('the connection gate', () => {
  it('is asked with the venue\'s id before every connection', () => {
    const asked: string[] = [];
    const waiting: (() => void)[] = [];
    const { feed, transport } = manualFeed(genericVenueAs('ws-snapshot'), {
      connectGate: (venueId, open) => {
        asked.push(venueId);
        waiting.push(open);
        return () => undefined;
      },
    });
    feed.start();
    expect(asked).toEqual(['generic']);
    expect(transport.sockets).toHaveLength(0);
    waiting.shift()!();
    expect(transport.sockets).toHaveLength(1);
    transport.socket.open();
    transport.socket.drop();
    transport.clock.advanceBy(1_000);
    expect(asked).toEqual(['generic', 'generic']);
    expect(transport.sockets).toHaveLength(1);
    waiting.shift()!();
    expect(transport.sockets).toHaveLength(2);
    expect(feed.health().state).toBe('connecting');
  });
});

describe('the REST snapshot\'s time limit', () => {
  async function unanswered(snapshotTimeoutMs?: number): Promise<ManualFeed> {
    const made = manualFeed(genericVenueAs('rest-snapshot'), snapshotTimeoutMs === undefined ? {} : { snapshotTimeoutMs });
    made.feed.start();
    made.transport.socket.open();
    await answersSettle();
    return made;
  }

  it('is 10 s by default: then the request is dropped, said so, and asked again', async () => {
    const made = await unanswered();
    heartbeatsFor(made, 9_000);
    made.transport.clock.advanceBy(999);
    expect(made.transport.gets[0]!.signal.aborted).toBe(false);
    made.transport.clock.advanceBy(1);
    expect(made.transport.gets[0]!.signal.aborted).toBe(true);
    await answersSettle();
    expect(made.feed.health().lastError).toMatch(/^REST snapshot took longer than 10 s; retrying in 0\.\d s$/);
    made.transport.clock.advanceBy(500);
    expect(made.transport.gets).toHaveLength(2);
  });

  it('is the feed\'s own when it is given one', async () => {
    const made = await unanswered(3_000);
    heartbeatsFor(made, 2_000);
    made.transport.clock.advanceBy(999);
    expect(made.transport.gets[0]!.signal.aborted).toBe(false);
    made.transport.clock.advanceBy(1);
    expect(made.transport.gets[0]!.signal.aborted).toBe(true);
    await answersSettle();
    expect(made.feed.health().lastError).toMatch(/^REST snapshot took longer than 3 s; /);
  });
});
