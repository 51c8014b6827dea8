/**
 * The simulated Kraken v2 venue over a real loopback server: frames have the doc examples'
 * shape, every book message's checksum holds by the checksum guide's procedure at the pair's
 * AssetPairs precision, and the guide's book maintenance (apply, then truncate to the depth)
 * rebuilds the venue's top levels exactly.
 * https://docs.kraken.com/exchange/api-reference/spot-websocket-v2/book,
 * https://docs.kraken.com/exchange/guides/websockets/book-checksum-v2
 */
import { afterEach, describe, expect, it } from 'vitest';
import { crc32 } from '../../src/book/crc32.js';
import { FaultSwitches } from '../../src/sim/faults.js';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { krakenProtocol } from '../../src/sim/venues/kraken.js';
import { wireNumber } from '../../src/sim/venues/kraken-wire-number.js';
import { venue as registered } from '../../src/venues/registry.js';
import { docExample, shapeErrors } from '../helpers/doc-shape.js';
import { WsInbox } from '../helpers/ws-inbox.js';

interface Level { price: number; qty: number }
interface BookEntry { symbol: string; bids: Level[]; asks: Level[]; checksum: number; timestamp: string }
interface BookMessage { channel: 'book'; type: 'snapshot' | 'update'; data: BookEntry[] }
interface Pair { pair_decimals: number; lot_decimals: number; wsname: string }

let server: VenueServer | undefined;
const inboxes: WsInbox[] = [];

async function start(heartbeatEveryMs = 1_000): Promise<VenueServer> {
  server = await new VenueServer(krakenProtocol({ heartbeatEveryMs }), new MarketModel(7)).listen();
  return server;
}

async function connect(venue: VenueServer): Promise<WsInbox> {
  const inbox = await WsInbox.open(`${venue.wsUrl}/v2`);
  inboxes.push(inbox);
  return inbox;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const books = (inbox: WsInbox): BookMessage[] => inbox.json().filter((f): f is BookMessage => isRecord(f) && f['channel'] === 'book');
const withMethod = (inbox: WsInbox, method: string): Record<string, unknown>[] => inbox.json().filter((f): f is Record<string, unknown> => isRecord(f) && f['method'] === method);
const subscribe = (symbol: string, depth = 25): unknown => ({ method: 'subscribe', params: { channel: 'book', symbol: [symbol], depth, snapshot: true } });

async function assetPairs(venue: VenueServer, pair: string): Promise<{ error: string[]; result?: Record<string, Pair> }> {
  const response = await fetch(`${venue.httpUrl}/0/public/AssetPairs?pair=${pair}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { error: string[]; result?: Record<string, Pair> };
}

/** The guide's string: price then qty, each padded to the pair precision, without its point and leading zeros. */
function checksumOf(asks: Array<[number, number]>, bids: Array<[number, number]>, pair: Pair): number {
  const field = (value: number, decimals: number): string => value.toFixed(decimals).replace('.', '').replace(/^0+/, '');
  const side = (levels: Array<[number, number]>): string => levels.slice(0, 10).map(([p, q]) => field(p, pair.pair_decimals) + field(q, pair.lot_decimals)).join('');
  return crc32(side(asks) + side(bids));
}

/** A client book kept as the guide says: apply every level in order, qty 0 removes, then truncate to the depth. */
class GuideBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  constructor(private readonly depth: number) {}

  apply(entry: BookEntry): void {
    for (const [map, levels] of [[this.bids, entry.bids], [this.asks, entry.asks]] as const) {
      for (const { price, qty } of levels) {
        if (qty === 0) map.delete(price);
        else map.set(price, qty);
      }
    }
    for (const [map, best] of [[this.bids, -1], [this.asks, 1]] as const) {
      const kept = this.sorted(map, best).slice(0, this.depth);
      map.clear();
      for (const [price, qty] of kept) map.set(price, qty);
    }
  }

  side(which: 'bid' | 'ask'): Array<[number, number]> {
    return which === 'bid' ? this.sorted(this.bids, -1) : this.sorted(this.asks, 1);
  }

  private sorted(map: Map<number, number>, order: number): Array<[number, number]> {
    return [...map].sort((x, y) => order * (x[0] - y[0]));
  }
}

afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
  await server?.close();
  server = undefined;
});

describe('simulated Kraken v2', () => {
  it('is registered as kraken, on /v2', () => {
    const protocol = registered('kraken').simulator();
    expect(protocol.venue).toBe('kraken');
    expect(protocol.wsPath).toBe('/v2');
    expect(protocol.publishedDepth).toBe(25);
  });

  it('greets with the status message and answers a subscription as documented', async () => {
    const venue = await start();
    const inbox = await connect(venue);
    await inbox.until(() => inbox.json().length >= 1, 'the status message');
    expect(shapeErrors(inbox.json()[0], docExample('kraken', 'status'))).toEqual([]);
    inbox.send(subscribe('BTC/USD'));
    await inbox.until(() => books(inbox).length >= 1, 'the snapshot');
    const [ack] = withMethod(inbox, 'subscribe');
    expect(shapeErrors(ack, docExample('kraken', 'book-subscribe-ack'))).toEqual([]);
    expect(ack!['result']).toEqual({ channel: 'book', depth: 25, snapshot: true, symbol: 'BTC/USD' });
    const [snapshot] = books(inbox);
    expect(shapeErrors(snapshot, docExample('kraken', 'book-snapshot'))).toEqual([]);
    expect(snapshot!.type).toBe('snapshot');
    expect(snapshot!.data[0]!.bids).toHaveLength(25);
    expect(snapshot!.data[0]!.asks).toHaveLength(25);
  });

  it('prints numbers as Kraken does: trailing zeros dropped, so only the pair precision restores them', async () => {
    const venue = await start();
    const inbox = await connect(venue);
    inbox.send(subscribe('BTC/USD'));
    await inbox.until(() => books(inbox).length >= 1, 'the snapshot');
    const text = inbox.texts.find((t) => t.includes('"type":"snapshot"'))!;
    const numbers = [...text.matchAll(/"(?:price|qty)":([^,}]+)/g)].map((m) => m[1]!);
    expect(numbers.length).toBe(100);
    // "45281.0" for a whole number, "0.566" otherwise, "1e-05" below 1e-4: never a trailing zero past the point.
    for (const number of numbers) expect(number).toMatch(/^(\d+\.0|\d+\.\d*[1-9]|\d(\.\d*[1-9])?e-\d\d)$/);
    expect(numbers.some((n) => n.endsWith('.0') || !/\.\d{8}$/.test(n))).toBe(true);
  });

  it('writes small values with an exponent, as Python-style float text does (qty_increment 1e-08)', () => {
    expect(['0.00001000', '0.00003100', '0.00010000', '67250.10', '67250.00', '0.56600', '0.00000000'].map(wireNumber)).toEqual(['1e-05', '3.1e-05', '0.0001', '67250.1', '67250.0', '0.566', '0.0']);
  });

  it('keeps every checksum right, and the guide procedure rebuilds its top 25 levels exactly', async () => {
    const venue = await start();
    const { result } = await assetPairs(venue, 'XBTUSD');
    const pair = result!['XXBTZUSD']!;
    const inbox = await connect(venue);
    inbox.send(subscribe('BTC/USD'));
    await inbox.until(() => books(inbox).length >= 1, 'the snapshot');
    for (let i = 0; i < 200; i++) venue.step();
    const state = venue.symbol('BTC')!;
    const top = (side: 'bid' | 'ask'): Array<[number, number]> => state.book.levels(side, 25).map(([p, s]) => [Number(p), Number(s)]);
    const book = new GuideBook(25);
    await inbox.until(() => {
      const all = books(inbox);
      if (all.length < 2) return false;
      const copy = new GuideBook(25);
      for (const message of all) copy.apply(message.data[0]!);
      return JSON.stringify(copy.side('bid')) === JSON.stringify(top('bid')) && JSON.stringify(copy.side('ask')) === JSON.stringify(top('ask'));
    }, 'the rebuilt book to reach the venue book');
    let removedInBook = 0;
    for (const message of books(inbox)) {
      const entry = message.data[0]!;
      expect(shapeErrors(message, docExample('kraken', message.type === 'snapshot' ? 'book-snapshot' : 'book-update'))).toEqual([]);
      book.apply(entry);
      expect(entry.checksum).toBe(checksumOf(book.side('ask'), book.side('bid'), pair));
      removedInBook += [...entry.bids, ...entry.asks].filter((level) => level.qty === 0).length;
    }
    expect(removedInBook).toBeGreaterThan(0);
    expect(book.side('bid')).toEqual(top('bid'));
    expect(book.side('ask')).toEqual(top('ask'));
  });

  it('sends qty 0 only for levels gone from the book, never for one that only fell below the depth', () => {
    // One session driven by hand, so each message is checked against the book of that moment.
    const model = new MarketModel(3);
    const protocol = krakenProtocol();
    const state = { base: 'ETH', book: model.openBook('kraken', 'ETH', protocol.bookSpec('ETH')), seq: 0 };
    const sent: string[] = [];
    const client = { send: (data: string | Uint8Array) => void sent.push(String(data)), close: () => undefined, ping: () => undefined };
    const session = protocol.connect(new URL('ws://127.0.0.1/v2'), client, { faults: new FaultSwitches(), symbol: (base) => (base === 'ETH' ? state : undefined) });
    try {
      session.message(JSON.stringify(subscribe('ETH/USD', 10)));
      let deletions = 0;
      for (let i = 0; i < 300; i++) {
        model.step();
        const changes = state.book.moveTo(model.mid('ETH'));
        const before = sent.length;
        session.publish(state, changes, 0);
        for (const text of sent.slice(before)) {
          const entry = (JSON.parse(text) as BookMessage).data[0]!;
          for (const [side, levels] of [['bid', entry.bids], ['ask', entry.asks]] as const) {
            const inBook = new Set(state.book.levels(side).map(([price]) => Number(price)));
            for (const { price, qty } of levels) {
              if (qty !== 0) continue;
              deletions++;
              expect(inBook.has(price)).toBe(false);
            }
          }
        }
      }
      expect(deletions).toBeGreaterThan(0);
    } finally {
      session.close();
    }
  });

  it('answers an unknown pair "Currency pair not supported", and AssetPairs "EQuery:Unknown asset pair"', async () => {
    const venue = await start();
    const inbox = await connect(venue);
    inbox.send(subscribe('NOPE/USD'));
    await inbox.until(() => withMethod(inbox, 'subscribe').length >= 1, 'the subscribe answer');
    const [answer] = withMethod(inbox, 'subscribe');
    expect(shapeErrors(answer, docExample('kraken', 'subscribe-error-not-supported'))).toEqual([]);
    expect(answer).toMatchObject({ error: 'Currency pair not supported NOPE/USD', success: false, symbol: 'NOPE/USD' });
    expect(await assetPairs(venue, 'NOPEUSD')).toEqual(docExample('kraken', 'asset-pairs-unknown'));
  });

  it('serves AssetPairs by result key, altname or wsname, shaped as the doc example', async () => {
    const venue = await start();
    const doc = docExample('kraken', 'asset-pairs') as { result: Record<string, unknown> };
    for (const name of ['XBTUSD', 'XXBTZUSD', 'XBT/USD']) {
      const { error, result } = await assetPairs(venue, encodeURIComponent(name));
      expect(error).toEqual([]);
      expect(Object.keys(result!)).toEqual(['XXBTZUSD']);
      expect(shapeErrors(result!['XXBTZUSD'], doc.result['XXBTZUSD'])).toEqual([]);
      expect(result!['XXBTZUSD']).toMatchObject({ wsname: 'XBT/USD', pair_decimals: 1, lot_decimals: 8, tick_size: '0.1' });
    }
    const { result } = await assetPairs(venue, 'XDGUSD');
    expect(result!['XDGUSD']).toMatchObject({ altname: 'XDGUSD', wsname: 'XDG/USD' });
  });

  it('answers ping with pong, unless the no-pong fault holds', async () => {
    const venue = await start();
    const inbox = await connect(venue);
    inbox.send(docExample('kraken', 'ping'));
    await inbox.until(() => withMethod(inbox, 'pong').length === 1, 'the pong');
    expect(shapeErrors(withMethod(inbox, 'pong')[0], docExample('kraken', 'pong'))).toEqual([]);
    expect(withMethod(inbox, 'pong')[0]!['req_id']).toBe(101);
    venue.faults.hold('no-pong');
    inbox.send({ method: 'ping', req_id: 102 });
    inbox.send(subscribe('BTC/USD'));
    await inbox.until(() => withMethod(inbox, 'subscribe').length === 1, 'the subscription after the unanswered ping');
    expect(withMethod(inbox, 'pong')).toHaveLength(1);
  });

  it('sends heartbeats only while subscribed and otherwise quiet, and none while no-pong holds', async () => {
    const venue = await start(20);
    const inbox = await connect(venue);
    const heartbeats = (): number => inbox.json().filter((f) => shapeErrors(f, docExample('kraken', 'heartbeat')).length === 0 && isRecord(f) && f['channel'] === 'heartbeat').length;
    inbox.send(docExample('kraken', 'ping'));
    await inbox.until(() => withMethod(inbox, 'pong').length === 1, 'the pong');
    expect(heartbeats()).toBe(0);
    inbox.send(subscribe('BTC/USD'));
    await inbox.until(() => heartbeats() >= 3, 'three heartbeats on a quiet book');
    venue.faults.hold('no-pong');
    const before = heartbeats();
    for (let i = 0; i < 3; i++) venue.step();
    await inbox.until(() => books(inbox).length >= 2, 'updates while heartbeats are withheld');
    expect(heartbeats()).toBe(before);
  });

  it('closes a connection silent both ways for about a minute of heartbeat periods', async () => {
    const venue = await start(10);
    const inbox = await connect(venue);
    await inbox.until(() => inbox.closed !== undefined, 'the inactivity close', 3_000);
    expect(inbox.closed).toEqual({ code: 1000, reason: 'inactivity' });
  });

  it('sends a wrong checksum once when the bad-checksum fault is armed, and stops after unsubscribe', async () => {
    const venue = await start();
    const { result } = await assetPairs(venue, 'XBTUSD');
    const inbox = await connect(venue);
    inbox.send(subscribe('BTC/USD'));
    await inbox.until(() => books(inbox).length >= 1, 'the snapshot');
    venue.faults.arm('bad-checksum');
    const book = new GuideBook(25);
    for (let i = 0; i < 20; i++) venue.step();
    await inbox.until(() => books(inbox).length >= 3, 'updates');
    const wrong = books(inbox).filter((message) => {
      book.apply(message.data[0]!);
      return message.data[0]!.checksum !== checksumOf(book.side('ask'), book.side('bid'), result!['XXBTZUSD']!);
    });
    expect(wrong).toHaveLength(1);
    inbox.send({ method: 'unsubscribe', params: { channel: 'book', symbol: ['BTC/USD'], depth: 25 } });
    await inbox.until(() => withMethod(inbox, 'unsubscribe').length === 1, 'the unsubscribe answer');
    expect(shapeErrors(withMethod(inbox, 'unsubscribe')[0], docExample('kraken', 'book-unsubscribe-ack'))).toEqual([]);
    const count = books(inbox).length;
    for (let i = 0; i < 5; i++) venue.step();
    inbox.send(docExample('kraken', 'ping'));
    await inbox.until(() => withMethod(inbox, 'pong').length === 1, 'a pong after the steps');
    expect(books(inbox)).toHaveLength(count);
  });
});
