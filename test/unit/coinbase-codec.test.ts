/**
 * The Coinbase Advanced Trade codec on the docs' example messages (test/fixtures/coinbase, each
 * citing its page): level2 snapshot and update, heartbeats, subscriptions, errors, the product
 * endpoint; the connection-wide sequence_num check; and the large-snapshot spreading.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coinbase } from '../../src/feeds/venues/coinbase.js';
import { CHUNK_LEVELS, HEAD_LEVELS, bestFirst } from '../../src/feeds/venues/coinbase-snapshot-fill.js';
import { coinbaseSequence } from '../../src/feeds/venues/coinbase-sequence.js';
import type { DeltaEvent, RawLevel, VenueAdapter, VenueEvent } from '../../src/feeds/types.js';

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  const file = JSON.parse(readFileSync(new URL(`../fixtures/coinbase/${name}.json`, import.meta.url), 'utf8')) as { frame?: Json; body?: Json };
  return (file.frame ?? file.body)!;
}
const wire = (name: string): string => JSON.stringify(fixture(name));
const endpoints = { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:2/' };

/** A codec on a fresh connection, as the feed leaves it after sending the subscribe frames. */
function connected(): VenueAdapter {
  const adapter = coinbase(endpoints);
  adapter.subscribe('BTC-USD');
  return adapter;
}

/** A fixture's message with another sequence_num (the docs' examples all start at 0 or 1). */
function numbered(name: string, seq: number): string {
  return JSON.stringify({ ...fixture(name), sequence_num: seq });
}

function only(events: readonly VenueEvent[]): VenueEvent {
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe('coinbase adapter facts', () => {
  const adapter = coinbase();

  it('quotes every base in USD on BASE-USD products', () => {
    expect(adapter.id).toBe('coinbase');
    expect(adapter.market).toBe('spot');
    expect(adapter.quote).toBe('USD');
    expect(adapter.symbolFor('BTC')).toBe('BTC-USD');
    for (const bad of ['btc', '', 'BTC-USD', 'A'.repeat(21)]) expect(adapter.symbolFor(bad)).toBeUndefined();
    expect(adapter.url('BTC-USD')).toBe('wss://advanced-trade-ws.coinbase.com');
    expect(adapter.instrument?.url('BTC-USD')).toBe('https://api.coinbase.com/api/v3/brokerage/market/products/BTC-USD');
    expect(coinbase(endpoints).instrument?.url('BTC-USD')).toBe('http://127.0.0.1:2/api/v3/brokerage/market/products/BTC-USD');
    expect(() => coinbase({ ws: 'ws://127.0.0.1:1' })).toThrow(/rest/);
  });

  it('subscribes level2 and heartbeats as the docs write them, one channel per message', () => {
    const [level2, heartbeats] = adapter.subscribe('BTC-USD').map((frame) => JSON.parse(frame) as Json);
    expect(level2).toEqual({ ...fixture('subscribe-level2'), product_ids: ['BTC-USD'] });
    const { jwt: _jwt, ...unauthenticated } = fixture('subscribe-heartbeats');
    expect(heartbeats).toEqual(unauthenticated);
  });

  it('resyncs on the open socket: unsubscribe, then subscribe level2 again', () => {
    const frames = adapter.resubscribe!('BTC-USD').map((frame) => JSON.parse(frame) as Json);
    expect(frames).toEqual([
      { ...fixture('unsubscribe-level2'), product_ids: ['BTC-USD'] },
      { ...fixture('subscribe-level2'), product_ids: ['BTC-USD'] },
    ]);
  });

  it('keeps the link by the heartbeats channel and syncs from the socket snapshot', () => {
    expect(adapter.heartbeat).toEqual({ kind: 'heartbeat-channel', timeoutMs: 5_000 });
    expect(adapter.sync).toBe('ws-snapshot');
    expect(adapter.sequence).toBe(coinbaseSequence);
    expect(adapter.checksum).toBeUndefined();
    expect(adapter.restSnapshot).toBeUndefined();
  });
});

describe('coinbase decode', () => {
  it('decodes the level2 snapshot example, raw strings kept, the envelope time as exchange time', () => {
    expect(connected().decode(wire('l2-data-snapshot'))).toEqual([
      { type: 'snapshot', bids: [['21921.73', '0.06317902'], ['21921.3', '0.02']], asks: [], seq: 0, exchangeTime: Date.parse('2023-02-09T20:32:50.714Z') },
    ]);
  });

  it('chains an update to the snapshot before it, "0" quantities included', () => {
    const adapter = connected();
    adapter.decode(wire('l2-data-snapshot'));
    expect(adapter.decode(wire('l2-data-update'))).toEqual([
      {
        type: 'delta',
        bids: [['68900.00', '2.00000000']],
        asks: [['68901.00', '0.00000000']],
        prevSeq: 0,
        lastSeq: 1,
        exchangeTime: Date.parse('2026-04-07T14:30:01.456Z'),
      },
    ]);
  });

  it('turns heartbeats (doc and live form) into liveness, subscriptions into an ack', () => {
    const adapter = connected();
    expect(adapter.decode(wire('heartbeats'))).toEqual([{ type: 'pong' }]);
    expect(adapter.decode(numbered('heartbeats-live', 1))).toEqual([{ type: 'pong' }]);
    expect(adapter.decode(numbered('subscriptions', 2))).toEqual([{ type: 'subscribed' }]);
    expect(adapter.decode(JSON.stringify({ channel: 'ticker', sequence_num: 3, events: [] }))).toEqual([{ type: 'ignored' }]);
  });

  it('ends the feed as not listed when a subscription is refused', () => {
    expect(only(connected().decode(wire('error-failure-to-subscribe')))).toEqual({
      type: 'error',
      message: 'Coinbase: failure to subscribe',
      notListed: true,
    });
  });

  // test/fixtures/peer-examples/coinbase-exchange-{level2-snapshot,l2update}-ccxt.json: the older
  // Exchange feed (ws-feed.exchange.coinbase.com), whose messages carry no channel envelope.
  it.each([
    '{"type":"snapshot","product_id":"BTC-USD","bids":[["10101.10","0.45054140"]],"asks":[["10102.55","0.57753524"]]}',
    '{"type":"l2update","product_id":"BTC-USD","time":"2019-08-14T20:42:27.265Z","changes":[["buy","10101.80000000","0.162567"]]}',
  ])('does not mistake the older Exchange feed for book data: %s', (frame) => {
    expect(only(connected().decode(frame)).type).toBe('error');
  });

  it.each([
    ['not JSON', 'garbage'],
    ['not an object', '[1]'],
    ['no channel', '{"sequence_num":1}'],
    ['no sequence_num', '{"channel":"l2_data","events":[]}'],
    ['a fractional sequence_num', '{"channel":"heartbeats","sequence_num":1.5,"events":[]}'],
    ['no events', '{"channel":"l2_data","sequence_num":1}'],
    ['an unknown event type', '{"channel":"l2_data","sequence_num":1,"events":[{"type":"delta","updates":[]}]}'],
    ['a side that is neither bid nor offer', '{"channel":"l2_data","sequence_num":1,"events":[{"type":"update","updates":[{"side":"ask","price_level":"1","new_quantity":"1"}]}]}'],
    ['a numeric price', '{"channel":"l2_data","sequence_num":1,"events":[{"type":"update","updates":[{"side":"bid","price_level":1,"new_quantity":"1"}]}]}'],
    ['a negative quantity', '{"channel":"l2_data","sequence_num":1,"events":[{"type":"update","updates":[{"side":"bid","price_level":"1","new_quantity":"-1"}]}]}'],
  ])('turns a frame with %s into one error', (_what, frame) => {
    expect(only(connected().decode(frame)).type).toBe('error');
  });

  it('rejects bytes that are not UTF-8 and decodes bytes that are', () => {
    expect(only(connected().decode(new Uint8Array([0xc3, 0x28]))).type).toBe('error');
    expect(connected().decode(new TextEncoder().encode(wire('heartbeats')))).toEqual([{ type: 'pong' }]);
  });
});

describe('coinbase sequence_num: one counter per connection, every channel', () => {
  const update = (seq: number, price = '100.5'): string =>
    JSON.stringify({ channel: 'l2_data', timestamp: '2026-01-01T00:00:00Z', sequence_num: seq, events: [{ type: 'update', product_id: 'BTC-USD', updates: [{ side: 'bid', event_time: '2026-01-01T00:00:00Z', price_level: price, new_quantity: '1' }] }] });
  const heartbeat = (seq: number): string => numbered('heartbeats-live', seq);
  const delta = (events: readonly VenueEvent[]): DeltaEvent => {
    const event = only(events);
    if (event.type !== 'delta') throw new Error(`expected a delta, got ${event.type}`);
    return event;
  };

  it('chains book updates across heartbeats that arrived in order', () => {
    const adapter = connected();
    adapter.decode(numbered('subscriptions', 0));
    adapter.decode(numbered('l2-data-snapshot', 1));
    adapter.decode(heartbeat(2));
    adapter.decode(heartbeat(3));
    const event = delta(adapter.decode(update(4)));
    expect([event.prevSeq, event.lastSeq]).toEqual([1, 4]);
    expect(coinbaseSequence.classify(1, true, event)).toBe('apply');
    expect(coinbaseSequence.seqAfter(event)).toBe(4);
  });

  it('a lost heartbeat breaks the chain: the next update is a gap', () => {
    const adapter = connected();
    adapter.decode(numbered('l2-data-snapshot', 1));
    adapter.decode(heartbeat(3));
    const event = delta(adapter.decode(update(4)));
    expect(event.prevSeq).toBeUndefined();
    expect(coinbaseSequence.classify(1, true, event)).toBe('gap');
    // ...and stays broken until a new snapshot, whatever comes in order after it.
    expect(delta(adapter.decode(update(5))).prevSeq).toBeUndefined();
    adapter.decode(numbered('l2-data-snapshot', 6));
    expect(delta(adapter.decode(update(7))).prevSeq).toBe(6);
  });

  it('a lost update, or one out of order, is a gap too', () => {
    const skipped = connected();
    skipped.decode(numbered('l2-data-snapshot', 10));
    expect(delta(skipped.decode(update(12))).prevSeq).toBeUndefined();
    const backwards = connected();
    backwards.decode(numbered('l2-data-snapshot', 10));
    backwards.decode(update(11));
    expect(delta(backwards.decode(update(11))).prevSeq).toBeUndefined();
  });

  it('an l2_data message it cannot read counts as lost', () => {
    const adapter = connected();
    adapter.decode(numbered('l2-data-snapshot', 1));
    expect(only(adapter.decode('{"channel":"l2_data","sequence_num":2,"events":[{"type":"update","updates":"x"}]}')).type).toBe('error');
    expect(delta(adapter.decode(update(3))).prevSeq).toBeUndefined();
  });

  it('a new connection (subscribe) starts counting afresh; a resubscription on the same socket does not', () => {
    const adapter = connected();
    adapter.decode(numbered('l2-data-snapshot', 40));
    adapter.decode(update(41));
    adapter.resubscribe!('BTC-USD');
    adapter.decode(numbered('subscriptions', 42));
    adapter.decode(numbered('l2-data-snapshot', 43));
    expect(delta(adapter.decode(update(44))).prevSeq).toBe(43);
    adapter.subscribe('BTC-USD');
    adapter.decode(numbered('subscriptions', 0));
    adapter.decode(numbered('l2-data-snapshot', 1));
    expect(delta(adapter.decode(update(2))).prevSeq).toBe(1);
  });

  it('an update with no proven predecessor, or a mismatched one, is never applied', () => {
    expect(coinbaseSequence.classify(5, false, { type: 'delta', bids: [], asks: [], lastSeq: 6 })).toBe('gap');
    expect(coinbaseSequence.classify(5, false, { type: 'delta', bids: [], asks: [], prevSeq: 4, lastSeq: 6 })).toBe('gap');
    expect(coinbaseSequence.classify(5, false, { type: 'delta', bids: [], asks: [], prevSeq: 5, lastSeq: 6 })).toBe('apply');
  });
});

describe('coinbase large snapshot: the screen gets the top at once, the depth over the next frames', () => {
  const PER_SIDE = HEAD_LEVELS + CHUNK_LEVELS;
  const side = (from: number, step: number): Array<{ side: string; price: string }> =>
    Array.from({ length: PER_SIDE }, (_, i) => ({ side: step < 0 ? 'bid' : 'offer', price: (from + step * i).toFixed(2) }));
  const snapshot = (seq: number, order: 'best-first' | 'worst-first' = 'best-first'): string => {
    const bids = side(50_000, -0.01);
    const asks = side(50_000.01, 0.01);
    const levels = order === 'best-first' ? [...bids, ...asks] : [...bids.reverse(), ...asks.reverse()];
    const updates = levels.map((l) => ({ side: l.side, event_time: '1970-01-01T00:00:00Z', price_level: l.price, new_quantity: '1' }));
    return JSON.stringify({ channel: 'l2_data', timestamp: '2026-01-01T00:00:00Z', sequence_num: seq, events: [{ type: 'snapshot', product_id: 'BTC-USD', updates }] });
  };
  const heartbeat = (seq: number): string => numbered('heartbeats-live', seq);
  /** Every level the frames after the snapshot add, as [bids, asks]. */
  function drain(adapter: VenueAdapter, fromSeq: number): [RawLevel[], RawLevel[]] {
    const bids: RawLevel[] = [];
    const asks: RawLevel[] = [];
    for (let seq = fromSeq; seq < fromSeq + 10; seq++) {
      for (const event of adapter.decode(heartbeat(seq))) {
        if (event.type !== 'delta') continue;
        expect([event.prevSeq, event.lastSeq]).toEqual([fromSeq - 1, fromSeq - 1]);
        bids.push(...event.bids);
        asks.push(...event.asks);
      }
    }
    return [bids, asks];
  }

  it('carries the best levels in the snapshot event, the rest on the following frames, best first', () => {
    const adapter = connected();
    const event = only(adapter.decode(snapshot(1)));
    if (event.type !== 'snapshot') throw new Error('expected the snapshot');
    expect(event.bids).toHaveLength(HEAD_LEVELS);
    expect(event.bids[0]).toEqual(['50000.00', '1']);
    expect(event.asks[0]).toEqual(['50000.01', '1']);
    const [bids, asks] = drain(adapter, 2);
    expect(bids).toHaveLength(PER_SIDE - HEAD_LEVELS);
    expect(asks).toHaveLength(PER_SIDE - HEAD_LEVELS);
    expect(bids[0]![0]).toBe((50_000 - 0.01 * HEAD_LEVELS).toFixed(2));
    // Nothing more once the book is whole: a heartbeat is a heartbeat again.
    expect(adapter.decode(heartbeat(12))).toEqual([{ type: 'pong' }]);
  });

  it('takes the true top of a side sent worst first', () => {
    const event = only(connected().decode(snapshot(1, 'worst-first')));
    if (event.type !== 'snapshot') throw new Error('expected the snapshot');
    expect(event.bids[0]).toEqual(['50000.00', '1']);
    expect(event.asks[0]).toEqual(['50000.01', '1']);
  });

  it('never writes a level an update has set since the snapshot', () => {
    const adapter = connected();
    adapter.decode(snapshot(1));
    const deep = (50_000 - 0.01 * (PER_SIDE - 1)).toFixed(2);
    // The update writes the level with trailing zeros; the snapshot printed it as "45999.01"-style text.
    const events = adapter.decode(JSON.stringify({ channel: 'l2_data', sequence_num: 2, events: [{ type: 'update', product_id: 'BTC-USD', updates: [{ side: 'bid', price_level: `${deep}0`, new_quantity: '0' }] }] }));
    expect(events[0]).toMatchObject({ type: 'delta', prevSeq: 1, lastSeq: 2, bids: [[`${deep}0`, '0']] });
    const chunks = events.slice(1) as DeltaEvent[];
    const [bids] = drain(adapter, 3);
    const written = [...chunks.flatMap((e) => e.bids), ...bids].map(([price]) => Number(price));
    expect(written).not.toContain(Number(deep));
    expect(written).toHaveLength(PER_SIDE - HEAD_LEVELS - 1);
  });

  it('drops the rest of the snapshot when the chain breaks or the connection is new', () => {
    const gap = connected();
    gap.decode(snapshot(1));
    expect(gap.decode(heartbeat(3))).toEqual([{ type: 'pong' }]);
    const fresh = connected();
    fresh.decode(snapshot(1));
    fresh.subscribe('BTC-USD');
    expect(fresh.decode(heartbeat(0))).toEqual([{ type: 'pong' }]);
  });

  it('sorts a side only when it is not best first already', () => {
    const asc: RawLevel[] = [['1', 'a'], ['2', 'b'], ['3', 'c']];
    expect(bestFirst(asc, false)).toBe(asc);
    expect(bestFirst(asc, true)).toEqual([['3', 'c'], ['2', 'b'], ['1', 'a']]);
  });
});

describe('coinbase product endpoint', () => {
  const decode = coinbase().instrument!.decode;

  it('reads tick and lot from the public product answer', () => {
    expect(decode(wire('product-btc-usd'), 'BTC-USD')).toEqual({ symbol: 'BTC-USD', tickSize: 0.01, lotSize: 0.00000001, priceDecimals: 2, sizeDecimals: 8 });
  });

  it('reads an unknown product as not listed, anything else as a plain error', () => {
    const missing = decode('{"error":"NOT_FOUND","error_details":"product not found","message":"product not found"}', 'NOPE-USD');
    expect(missing).toEqual({ type: 'error', message: 'Coinbase: NOPE-USD: product not found (NOT_FOUND)', notListed: true });
    expect(decode('{"error":"INTERNAL","message":"try again"}', 'BTC-USD')).toEqual({ type: 'error', message: 'Coinbase: BTC-USD: try again (INTERNAL)' });
    for (const body of ['<html>', '[]', '{"product_id":"BTC-USD","quote_increment":"0","base_increment":"0.1"}', '{"product_id":"BTC-USD"}']) {
      const answer = decode(body, 'BTC-USD');
      expect('type' in answer && answer.type === 'error' && answer.notListed === undefined).toBe(true);
    }
  });
});
