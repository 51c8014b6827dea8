import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binanceSpot, binanceSpotSequence } from '../../src/feeds/venues/binance-spot.js';
import type { DeltaEvent } from '../../src/feeds/types.js';

/** A doc fixture's message as wire text: a string is raw text, anything else is JSON. */
function fixture(name: string): string {
  const file = new URL(`../fixtures/binance/${name}.json`, import.meta.url);
  const { frame, body } = JSON.parse(readFileSync(file, 'utf8')) as { frame?: unknown; body?: unknown };
  const message = frame ?? body;
  return typeof message === 'string' ? message : JSON.stringify(message);
}

const adapter = binanceSpot();

describe('binance spot adapter facts', () => {
  it('maps a base asset to its USDT symbol and rejects anything else', () => {
    expect(adapter.symbolFor('BTC')).toBe('BTCUSDT');
    expect(adapter.symbolFor('1000SATS')).toBe('1000SATSUSDT');
    for (const bad of ['btc', '', 'BTC/USDT', 'BTC-USD', 'A'.repeat(21), ' BTC']) {
      expect(adapter.symbolFor(bad)).toBeUndefined();
    }
  });

  it('connects to the raw 100 ms diff stream and subscribes by URL only', () => {
    expect(adapter.id).toBe('binance');
    expect(adapter.market).toBe('spot');
    expect(adapter.url('BTCUSDT')).toBe('wss://stream.binance.com:9443/ws/btcusdt@depth@100ms');
    expect(adapter.subscribe('BTCUSDT')).toEqual([]);
    expect(adapter.sync).toBe('rest-snapshot');
    expect(adapter.heartbeat.kind).toBe('server-ping');
    expect(adapter.heartbeat.timeoutMs).toBeGreaterThan(20_000);
    expect(adapter.restSnapshot?.url('BTCUSDT')).toBe('https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=5000');
  });

  it('uses custom endpoints for both socket and REST, and insists on both', () => {
    const sim = binanceSpot({ ws: 'ws://127.0.0.1:4100/', rest: 'http://127.0.0.1:4101' });
    expect(sim.url('ETHUSDT')).toBe('ws://127.0.0.1:4100/ws/ethusdt@depth@100ms');
    expect(sim.restSnapshot?.url('ETHUSDT')).toBe('http://127.0.0.1:4101/api/v3/depth?symbol=ETHUSDT&limit=5000');
    expect(() => binanceSpot({ ws: 'ws://127.0.0.1:4100' })).toThrow(/rest/);
  });
});

describe('binance spot decode (doc examples)', () => {
  it('decodes the Diff. Depth Stream payload into a delta', () => {
    expect(adapter.decode(fixture('diff-depth-update'))).toEqual([
      {
        type: 'delta',
        bids: [['0.0024', '10']],
        asks: [['0.0026', '100']],
        firstSeq: 157,
        lastSeq: 160,
        exchangeTime: 1672515782136,
      },
    ]);
  });

  it('unwraps the combined-stream form (real recorded frame)', () => {
    const [event] = adapter.decode(fixture('depth-update-combined-cryptofeed'));
    expect(event).toEqual({
      type: 'delta',
      bids: [
        ['0.35130000', '6195.00000000'],
        ['0.34750000', '5548.00000000'],
        ['0.34640000', '6222.00000000'],
      ],
      asks: [],
      firstSeq: 499869750,
      lastSeq: 499869752,
      exchangeTime: 1633998512068,
    });
  });

  it('decodes bytes as well as text', () => {
    const bytes = new TextEncoder().encode(fixture('diff-depth-update'));
    expect(adapter.decode(bytes)[0]?.type).toBe('delta');
  });

  it('turns serverShutdown (raw and combined) into a reconnect request', () => {
    for (const name of ['server-shutdown-raw', 'server-shutdown-combined']) {
      const [event] = adapter.decode(fixture(name));
      expect(event?.type).toBe('error');
      if (event?.type !== 'error') return;
      expect(event.reconnect).toBe(true);
      expect(event.notListed).toBeUndefined();
      expect(event.message).toMatch(/serverShutdown/);
    }
  });

  it('ignores subscription responses and reports WS error messages', () => {
    expect(adapter.decode(fixture('subscribe-response'))).toEqual([{ type: 'ignored' }]);
    const [error] = adapter.decode(fixture('ws-error-too-many-parameters'));
    expect(error).toEqual({ type: 'error', message: 'Binance: Invalid request: too many parameters (code 2)' });
  });

  it('decodes the REST depth example into a snapshot at lastUpdateId', () => {
    expect(adapter.restSnapshot?.decode(fixture('rest-depth'))).toEqual({
      type: 'snapshot',
      bids: [['4.00000000', '431.00000000']],
      asks: [['4.00000200', '12.00000000']],
      seq: 1027024,
    });
  });

  it('reports -1121 Invalid symbol as not listed', () => {
    expect(adapter.restSnapshot?.decode(fixture('rest-error-invalid-symbol'))).toEqual({
      type: 'error',
      message: 'Binance: Invalid symbol. (code -1121)',
      notListed: true,
    });
    const other = adapter.restSnapshot?.decode('{"code":-1003,"msg":"Too many requests."}');
    expect(other).toEqual({ type: 'error', message: 'Binance: Too many requests. (code -1003)' });
  });
});

describe('binance spot decode never throws', () => {
  const bad: readonly string[] = [
    '',
    'not json',
    '[1,2]',
    'null',
    '{"e":"depthUpdate"}',
    '{"e":"depthUpdate","E":1,"U":5,"u":4,"b":[],"a":[]}',
    '{"e":"depthUpdate","E":1,"U":1,"u":2,"b":[["x","1"]],"a":[]}',
    '{"e":"depthUpdate","E":1,"U":1,"u":2,"b":[["1","-1"]],"a":[]}',
    '{"e":"depthUpdate","E":1,"U":1,"u":2,"b":[],"a":{}}',
    '{"stream":"btcusdt@depth@100ms","data":"nope"}',
  ];
  it.each(bad)('turns %j into one error event', (frame) => {
    const events = adapter.decode(frame);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('error');
  });

  it('rejects invalid UTF-8 bytes and malformed snapshots as errors', () => {
    expect(adapter.decode(new Uint8Array([0xff, 0xfe]))[0]?.type).toBe('error');
    for (const body of ['', '{}', '{"lastUpdateId":1,"bids":[["1"]],"asks":[]}', '<html>502</html>']) {
      expect(adapter.restSnapshot?.decode(body).type).toBe('error');
    }
  });

  it('ignores unrelated streams', () => {
    const bookTicker = '{"stream":"btcusdt@bookTicker","data":{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}}';
    expect(adapter.decode(bookTicker)).toEqual([{ type: 'ignored' }]);
    expect(adapter.decode('{"e":"aggTrade","E":1,"s":"BTCUSDT"}')).toEqual([{ type: 'ignored' }]);
  });
});

describe('binance spot sequence rule (How to manage a local order book correctly)', () => {
  const delta = (U: number, u: number): DeltaEvent => ({ type: 'delta', bids: [], asks: [], firstSeq: U, lastSeq: u });
  const rule = binanceSpotSequence;
  const book = 100;

  it.each([
    ['stale: ends before the book', 90, 99, 'skip'],
    ['stale: ends exactly at the book (u <= lastUpdateId)', 95, 100, 'skip'],
    ['bridge: lastUpdateId inside [U;u]', 95, 105, 'apply'],
    ['bridge edge: U == lastUpdateId + 1', 101, 105, 'apply'],
    ['bridge edge: U == lastUpdateId', 100, 101, 'apply'],
    ['gap: U == lastUpdateId + 2', 102, 105, 'gap'],
  ] as const)('first event after the snapshot, %s', (_name, U, u, verdict) => {
    expect(rule.classify(book, true, delta(U, u))).toBe(verdict);
  });

  it.each([
    ['next in chain (U == u_prev + 1)', 101, 101, 'apply'],
    ['duplicate of the last applied event', 98, 100, 'skip'],
    ['overlapping event that brings newer ids', 99, 103, 'apply'],
    ['one event missed', 103, 104, 'gap'],
    ['an id pushed to the end of the number range', 101, Number.MAX_SAFE_INTEGER, 'gap'],
    ['more updates than one event can hold', 101, 101 + 1_000_001, 'gap'],
  ] as const)('later event, %s', (_name, U, u, verdict) => {
    expect(rule.classify(book, false, delta(U, u))).toBe(verdict);
  });

  it('treats a delta without ids as a gap and moves the book to u', () => {
    expect(rule.classify(book, false, { type: 'delta', bids: [], asks: [] })).toBe('gap');
    expect(rule.seqAfter(delta(101, 107))).toBe(107);
  });
});
