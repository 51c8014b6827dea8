/**
 * The OKX codec (spot and swap) on the docs' own messages and worked checksum examples, and on
 * real recorded frames. https://www.okx.com/docs-v5/en/ (pages cited in test/fixtures/okx/).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { BookSync } from '../../src/feeds/snapshot-sync.js';
import type { DeltaEvent, RawLevel, SnapshotEvent, VenueAdapter, VenueEvent } from '../../src/feeds/types.js';
import { okxChecksum, okxChecksumText, okxSequence } from '../../src/feeds/venues/okx-book.js';
import { okx, okxSwap } from '../../src/feeds/venues/okx.js';

/** A fixture's message: a string stays raw text, anything else is JSON. */
function fixture(name: string, venue = 'okx'): unknown {
  const file = JSON.parse(readFileSync(new URL(`../fixtures/${venue}/${name}.json`, import.meta.url), 'utf8')) as { frame?: unknown; body?: unknown };
  return file.frame ?? file.body;
}

function wire(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
}

const endpoints = { ws: 'ws://127.0.0.1:4100/ws/v5/public', rest: 'http://127.0.0.1:4101/' };
const spot = okx(endpoints);
const swap = okxSwap(endpoints);

function one(adapter: VenueAdapter, message: unknown): VenueEvent {
  const events = adapter.decode(wire(message));
  expect(events).toHaveLength(1);
  return events[0]!;
}

/** A book holding `bids`/`asks` exactly as given (best first). */
function bookOf(bids: readonly RawLevel[], asks: readonly RawLevel[]): Book {
  const book = new Book();
  book.replace(bids, asks);
  return book;
}

describe('okx adapter facts', () => {
  it('names BTC-USDT on spot and BTC-USDT-SWAP on swaps, and nothing for a malformed base', () => {
    expect(spot.symbolFor('BTC')).toBe('BTC-USDT');
    expect(swap.symbolFor('BTC')).toBe('BTC-USDT-SWAP');
    for (const bad of ['btc', '', 'BTC-USDT', ' BTC', 'A'.repeat(21)]) {
      expect(spot.symbolFor(bad)).toBeUndefined();
      expect(swap.symbolFor(bad)).toBeUndefined();
    }
    expect([spot.id, spot.market, spot.quote]).toEqual(['okx', 'spot', 'USDT']);
    expect([swap.id, swap.market, swap.quote]).toEqual(['okx-swap', 'perp', 'USDT']);
  });

  it('connects to the public URL and subscribes the way the doc request does', () => {
    expect(okx().url('BTC-USDT')).toBe('wss://ws.okx.com:8443/ws/v5/public');
    expect(spot.url('BTC-USDT')).toBe(endpoints.ws);
    const { args } = fixture('subscribe-books-request') as { args: unknown };
    expect(spot.subscribe('BTC-USDT').map((frame) => JSON.parse(frame))).toEqual([{ op: 'subscribe', args }]);
    expect(swap.subscribe('BTC-USDT-SWAP').map((frame) => JSON.parse(frame))).toEqual([fixture('subscribe-books-request', 'okx-swap')]);
    expect(spot.resubscribe?.('BTC-USDT').map((frame) => JSON.parse(frame))).toEqual([{ op: 'unsubscribe', args }, { op: 'subscribe', args }]);
    expect(spot.sync).toBe('ws-snapshot');
  });

  it('pings with the text "ping" well inside the 30 s idle limit, and waits for its pong inside it too', () => {
    const { heartbeat } = spot;
    expect(heartbeat).toMatchObject({ kind: 'client-ping', frame: fixture('ping') });
    if (heartbeat.kind !== 'client-ping') throw new Error('not a client ping');
    expect(heartbeat.intervalMs + heartbeat.timeoutMs).toBeLessThan(30_000);
    expect(one(spot, fixture('pong'))).toEqual({ type: 'pong' });
  });

  it('asks the instrument endpoint with the type of its market, and needs REST beside a custom socket', () => {
    expect(spot.instrument?.url('BTC-USDT')).toBe('http://127.0.0.1:4101/api/v5/public/instruments?instType=SPOT&instId=BTC-USDT');
    expect(okxSwap().instrument?.url('BTC-USDT-SWAP')).toBe('https://www.okx.com/api/v5/public/instruments?instType=SWAP&instId=BTC-USDT-SWAP');
    expect(() => okx({ ws: 'ws://127.0.0.1:1' })).toThrow(/rest/);
  });
});

describe('okx decode (doc examples)', () => {
  const docLevels = (side: 'asks' | 'bids'): RawLevel[] =>
    ((fixture('books-snapshot') as { data: Array<Record<string, string[][]>> }).data[0]![side]!).map(([price, size]) => [price!, size!]);

  it('reads the full snapshot: levels, seqId, ts; its zero checksum is no checksum', () => {
    expect(one(spot, fixture('books-snapshot'))).toEqual({ type: 'snapshot', bids: docLevels('bids'), asks: docLevels('asks'), seq: 123456, exchangeTime: 1597026383085 });
  });

  it('reads the incremental data with its prevSeqId and seqId', () => {
    expect(one(spot, fixture('books-update'))).toEqual({ type: 'delta', bids: docLevels('bids'), asks: docLevels('asks'), prevSeq: 123456, lastSeq: 123457, exchangeTime: 1597026383085 });
  });

  it('acks the books subscription, ignores other events', () => {
    expect(one(spot, fixture('subscribe-response'))).toEqual({ type: 'subscribed' });
    expect(one(spot, fixture('unsubscribe-response'))).toEqual({ type: 'ignored' });
    expect(one(spot, { event: 'subscribe', arg: { channel: 'tickers', instId: 'BTC-USDT' }, connId: 'a4d3ae55' })).toEqual({ type: 'ignored' });
    expect(one(spot, { arg: { channel: 'tickers', instId: 'BTC-USDT' }, data: [{ last: '9999.99' }] })).toEqual({ type: 'ignored' });
  });

  it('reports a bad request, and a channel that does not exist as "not listed"', () => {
    const invalid = one(spot, fixture('subscribe-failure-60012'));
    expect(invalid).toMatchObject({ type: 'error', message: expect.stringMatching(/Invalid request.*60012/) });
    expect(invalid).not.toHaveProperty('notListed');
    expect(one(spot, fixture('error-60018-unknown-instrument'))).toMatchObject({ type: 'error', notListed: true, message: expect.stringMatching(/NOPE-USDT doesn't exist/) });
  });

  it('reconnects on the service-upgrade notice', () => {
    expect(one(spot, fixture('notice-64008'))).toMatchObject({ type: 'error', reconnect: true, message: expect.stringMatching(/service upgrade.*64008/) });
    expect(one(spot, { event: 'notice', code: '1', msg: 'something else' })).toEqual({ type: 'ignored' });
  });

  it('turns what it cannot read into errors, never a throw', () => {
    const update = fixture('books-update') as { data: Array<Record<string, unknown>> };
    const withItem = (patch: Record<string, unknown>): unknown => ({ ...update, data: [{ ...update.data[0], ...patch }] });
    for (const message of [
      'not json',
      new Uint8Array([0xff, 0xfe]),
      [1, 2],
      { ...update, action: 'partial' },
      { ...update, data: [] },
      withItem({ asks: [['8476.98']] }),
      withItem({ bids: [['-1', '2', '0', '1']] }),
      withItem({ ts: 1597026383085 }),
      withItem({ checksum: '123' }),
      withItem({ checksum: 2 ** 31 }),
      withItem({ prevSeqId: -1 }),
      withItem({ seqId: undefined }),
    ]) {
      const events = spot.decode(message instanceof Uint8Array ? message : wire(message));
      expect(events.map((event) => event.type)).toEqual(['error']);
    }
  });
});

describe('okx sequence (Order book channel, "Sequence ID" example)', () => {
  const delta = (prevSeq: number, lastSeq: number): DeltaEvent => ({ type: 'delta', bids: [], asks: [], prevSeq, lastSeq });

  it('applies normal, no-change and reset messages, each chained on the one before', () => {
    let book = 10; // Snapshot message: prevSeqId = -1, seqId = 10
    for (const [prev, seq] of [[10, 15], [15, 15], [15, 3], [3, 5]] as const) {
      expect(okxSequence.classify(book, false, delta(prev, seq))).toBe('apply');
      book = okxSequence.seqAfter(delta(prev, seq));
    }
    expect(book).toBe(5);
  });

  it('calls any break of the chain a gap, a reset that does not name the last message included', () => {
    expect(okxSequence.classify(15, false, delta(14, 20))).toBe('gap');
    expect(okxSequence.classify(15, false, delta(16, 20))).toBe('gap');
    expect(okxSequence.classify(15, false, delta(12, 3))).toBe('gap');
    expect(okxSequence.classify(15, false, { type: 'delta', bids: [], asks: [], lastSeq: 16 })).toBe('gap');
  });

  it('applies frames from before sequence ids, which only their checksum guards', () => {
    expect(okxSequence.classify(0, true, { type: 'delta', bids: [], asks: [], checksum: 1 })).toBe('apply');
  });

  it('carries a book through the whole doc example, maintenance reset included, and resyncs on a break', () => {
    const sync = new BookSync(spot, new Book());
    const push = (action: string, prevSeqId: number, seqId: number, bids: string[][] = []): VenueEvent =>
      one(spot, { arg: { channel: 'books', instId: 'BTC-USDT' }, action, data: [{ asks: [['101', '1', '0', '1']], bids, ts: '1597026383085', checksum: 0, prevSeqId, seqId }] });
    expect(sync.onSnapshot(push('snapshot', -1, 10, [['99', '1', '0', '1']]) as SnapshotEvent).kind).toBe('changed');
    for (const [prev, seq] of [[10, 15], [15, 15], [15, 3], [3, 5]] as const) {
      expect(sync.onDelta(push('update', prev, seq, [['99', String(seq), '0', '1']]) as DeltaEvent).kind).toBe('changed');
    }
    expect(sync.onDelta(push('update', 6, 9) as DeltaEvent)).toMatchObject({ kind: 'resync', reason: expect.stringMatching(/sequence gap/) });
  });

  it('keeps a book through the no-change message (empty sides) without a resync', () => {
    const book = new Book();
    const sync = new BookSync(spot, book);
    sync.onSnapshot(one(spot, fixture('books-snapshot')) as SnapshotEvent);
    const keepAlive = { arg: { channel: 'books', instId: 'BTC-USDT' }, action: 'update', data: [{ asks: [], bids: [], ts: '1597026443085', checksum: 0, prevSeqId: 123456, seqId: 123456 }] };
    expect(sync.onDelta(one(spot, keepAlive) as DeltaEvent).kind).toBe('changed');
    expect(book.bestBid).toBe(8476.97);
  });
});

describe('okx checksum ("Calculate Checksum", page as published 2026-01-15)', () => {
  it('interleaves bid and ask while both sides have levels', () => {
    const book = bookOf([['3366.1', '7'], ['3366', '6']], [['3366.8', '9'], ['3368', '8']]);
    expect(okxChecksumText(book)).toBe('3366.1:7:3366.8:9:3366:6:3368:8');
    // The value the OKEx v3 API docs printed with this very example ("checksum": -1881014294).
    expect(okxChecksum(book)).toBe(-1881014294);
  });

  it('skips a side that has run out', () => {
    const book = bookOf([['3366.1', '7']], [['3366.8', '9'], ['3368', '8'], ['3372', '8']]);
    expect(okxChecksumText(book)).toBe('3366.1:7:3366.8:9:3368:8:3372:8');
    expect(okxChecksum(book)).toBe(831078360);
  });

  it('hashes the top 25 levels a side, the strings as sent', () => {
    const bids: RawLevel[] = Array.from({ length: 30 }, (_, i) => [`${100 - i}.50`, '1.0']);
    const asks: RawLevel[] = Array.from({ length: 30 }, (_, i) => [`${101 + i}.50`, '2.0']);
    const text = okxChecksumText(bookOf(bids, asks));
    expect(text.split(':')).toHaveLength(100);
    expect(text.startsWith('100.50:1.0:101.50:2.0:99.50:1.0')).toBe(true);
    expect(text.endsWith('76.50:1.0:125.50:2.0')).toBe(true);
  });

  it('verifies the real checksums of recorded frames and catches a changed level', () => {
    for (const venue of ['okx', 'okx-swap']) {
      const adapter = venue === 'okx' ? spot : swap;
      const sync = new BookSync(adapter, new Book());
      const snapshot = one(adapter, fixture('books-snapshot-cryptofeed', venue)) as SnapshotEvent;
      const update = one(adapter, fixture('books-update-cryptofeed', venue)) as DeltaEvent;
      expect(snapshot.checksum).toEqual(expect.any(Number));
      expect(snapshot.seq).toBeUndefined();
      expect(sync.onSnapshot(snapshot).kind).toBe('changed');
      expect(sync.onDelta(update).kind).toBe('changed');
      const [price, size] = snapshot.bids[0]!;
      const tampered: SnapshotEvent = { ...snapshot, bids: [[price, `${size}1`], ...snapshot.bids.slice(1)] };
      expect(sync.onSnapshot(tampered)).toMatchObject({ kind: 'resync', reason: expect.stringMatching(/checksum mismatch/) });
    }
  });

  it('never fails a book on a zero checksum', () => {
    const sync = new BookSync(spot, new Book());
    const snapshot = fixture('books-snapshot') as { data: Array<Record<string, unknown>> };
    expect(snapshot.data[0]!['checksum']).toBe(0);
    expect(sync.onSnapshot(one(spot, snapshot) as SnapshotEvent).kind).toBe('changed');
  });
});

describe('okx instrument facts (Get instruments)', () => {
  const body = fixture('instruments-spot') as { data: Array<Record<string, unknown>> };

  it('reads tick and lot of a spot pair from the doc example', () => {
    expect(spot.instrument?.decode(wire(body), 'BTC-USDT')).toEqual({ symbol: 'BTC-USDT', tickSize: 0.1, lotSize: 0.00000001 });
  });

  it('reads the contract value of a swap ("ctVal=0.01 BTC for BTC-USDT-SWAP")', () => {
    const swapBody = { ...body, data: [{ ...body.data[0], instType: 'SWAP', instId: 'BTC-USDT-SWAP', ctVal: '0.01', ctValCcy: 'BTC', lotSz: '0.01' }] };
    expect(swap.instrument?.decode(wire(swapBody), 'BTC-USDT-SWAP')).toEqual({ symbol: 'BTC-USDT-SWAP', tickSize: 0.1, lotSize: 0.01, contractSize: 0.01 });
    // Listed, not yet priced: "Other fields will be \"\" temporarily" - retried, not "not listed".
    const unpriced = swap.instrument?.decode(wire({ ...swapBody, data: [{ ...swapBody.data[0], ctVal: '' }] }), 'BTC-USDT-SWAP');
    expect(unpriced).toMatchObject({ type: 'error', message: expect.stringMatching(/contract value/) });
    expect(unpriced).not.toHaveProperty('notListed');
  });

  it('says "not listed" on 51001 and on an answer without the instrument', () => {
    expect(spot.instrument?.decode(wire(fixture('instruments-error-51001')), 'NOPE-USDT')).toMatchObject({ type: 'error', notListed: true, message: expect.stringMatching(/51001/) });
    expect(swap.instrument?.decode(JSON.stringify({ code: '0', msg: '', data: [] }), 'NOPE-USDT-SWAP')).toMatchObject({ type: 'error', notListed: true });
  });

  it('reports other failures as errors to retry', () => {
    for (const answer of ['<html>', '[]', JSON.stringify({ code: '50011', msg: 'Too Many Requests', data: [] }), JSON.stringify({ code: '0', msg: '' })]) {
      const facts = spot.instrument?.decode(answer, 'BTC-USDT');
      expect(facts).toMatchObject({ type: 'error' });
      expect(facts).not.toHaveProperty('notListed');
    }
  });
});
