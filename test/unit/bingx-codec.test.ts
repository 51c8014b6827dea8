/**
 * The BingX spot codec on the docs' example messages (test/fixtures/bingx, each citing its page):
 * the depth100 push, gzip or plain, both heartbeat forms, acks, refusals, and the symbols endpoint.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bingx } from '../../src/feeds/venues/bingx.js';
import { decimalsOfStep } from '../../src/feeds/venues/bingx-symbols.js';
import type { VenueEvent } from '../../src/feeds/types.js';

type Json = Record<string, unknown>;

function fixture(name: string): unknown {
  const file = JSON.parse(readFileSync(new URL(`../fixtures/bingx/${name}.json`, import.meta.url), 'utf8')) as { frame?: unknown; body?: unknown };
  return file.frame ?? file.body;
}
const wire = (name: string): string => {
  const value = fixture(name);
  return typeof value === 'string' ? value : JSON.stringify(value);
};
const gzipped = (name: string): Uint8Array => new Uint8Array(gzipSync(wire(name)));
const adapter = bingx();

function only(events: readonly VenueEvent[]): VenueEvent {
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe('bingx adapter facts', () => {
  it('quotes every base in USDT on BASE-USDT pairs', () => {
    expect(adapter.id).toBe('bingx');
    expect(adapter.market).toBe('spot');
    expect(adapter.quote).toBe('USDT');
    expect(adapter.symbolFor('BTC')).toBe('BTC-USDT');
    for (const bad of ['btc', '', 'BTC-USDT', 'A'.repeat(21)]) expect(adapter.symbolFor(bad)).toBeUndefined();
    expect(adapter.url('BTC-USDT')).toBe('wss://open-api-ws.bingx.com/market');
    expect(bingx({ ws: 'ws://127.0.0.1:1/market', rest: 'http://127.0.0.1:2' }).url('BTC-USDT')).toBe('ws://127.0.0.1:1/market');
    expect(() => bingx({ ws: 'ws://127.0.0.1:1' })).toThrow(/rest/);
  });

  it('subscribes the 100-level depth stream as the doc writes a subscription', () => {
    const [frame, ...rest] = adapter.subscribe('BTC-USDT');
    expect(rest).toEqual([]);
    const sent = JSON.parse(frame!) as Json;
    expect(Object.keys(sent).sort()).toEqual(Object.keys(fixture('subscribe-depth') as Json).sort());
    expect(sent).toMatchObject({ reqType: 'sub', dataType: 'BTC-USDT@depth100' });
  });

  it('takes whole books: no sequence, no checksum, no resubscription, the server pings', () => {
    expect(adapter.sync).toBe('full-snapshot');
    expect(adapter.sequence).toBeUndefined();
    expect(adapter.checksum).toBeUndefined();
    expect(adapter.resubscribe).toBeUndefined();
    expect(adapter.heartbeat).toEqual({ kind: 'server-ping', timeoutMs: 15_000 });
  });

  it('asks the symbols endpoint with the request time it requires', () => {
    const url = new URL(bingx({ ws: 'ws://x', rest: 'http://127.0.0.1:2/' }).instrument!.url('BTC-USDT'));
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:2/openApi/spot/v1/common/symbols');
    expect(url.searchParams.get('symbol')).toBe('BTC-USDT');
    expect(Math.abs(Number(url.searchParams.get('timestamp')) - Date.now())).toBeLessThan(5_000);
  });
});

describe('bingx decode', () => {
  const recorded = fixture('depth100-push') as { data: { bids: string[][]; asks: string[][] }; timestamp: number };

  it('decodes the recorded depth100 push, gzip or plain, into a whole book, raw strings kept', () => {
    const expected = { type: 'snapshot', bids: recorded.data.bids, asks: recorded.data.asks, exchangeTime: 1743241379958 };
    expect(adapter.decode(gzipped('depth100-push'))).toEqual([expected]);
    expect(adapter.decode(wire('depth100-push'))).toEqual([expected]);
    expect(adapter.decode(new TextEncoder().encode(wire('depth100-push')))).toEqual([expected]);
  });

  it('answers the spot heartbeat with its pong, and the plain "Ping" with "Pong"', () => {
    const ping = only(adapter.decode(gzipped('ping')));
    expect(ping.type).toBe('ping');
    if (ping.type !== 'ping') return;
    expect(JSON.parse(ping.reply)).toEqual(fixture('pong'));
    expect(adapter.decode(gzipped('ping-text'))).toEqual([{ type: 'ping', reply: 'Pong' }]);
  });

  it('reads an ack as subscribed, a refused symbol as not listed, other refusals plainly', () => {
    expect(adapter.decode(gzipped('subscribe-ack'))).toEqual([{ type: 'subscribed' }]);
    expect(only(adapter.decode(gzipped('error-datatype-not-supported')))).toEqual({ type: 'error', message: 'BingX: dataType not support (code 80015)', notListed: true });
    expect(only(adapter.decode('{"id":"x","code":100410,"msg":"FREQUENCY_LIMIT"}'))).toEqual({ type: 'error', message: 'BingX: FREQUENCY_LIMIT (code 100410)' });
    expect(only(adapter.decode('{"code":100500,"msg":"","timestamp":1696245808833}')).type).toBe('error');
  });

  it('ignores other streams and the unsubscribe answer shape it never asked for', () => {
    expect(adapter.decode('{"code":0,"dataType":"BTC-USDT@trade","data":{"p":"1"}}')).toEqual([{ type: 'ignored' }]);
    expect(adapter.decode('{"success":true}')).toEqual([{ type: 'ignored' }]);
  });

  it.each([
    ['not JSON', 'garbage'],
    ['not an object', '[1]'],
    ['a depth push without data', '{"code":0,"dataType":"BTC-USDT@depth100"}'],
    ['a numeric price', '{"code":0,"dataType":"BTC-USDT@depth100","data":{"bids":[[1,"1"]],"asks":[]}}'],
    ['asks that are not a list', '{"code":0,"dataType":"BTC-USDT@depth100","data":{"bids":[],"asks":{}}}'],
  ])('turns a frame with %s into one error', (_what, frame) => {
    expect(only(adapter.decode(frame)).type).toBe('error');
  });

  it('turns broken gzip, and bytes that are neither gzip nor UTF-8, into an error', () => {
    const broken = gzipped('depth100-push').slice(0, 20);
    expect(only(adapter.decode(broken)).type).toBe('error');
    expect(only(adapter.decode(new Uint8Array([0xc3, 0x28]))).type).toBe('error');
  });

  it('refuses a frame that inflates past any real push', () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(17 * 1024 * 1024, 0x20)));
    expect(only(adapter.decode(bomb)).type).toBe('error');
  });
});

describe('bingx symbols endpoint', () => {
  const decode = adapter.instrument!.decode;

  it('reads the price and quantity steps of the pair', () => {
    expect(decode(wire('symbols-btc-usdt'), 'BTC-USDT')).toEqual({ symbol: 'BTC-USDT', tickSize: 0.01, lotSize: 0.000001, priceDecimals: 2, sizeDecimals: 6 });
    const asText = JSON.stringify({ code: 0, data: { symbols: [{ symbol: 'X-USDT', tickSize: '0.0001', stepSize: '1', status: 1 }] } });
    expect(decode(asText, 'X-USDT')).toMatchObject({ priceDecimals: 4, sizeDecimals: 0 });
  });

  it('reads a pair that is missing or offline as not listed', () => {
    for (const body of ['{"code":0,"msg":"","data":{"symbols":[]}}', '{"code":100204,"msg":"SEARCH_NO_CONTENT"}', JSON.stringify({ code: 0, data: { symbols: [{ symbol: 'NOPE-USDT', status: 0, tickSize: 0.01, stepSize: 0.01 }] } })]) {
      expect(decode(body, 'NOPE-USDT')).toMatchObject({ type: 'error', notListed: true });
    }
  });

  it('reads any other answer as a plain error', () => {
    for (const body of ['<html>', '{"code":100421,"msg":"Null timestamp or timestamp mismatch"}', '{"code":0,"data":{}}', JSON.stringify({ code: 0, data: { symbols: [{ symbol: 'BTC-USDT', tickSize: 0 }] } })]) {
      const answer = decode(body, 'BTC-USDT');
      expect('type' in answer && answer.type === 'error' && answer.notListed === undefined).toBe(true);
    }
  });

  it('counts the decimals of float64 steps', () => {
    expect([1, 0.1, 0.01, 0.000001, 1e-8, 0.5, 0.25].map(decimalsOfStep)).toEqual([0, 1, 2, 6, 8, 1, 2]);
  });
});
