/**
 * The futures codec with Binance USDⓈ-M's facts, on the docs' own examples and a real recorded
 * frame: routing (/public), REST paths, decoding, "not listed", and the futures sequence rule.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeltaEvent } from '../../src/feeds/types.js';
import { binanceFuturesSequence } from '../../src/feeds/venues/binance-futures.js';
import { binanceUsdm } from '../../src/feeds/venues/binance-usdm.js';

/** A doc fixture's message as wire text. */
function fixture(name: string): string {
  const file = new URL(`../fixtures/binance-usdm/${name}.json`, import.meta.url);
  const { frame, body } = JSON.parse(readFileSync(file, 'utf8')) as { frame?: unknown; body?: unknown };
  return JSON.stringify(frame ?? body);
}

const adapter = binanceUsdm();

describe('binance-usdm adapter facts', () => {
  it('maps a base asset to its USDT perpetual and rejects anything else', () => {
    expect(adapter.symbolFor('BTC')).toBe('BTCUSDT');
    expect(adapter.symbolFor('1000PEPE')).toBe('1000PEPEUSDT');
    for (const bad of ['btc', '', 'BTC/USDT', 'A'.repeat(21)]) expect(adapter.symbolFor(bad)).toBeUndefined();
    expect([adapter.id, adapter.market, adapter.quote, adapter.sync]).toEqual(['binance-usdm', 'perp', 'USDT', 'rest-snapshot']);
  });

  it('puts the depth stream on the /public route (2026 URL split), not /market', () => {
    expect(adapter.url('BTCUSDT')).toBe('wss://fstream.binance.com/public/ws/btcusdt@depth@100ms');
    expect(adapter.subscribe('BTCUSDT')).toEqual([]);
  });

  it('asks /fapi/v1/depth for 1000 levels and /fapi/v1/exchangeInfo for the instrument', () => {
    expect(adapter.restSnapshot?.url('BTCUSDT')).toBe('https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000');
    expect(adapter.instrument?.url('BTCUSDT')).toBe('https://fapi.binance.com/fapi/v1/exchangeInfo');
  });

  it('answers the 3-minute protocol ping and calls a link dead after 2.5 silent periods', () => {
    expect(adapter.heartbeat).toEqual({ kind: 'server-ping', timeoutMs: 450_000 });
  });

  it('uses custom endpoints for both socket and REST, and insists on both', () => {
    const sim = binanceUsdm({ ws: 'ws://127.0.0.1:4100/public/', rest: 'http://127.0.0.1:4101' });
    expect(sim.url('ETHUSDT')).toBe('ws://127.0.0.1:4100/public/ws/ethusdt@depth@100ms');
    expect(sim.restSnapshot?.url('ETHUSDT')).toBe('http://127.0.0.1:4101/fapi/v1/depth?symbol=ETHUSDT&limit=1000');
    expect(() => binanceUsdm({ ws: 'ws://127.0.0.1:4100' })).toThrow(/rest/);
  });
});

describe('binance-usdm decode (doc examples)', () => {
  it('decodes the Diff. Book Depth payload into a delta with U/u/pu and E', () => {
    expect(adapter.decode(fixture('diff-depth-update'))).toEqual([
      { type: 'delta', bids: [['0.0024', '10']], asks: [['0.0026', '100']], firstSeq: 157, lastSeq: 160, prevSeq: 149, exchangeTime: 123456789 },
    ]);
  });

  it('unwraps a real combined-stream frame', () => {
    const [event] = adapter.decode(new TextEncoder().encode(fixture('depth-update-combined-cryptofeed')));
    expect(event).toMatchObject({ type: 'delta', firstSeq: 600859599090, lastSeq: 600859600917, prevSeq: 600859598061, exchangeTime: 1626992741037 });
    expect(event?.type === 'delta' && event.bids[1]).toEqual(['7.6090', '0']);
  });

  it('reads the subscribe answer as subscribed and reports WS error messages', () => {
    expect(adapter.decode(fixture('subscribe-response'))).toEqual([{ type: 'subscribed' }]);
    expect(adapter.decode(fixture('ws-error-too-many-parameters'))).toEqual([
      { type: 'error', message: 'Binance USDⓈ-M: Invalid request: too many parameters (code 2)' },
    ]);
  });

  it('ignores other streams and the frames a client sends', () => {
    expect(adapter.decode('{"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":1,"s":"BTCUSDT"}}')).toEqual([{ type: 'ignored' }]);
    expect(adapter.decode(fixture('subscribe-request'))).toEqual([{ type: 'ignored' }]);
  });

  it('decodes the Order Book example into a snapshot at lastUpdateId', () => {
    expect(adapter.restSnapshot?.decode(fixture('rest-depth'))).toEqual({
      type: 'snapshot', bids: [['4.00000000', '431.00000000']], asks: [['4.00000200', '12.00000000']], seq: 1027024, exchangeTime: 1589436922972,
    });
  });

  it('reports -1121 Invalid symbol as not listed, other errors as errors', () => {
    expect(adapter.restSnapshot?.decode(fixture('rest-error-invalid-symbol'))).toEqual({
      type: 'error', message: 'Binance USDⓈ-M: Invalid symbol. (code -1121)', notListed: true,
    });
    expect(adapter.restSnapshot?.decode('{"code":-1003,"msg":"Too many requests."}')).toEqual({
      type: 'error', message: 'Binance USDⓈ-M: Too many requests. (code -1003)',
    });
  });

  it.each([
    '', 'not json', 'null', '[1]',
    '{"e":"depthUpdate","E":1,"U":1,"u":2,"b":[],"a":[]}',
    '{"e":"depthUpdate","E":1,"U":5,"u":4,"pu":3,"b":[],"a":[]}',
    '{"e":"depthUpdate","E":1,"U":1,"u":2,"pu":-1,"b":[],"a":[]}',
    '{"e":"depthUpdate","E":1,"U":1,"u":2,"pu":0,"b":[["1e3","1"]],"a":[]}',
    '{"stream":"btcusdt@depth@100ms","data":7}',
  ])('turns %j into one error event', (frame) => {
    const events = adapter.decode(frame);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('error');
  });
});

describe('futures sequence rule (How to manage a local order book correctly, futures)', () => {
  const delta = (U: number, u: number, pu: number): DeltaEvent => ({ type: 'delta', bids: [], asks: [], firstSeq: U, lastSeq: u, prevSeq: pu });
  const rule = binanceFuturesSequence;
  const book = 100;

  it.each([
    ['step 4: u < lastUpdateId is dropped', 90, 99, 80, 'skip'],
    ['step 5: lastUpdateId inside [U;u]', 95, 105, 90, 'apply'],
    ['step 5: u == lastUpdateId (seen in real recordings; the spot rule drops it)', 95, 100, 90, 'apply'],
    ['step 5: U == lastUpdateId', 100, 104, 97, 'apply'],
    ['the event right after the snapshot: pu == lastUpdateId', 104, 110, 100, 'apply'],
    ['gap: starts past the snapshot and does not follow it', 104, 110, 102, 'gap'],
    ['gap: the spot bridge U == lastUpdateId + 1 is not a futures bridge', 101, 110, 99, 'gap'],
  ] as const)('first event after the snapshot, %s', (_name, U, u, pu, verdict) => {
    expect(rule.classify(book, true, delta(U, u, pu))).toBe(verdict);
  });

  it.each([
    ['step 6: pu == previous u (ids shared by all symbols jump)', 140, 150, 100, 'apply'],
    ['one event missed', 140, 150, 120, 'gap'],
    ['an event already applied', 95, 100, 90, 'gap'],
  ] as const)('later event, %s', (_name, U, u, pu, verdict) => {
    expect(rule.classify(book, false, delta(U, u, pu))).toBe(verdict);
  });

  it('treats a delta without pu as a gap and moves the book to u', () => {
    expect(rule.classify(book, true, { type: 'delta', bids: [], asks: [], firstSeq: 95, lastSeq: 105 })).toBe('gap');
    expect(rule.seqAfter(delta(101, 107, 100))).toBe(107);
  });
});
