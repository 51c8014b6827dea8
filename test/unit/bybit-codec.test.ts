/**
 * The Bybit v5 codec (spot and linear) on Bybit's own doc examples (test/fixtures/bybit*), and on
 * the few answers the docs do not print (refused subscriptions, an unknown symbol), labelled so.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeltaEvent, VenueAdapter } from '../../src/feeds/types.js';
import { bybitLinear, bybitSequence, bybitSpot } from '../../src/feeds/venues/bybit.js';

type Venue = 'bybit' | 'bybit-linear';

function fixture(venue: Venue, name: string): unknown {
  const file = JSON.parse(readFileSync(new URL(`../fixtures/${venue}/${name}.json`, import.meta.url), 'utf8')) as { frame?: unknown; body?: unknown };
  return file.frame ?? file.body;
}
const text = (venue: Venue, name: string): string => JSON.stringify(fixture(venue, name));

const CODECS: ReadonlyArray<[Venue, () => VenueAdapter]> = [
  ['bybit', () => bybitSpot()],
  ['bybit-linear', () => bybitLinear()],
];

describe.each(CODECS)('%s codec facts', (venue, make) => {
  const adapter = make();

  it('maps BTC to BTCUSDT, pings every 20 s and keeps a ws-snapshot book 50 deep', () => {
    expect(adapter.id).toBe(venue);
    expect(adapter.quote).toBe('USDT');
    expect(adapter.symbolFor('BTC')).toBe('BTCUSDT');
    for (const bad of ['btc', '', 'BTC-USDT', 'A'.repeat(21)]) expect(adapter.symbolFor(bad)).toBeUndefined();
    expect(adapter.sync).toBe('ws-snapshot');
    expect(adapter.depthLimit).toBe(50);
    expect(adapter.restSnapshot).toBeUndefined();
    const { heartbeat } = adapter;
    expect(heartbeat.kind).toBe('client-ping');
    if (heartbeat.kind !== 'client-ping') return;
    expect(heartbeat.intervalMs).toBe(20_000);
    const doc = fixture(venue, 'ping') as Record<string, unknown>;
    expect(JSON.parse(heartbeat.frame)).toEqual({ op: doc['op'] });
  });

  it('subscribes and resubscribes with the documented frames, one arg each', () => {
    const doc = fixture(venue, 'subscribe-request') as Record<string, unknown>;
    const [subscribe] = adapter.subscribe('BTCUSDT').map((frame) => JSON.parse(frame) as Record<string, unknown>);
    expect(subscribe).toEqual({ op: doc['op'], args: ['orderbook.50.BTCUSDT'] });
    const unsubscribeDoc = fixture(venue, 'unsubscribe-request') as Record<string, unknown>;
    expect(adapter.resubscribe!('BTCUSDT').map((frame) => JSON.parse(frame) as unknown)).toEqual([
      { op: unsubscribeDoc['op'], args: ['orderbook.50.BTCUSDT'] },
      subscribe,
    ]);
  });

  it('decodes the doc snapshot: bids and asks as written, u as the seq, cts as the exchange time', () => {
    expect(adapter.decode(text(venue, 'orderbook-snapshot'))).toEqual([
      {
        type: 'snapshot',
        bids: [['16493.50', '0.006'], ['16493.00', '0.100']],
        asks: [['16611.00', '0.029'], ['16612.00', '0.213']],
        seq: 18521288,
        exchangeTime: 1672304484976,
      },
    ]);
  });

  it('decodes the doc delta, size "0" kept for the book to delete', () => {
    const [event] = adapter.decode(text(venue, 'orderbook-delta'));
    expect(event).toMatchObject({ type: 'delta', firstSeq: 177400507, lastSeq: 177400507, exchangeTime: 1687940967464 });
    const delta = event as DeltaEvent;
    expect(delta.bids).toHaveLength(5);
    expect(delta.bids[4]).toEqual(['30240.00', '0']);
    expect(delta.asks[0]).toEqual(['30248.70', '0']);
    expect(delta.asks).toHaveLength(7);
  });

  it('reads a delta with u = 1 as a snapshot: the service restarted and the book is replaced', () => {
    const restart = JSON.parse(text(venue, 'orderbook-delta')) as { data: { u: number } };
    restart.data.u = 1;
    expect(adapter.decode(JSON.stringify(restart))).toMatchObject([{ type: 'snapshot', seq: 1 }]);
  });

  it('takes ts either as a number or as the digit string the key-order note prints, and falls back to it without cts', () => {
    const frame = JSON.parse(text(venue, 'orderbook-snapshot')) as Record<string, unknown>;
    frame['ts'] = '1772694601512';
    delete frame['cts'];
    expect(adapter.decode(JSON.stringify(frame))).toMatchObject([{ type: 'snapshot', exchangeTime: 1772694601512 }]);
  });

  it('answers its pong and subscription ack shapes', () => {
    expect(adapter.decode(text(venue, 'pong'))).toEqual([{ type: 'pong' }]);
    expect(adapter.decode(text(venue, 'subscribe-response'))).toEqual([{ type: 'subscribed' }]);
  });

  it('turns a malformed book message into an error, never a throw', () => {
    const frame = JSON.parse(text(venue, 'orderbook-delta')) as { data: Record<string, unknown> };
    for (const broken of [{ u: '177400507' }, { seq: undefined }, { b: [['30247.20']] }, { a: [['-1', '2']] }, { s: 5 }]) {
      const events = adapter.decode(JSON.stringify({ ...frame, data: { ...frame.data, ...broken } }));
      expect(events).toHaveLength(1);
      expect(events[0]!.type).toBe('error');
    }
    expect(adapter.decode('not json')[0]!.type).toBe('error');
    expect(adapter.decode(new Uint8Array([0xff, 0xfe]))[0]!.type).toBe('error');
  });
});

describe('bybit spot and linear differences', () => {
  it('connect to their own documented hosts and ask instruments-info for their own category', () => {
    expect(bybitSpot().url('BTCUSDT')).toBe('wss://stream.bybit.com/v5/public/spot');
    expect(bybitLinear().url('BTCUSDT')).toBe('wss://stream.bybit.com/v5/public/linear');
    expect(bybitSpot().instrument!.url('BTCUSDT')).toBe('https://api.bybit.com/v5/market/instruments-info?category=spot&symbol=BTCUSDT');
    expect(bybitLinear({ ws: 'ws://127.0.0.1:9/v5/public/linear', rest: 'http://127.0.0.1:9/' }).instrument!.url('ETHUSDT')).toBe(
      'http://127.0.0.1:9/v5/market/instruments-info?category=linear&symbol=ETHUSDT',
    );
    expect(bybitSpot({ ws: 'ws://127.0.0.1:9/v5/public/spot' }).url('BTCUSDT')).toBe('ws://127.0.0.1:9/v5/public/spot');
  });

  it('read tick and lot where each category keeps them: spot basePrecision, linear qtyStep', () => {
    expect(bybitSpot().instrument!.decode(text('bybit', 'instruments-info'), 'BTCUSDT')).toEqual({ symbol: 'BTCUSDT', tickSize: 0.1, lotSize: 0.000001 });
    expect(bybitLinear().instrument!.decode(text('bybit-linear', 'instruments-info'), 'BTCUSDT')).toEqual({ symbol: 'BTCUSDT', tickSize: 0.1, lotSize: 0.001 });
    // A spot answer read as linear has no qtyStep: a plain error, asked again, not "not listed".
    expect(bybitLinear().instrument!.decode(text('bybit', 'instruments-info'), 'BTCUSDT')).toMatchObject({ type: 'error', message: expect.stringMatching(/qtyStep/) });
  });

  it('the option/spread pong ({"op":"pong"}) is a pong too', () => {
    expect(bybitLinear().decode(text('bybit-linear', 'pong-option'))).toEqual([{ type: 'pong' }]);
  });

  it('ignores other topics, the spot full-depth stream included', () => {
    expect(bybitSpot().decode(text('bybit', 'full-orderbook-delta'))).toEqual([{ type: 'ignored' }]);
    expect(bybitSpot().decode('{"topic":"publicTrade.BTCUSDT","ts":1,"type":"snapshot","data":[]}')).toEqual([{ type: 'ignored' }]);
  });
});

describe('bybit not listed', () => {
  it('an empty instruments-info list (pybit issue #294) and a parameter error end the feed as not listed', () => {
    expect(bybitSpot().instrument!.decode(text('bybit', 'instruments-info-empty'), 'NOPEUSDT')).toMatchObject({ type: 'error', notListed: true });
    const parameterError = JSON.stringify({ retCode: 10001, retMsg: 'params error: symbol invalid', result: {}, retExtInfo: {}, time: 1 });
    expect(bybitLinear().instrument!.decode(parameterError, 'NOPEUSDT')).toMatchObject({ type: 'error', notListed: true });
    // Listed, but another symbol than asked for: not ours.
    expect(bybitSpot().instrument!.decode(text('bybit', 'instruments-info'), 'ETHUSDT')).toMatchObject({ type: 'error', notListed: true });
  });

  it('a symbol that is not Trading is not listed; a rate limit or server error is asked again', () => {
    const body = JSON.parse(text('bybit-linear', 'instruments-info')) as { result: { list: Array<Record<string, unknown>> } };
    body.result.list[0]!['status'] = 'PreLaunch';
    expect(bybitLinear().instrument!.decode(JSON.stringify(body), 'BTCUSDT')).toMatchObject({ type: 'error', notListed: true });
    const tooMany = JSON.stringify({ retCode: 10006, retMsg: 'Too many visits!', result: {}, retExtInfo: {}, time: 1 });
    const decoded = bybitSpot().instrument!.decode(tooMany, 'BTCUSDT');
    expect(decoded).toMatchObject({ type: 'error' });
    expect('notListed' in decoded && decoded.notListed).toBeFalsy();
    expect(bybitSpot().instrument!.decode('<html>403 access too frequent</html>', 'BTCUSDT')).toMatchObject({ type: 'error' });
  });

  it('a refused subscription for an unknown topic is not listed; other refusals are plain errors', () => {
    expect(bybitLinear().decode(text('bybit-linear', 'subscribe-refused-unknown-topic'))).toMatchObject([{ type: 'error', notListed: true }]);
    // Spot's refusal text is not documented; this is how other clients record it.
    const spot = '{"success":false,"ret_msg":"Invalid symbol :[orderbook.50.NOPEUSDT]","conn_id":"x","req_id":"","op":"subscribe"}';
    expect(bybitSpot().decode(spot)).toMatchObject([{ type: 'error', notListed: true }]);
    const twice = '{"success":false,"ret_msg":"error:already subscribed,topic:orderbook.50.BTCUSDT","conn_id":"x","req_id":"","op":"subscribe"}';
    const [event] = bybitLinear().decode(twice);
    expect(event).toMatchObject({ type: 'error', message: expect.stringMatching(/already subscribed/) });
    expect(event && 'notListed' in event && event.notListed).toBeFalsy();
  });
});

describe('bybit u continuity', () => {
  const delta = (u: number): DeltaEvent => ({ type: 'delta', bids: [], asks: [], firstSeq: u, lastSeq: u });

  it('applies u + 1, skips what the book already holds, and calls anything further a gap', () => {
    expect(bybitSequence.classify(100, true, delta(101))).toBe('apply');
    expect(bybitSequence.classify(100, false, delta(101))).toBe('apply');
    expect(bybitSequence.classify(100, false, delta(100))).toBe('skip');
    expect(bybitSequence.classify(100, false, delta(42))).toBe('skip');
    expect(bybitSequence.classify(100, false, delta(102))).toBe('gap');
    expect(bybitSequence.classify(100, false, { type: 'delta', bids: [], asks: [] })).toBe('gap');
    expect(bybitSequence.seqAfter(delta(101))).toBe(101);
  });
});
