/**
 * The Kraken codec on Kraken's own examples: the v2 book page's snapshot and update (whose
 * checksums hold at MATIC/USD's precision), the v2 checksum guide's BTC/USD worked example, the
 * v1 checksum guide's update, the REST AssetPairs example, and real v1 frames.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { BookSync } from '../../src/feeds/snapshot-sync.js';
import type { InstrumentFacts, SnapshotEvent, VenueAdapter, VenueEvent } from '../../src/feeds/types.js';
import { kraken } from '../../src/feeds/venues/kraken.js';
import { checksumField, krakenChecksum } from '../../src/feeds/venues/kraken-checksum.js';
import { plainDecimal, quoteNumbers } from '../../src/feeds/venues/kraken-numbers.js';

const endpoints = { ws: 'ws://127.0.0.1:4100/v2', rest: 'http://127.0.0.1:4101' };
const MATIC: InstrumentFacts = { priceDecimals: 4, sizeDecimals: 8 };
const BTC: InstrumentFacts = { priceDecimals: 1, sizeDecimals: 8 };

/** A fixture's message as wire text: a string is raw text, anything else is JSON. */
function fixture(name: string): string {
  const file = new URL(`../fixtures/kraken/${name}.json`, import.meta.url);
  const { frame, body } = JSON.parse(readFileSync(file, 'utf8')) as { frame?: unknown; body?: unknown };
  const message = frame ?? body;
  return typeof message === 'string' ? message : JSON.stringify(message);
}

function only(events: readonly VenueEvent[]): VenueEvent {
  expect(events).toHaveLength(1);
  return events[0]!;
}

/** A codec and a book kept by the feed's own sync rules, with the pair's facts. */
function syncedBook(facts: InstrumentFacts, codec: VenueAdapter = kraken(endpoints)) {
  const book = new Book();
  const sync = new BookSync(codec, book, () => facts);
  const feed = (frame: string): string => {
    const event = only(codec.decode(frame));
    if (event.type === 'snapshot') return sync.onSnapshot(event).kind;
    if (event.type === 'delta') return sync.onDelta(event).kind;
    throw new Error(`not book data: ${JSON.stringify(event)}`);
  };
  return { codec, book, feed };
}

describe('kraken adapter facts', () => {
  const codec = kraken(endpoints);

  it('names v2 symbols against USD and rejects what cannot be one', () => {
    expect(codec.symbolFor('BTC')).toBe('BTC/USD');
    expect(codec.symbolFor('DOGE')).toBe('DOGE/USD');
    for (const bad of ['btc', '', 'BTC/USD', ' BTC', 'A'.repeat(13)]) expect(codec.symbolFor(bad)).toBeUndefined();
    expect(codec.quote).toBe('USD');
  });

  it('connects to v2 and subscribes the book at depth 25 with a snapshot, as the book page documents', () => {
    expect(kraken().url('BTC/USD')).toBe('wss://ws.kraken.com/v2');
    expect(codec.url('BTC/USD')).toBe('ws://127.0.0.1:4100/v2');
    const [frame] = codec.subscribe('BTC/USD');
    const doc = JSON.parse(fixture('book-subscribe-request')) as { params: Record<string, unknown> };
    const ours = JSON.parse(frame!) as { method: string; params: Record<string, unknown> };
    expect(ours).toEqual({ method: 'subscribe', params: { ...doc.params, symbol: ['BTC/USD'], depth: 25, snapshot: true } });
    expect(codec.depthLimit).toBe(25);
  });

  it('resyncs by unsubscribing and subscribing on the same socket', () => {
    expect(codec.resubscribe?.('BTC/USD').map((frame) => (JSON.parse(frame) as { method: string }).method)).toEqual(['unsubscribe', 'subscribe']);
    expect(codec.sync).toBe('ws-snapshot');
    expect(codec.heartbeat).toEqual({ kind: 'heartbeat-channel', timeoutMs: 5_000 });
  });

  it('asks AssetPairs by the REST altname, where Bitcoin is XBT and Dogecoin XDG', () => {
    expect(kraken().instrument?.url('BTC/USD')).toBe('https://api.kraken.com/0/public/AssetPairs?pair=XBTUSD');
    expect(codec.instrument?.url('DOGE/USD')).toBe('http://127.0.0.1:4101/0/public/AssetPairs?pair=XDGUSD');
    expect(codec.instrument?.url('ETH/USD')).toBe('http://127.0.0.1:4101/0/public/AssetPairs?pair=ETHUSD');
    expect(() => kraken({ ws: 'ws://127.0.0.1:4100' })).toThrow(/rest/);
  });
});

describe('kraken AssetPairs (instrument facts)', () => {
  const decode = kraken(endpoints).instrument!.decode;

  it('reads pair_decimals, lot_decimals and tick_size of the doc example', () => {
    expect(decode(fixture('asset-pairs'), 'BTC/USD')).toEqual({ priceDecimals: 1, sizeDecimals: 8, tickSize: 0.1, lotSize: 1e-8 });
    expect(decode(fixture('asset-pairs'), 'ETH/BTC')).toMatchObject({ priceDecimals: 5, sizeDecimals: 8, tickSize: 0.00001 });
  });

  it('says "not listed" for an unknown pair, and for an answer without the pair', () => {
    expect(decode(fixture('asset-pairs-unknown'), 'NOPE/USD')).toMatchObject({ type: 'error', notListed: true, message: expect.stringMatching(/Unknown asset pair/) });
    expect(decode(fixture('asset-pairs'), 'SOL/USD')).toMatchObject({ type: 'error', notListed: true });
  });

  it('turns anything else into an error that is not "not listed"', () => {
    for (const body of ['<html>', '{"error":["EService:Unavailable"]}', '{"error":[],"result":{"X":{"wsname":"BTC/USD"}}}', '[]']) {
      const answer = decode(body, 'BTC/USD');
      expect(answer).toMatchObject({ type: 'error' });
      expect('notListed' in answer && answer.notListed).toBeFalsy();
    }
  });
});

describe('kraken v2 book (doc examples)', () => {
  it('decodes the snapshot with prices and quantities as the text Kraken sent', () => {
    const event = only(kraken(endpoints).decode(fixture('book-snapshot'))) as SnapshotEvent;
    expect(event.type).toBe('snapshot');
    expect(event.bids[0]).toEqual(['0.5666', '4831.75496356']);
    expect(event.bids[6]).toEqual(['0.566', '18097.1547']);
    expect(event.asks).toHaveLength(10);
    expect(event.checksum).toBe(2439117997);
    expect(event.exchangeTime).toBe(Date.UTC(2023, 9, 6, 17, 35, 55, 440));
  });

  it('keeps a book whose checksum matches the doc snapshot and the doc update after it', () => {
    const { book, feed } = syncedBook(MATIC);
    expect(feed(fixture('book-snapshot'))).toBe('changed');
    expect(feed(fixture('book-update'))).toBe('changed');
    expect(book.topBids(10).at(-1)).toEqual(['0.5657', '1098.3947558']);
  });

  it('finds a book that differs from the venue by one quantity', () => {
    const { feed } = syncedBook(MATIC);
    feed(fixture('book-snapshot'));
    expect(feed(fixture('book-update').replace('1098.3947558', '1098.3947559'))).toBe('resync');
  });

  it('formats to the pair precision: without it the trailing zeros the JSON numbers dropped are missing', () => {
    const { codec, feed } = syncedBook({});
    expect(feed(fixture('book-snapshot'))).toBe('resync');
    expect(syncedBook(MATIC, codec).feed(fixture('book-snapshot'))).toBe('changed');
  });

  it('matches the checksum guide worked example (BTC/USD, precision 1 and 8): 3310070434', () => {
    const raw = fixture('checksum-example-btc-usd');
    expect(raw).toContain('"qty":0.10000000');
    // As the doc prints it, and as the wire sends it (a JSON encoder drops the trailing zeros).
    for (const frame of [raw, JSON.stringify(JSON.parse(raw))]) {
      const { book, feed } = syncedBook(BTC);
      expect(feed(frame)).toBe('changed');
      expect(krakenChecksum(book, BTC)).toBe(3310070434);
    }
  });

  it('writes each value as the guides show: point and leading zeros removed, padded to the precision', () => {
    expect(checksumField('45285.2', 1)).toBe('452852');
    expect(checksumField('0.00100000', 8)).toBe('100000');
    expect(checksumField('0.001', 8)).toBe('100000');
    expect(checksumField('45281', 1)).toBe('452810');
    // v1 strings are already printed to the pair's precision ("0.05000" -> "5000").
    expect(checksumField('0.05000')).toBe('5000');
    expect(checksumField('354.15000000', 2)).toBe('35415000000');
  });

  it('truncates to the subscribed depth, and to the depth the venue confirmed', () => {
    const codec = kraken(endpoints);
    codec.subscribe('BTC/USD');
    const levels = Array.from({ length: 30 }, (_, i) => ({ price: 50_000 - i, qty: 1 }));
    const snapshot = JSON.stringify({ channel: 'book', type: 'snapshot', data: [{ symbol: 'BTC/USD', bids: levels, asks: [], checksum: 0 }] });
    const book = new Book();
    new BookSync(codec, book).onSnapshot(only(codec.decode(snapshot)) as SnapshotEvent);
    expect(book.bids.depth).toBe(25);
    const ack = JSON.parse(fixture('book-subscribe-ack')) as { result: Record<string, unknown> };
    expect(only(codec.decode(JSON.stringify({ ...ack, result: { ...ack.result, symbol: 'BTC/USD' } })))).toEqual({ type: 'subscribed' });
    expect(codec.depthLimit).toBe(10);
  });

  it('leaves other symbols of the connection alone once subscribed', () => {
    const codec = kraken(endpoints);
    codec.subscribe('BTC/USD');
    expect(only(codec.decode(fixture('book-snapshot')))).toEqual({ type: 'ignored' });
    expect(only(codec.decode(fixture('book-subscribe-ack')))).toEqual({ type: 'ignored' });
  });
});

describe('kraken v2 control messages (doc examples)', () => {
  const codec = kraken(endpoints);

  it('reads heartbeats and pongs as liveness, status online as nothing', () => {
    expect(only(codec.decode(fixture('heartbeat')))).toEqual({ type: 'pong' });
    expect(only(codec.decode(fixture('pong')))).toEqual({ type: 'pong' });
    expect(only(codec.decode(fixture('status')))).toEqual({ type: 'ignored' });
    expect(only(codec.decode(fixture('book-unsubscribe-ack')))).toEqual({ type: 'ignored' });
  });

  it('shows a trading engine that is not online', () => {
    const status = fixture('status').replace('"online"', '"maintenance"');
    expect(only(codec.decode(status))).toMatchObject({ type: 'error', message: expect.stringMatching(/maintenance/) });
  });

  it('acknowledges the subscription, and ends the feed as "not listed" on "Currency pair not supported"', () => {
    expect(only(codec.decode(fixture('book-subscribe-ack')))).toEqual({ type: 'subscribed' });
    expect(only(codec.decode(fixture('subscribe-error-not-supported')))).toMatchObject({ type: 'error', notListed: true, message: expect.stringMatching(/not supported XBT\/EUR/) });
    const other = JSON.stringify({ error: 'Exceeded msg rate', method: 'subscribe', success: false });
    expect(only(codec.decode(other))).toMatchObject({ type: 'error', message: expect.stringMatching(/Exceeded msg rate/) });
    expect(only(codec.decode(other))).not.toHaveProperty('notListed');
  });

  it('never throws: junk is an error, bytes are read as UTF-8', () => {
    expect(only(codec.decode('{"channel":'))).toMatchObject({ type: 'error' });
    expect(only(codec.decode(new Uint8Array([0xff, 0xfe])))).toMatchObject({ type: 'error' });
    expect(only(codec.decode(new TextEncoder().encode(fixture('heartbeat'))))).toEqual({ type: 'pong' });
    expect(only(codec.decode('{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":-1,"qty":1}],"asks":[],"checksum":1}]}'))).toMatchObject({ type: 'error' });
  });
});

describe('kraken v1 (recorded traffic replays through the same venue)', () => {
  it('decodes the v1 checksum guide update: both maps, the checksum from the last', () => {
    expect(only(kraken(endpoints).decode(fixture('v1-book-update')))).toEqual({
      type: 'delta',
      asks: [['0.05120', '0.00000500'], ['0.05275', '0.00000500']],
      bids: [['0.04765', '0.00000500'], ['0.04940', '0.00000500']],
      checksum: 974947235,
      exchangeTime: 1582905486493,
    });
  });

  it('decodes a real snapshot, maps XBT to BTC, and takes its depth from "book-N"', () => {
    const codec = kraken(endpoints);
    codec.subscribe('GRT/ETH');
    const event = only(codec.decode(fixture('v1-book-snapshot'))) as SnapshotEvent;
    expect(event).toMatchObject({ type: 'snapshot', asks: expect.arrayContaining([['0.000835600', '304.30645202']]) });
    expect(event.checksum).toBeUndefined();
    expect(codec.depthLimit).toBe(1000);
    const btc = kraken(endpoints);
    btc.subscribe('BTC/USD');
    expect(only(btc.decode(fixture('v1-book-update')))).toMatchObject({ type: 'delta' });
    expect(only(btc.decode(fixture('v1-book-snapshot')))).toEqual({ type: 'ignored' });
  });

  it('reads republished levels ("r") as ordinary levels', () => {
    const frame = '[1,{"a":[["1.5","2.0","1600000000.1","r"]],"c":"1"},"book-10","XBT/USD"]';
    expect(only(kraken(endpoints).decode(frame))).toMatchObject({ type: 'delta', asks: [['1.5', '2.0']], checksum: 1 });
  });

  it('reads the v1 events: heartbeat, systemStatus, subscriptionStatus and its errors', () => {
    const codec = kraken(endpoints);
    codec.subscribe('XMR/USD');
    expect(only(codec.decode(fixture('v1-heartbeat')))).toEqual({ type: 'pong' });
    expect(only(codec.decode(fixture('v1-system-status')))).toEqual({ type: 'ignored' });
    expect(only(codec.decode(fixture('v1-subscription-status')))).toEqual({ type: 'subscribed' });
    // The live v1 answer to a malformed pair, quoted in github.com/bmoscon/cryptofeed/issues/980.
    const error = '{"errorMessage":"Currency pair not in ISO 4217-A3 format XBT-USDT","event":"subscriptionStatus","pair":"XBT-USDT","status":"error","subscription":{"name":"book"}}';
    expect(only(codec.decode(error))).toMatchObject({ type: 'error', notListed: true });
    expect(only(codec.decode('[1,{"a":[]},"book-7","XMR/USD"]'))).toMatchObject({ type: 'error' });
  });
});

describe('kraken number text', () => {
  it('quotes numbers outside strings only', () => {
    expect(quoteNumbers('{"a":1.50,"b":[-2,3e-8],"c":"x1.0\\"2","d":true}')).toBe('{"a":"1.50","b":["-2","3e-8"],"c":"x1.0\\"2","d":true}');
    expect(quoteNumbers('{"a":"b"}')).toBe('{"a":"b"}');
  });

  it('writes exponents as plain decimals and refuses what is not a non-negative number', () => {
    expect(plainDecimal('1e-08')).toBe('0.00000001');
    expect(plainDecimal('1.5E+3')).toBe('1500');
    expect(plainDecimal('12.345e1')).toBe('123.45');
    expect(plainDecimal('45283.5')).toBe('45283.5');
    for (const bad of ['-1', '1.', '.5', '0x10', '1e', '', 'NaN']) expect(plainDecimal(bad)).toBeUndefined();
  });
});
