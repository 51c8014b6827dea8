/**
 * The simulated Bybit v5 public streams (spot and linear) over a real loopback server: acks,
 * pongs, snapshots and deltas in the doc examples' shapes (test/fixtures/bybit*), the top-50
 * view kept by deltas, `u` continuity and the gap fault, the idle cut-off, and instruments-info.
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook, .../v5/ws/connect
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { bybitLinearProtocol, bybitSpotProtocol } from '../../src/sim/venues/bybit.js';
import { venue as registered } from '../../src/venues/registry.js';
import { docExample, shapeErrors } from '../helpers/doc-shape.js';
import { WsInbox } from '../helpers/ws-inbox.js';

type Venue = 'bybit' | 'bybit-linear';
type Level = [string, string];
interface BookMessage { topic: string; type: string; ts: number; data: { s: string; b: Level[]; a: Level[]; u: number; seq: number }; cts: number }

let server: VenueServer | undefined;
const inboxes: WsInbox[] = [];

const PROTOCOLS = { bybit: bybitSpotProtocol, 'bybit-linear': bybitLinearProtocol } as const;
const PATHS = { bybit: '/v5/public/spot', 'bybit-linear': '/v5/public/linear' } as const;

async function open(venue: Venue, heartbeatEveryMs?: number): Promise<[VenueServer, WsInbox]> {
  server = await new VenueServer(PROTOCOLS[venue](heartbeatEveryMs === undefined ? {} : { heartbeatEveryMs }), new MarketModel(5)).listen();
  const inbox = await WsInbox.open(`${server.wsUrl}${PATHS[venue]}`);
  inboxes.push(inbox);
  return [server, inbox];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const books = (inbox: WsInbox): BookMessage[] => inbox.json().filter((f): f is BookMessage => isRecord(f) && typeof f['topic'] === 'string');
const answers = (inbox: WsInbox, op: string): Array<Record<string, unknown>> => inbox.json().filter((f): f is Record<string, unknown> => isRecord(f) && f['op'] === op);
const subscribe = (...args: string[]): unknown => ({ op: 'subscribe', args });

/** A client's book, kept by the doc's rules: replace on snapshot, set or delete ("0") on delta. */
function replay(messages: readonly BookMessage[]): { bids: Map<number, number>; asks: Map<number, number> } {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  for (const { type, data } of messages) {
    if (type === 'snapshot') {
      bids.clear();
      asks.clear();
    }
    for (const [side, levels] of [[bids, data.b], [asks, data.a]] as const) {
      for (const [price, size] of levels) {
        if (Number(size) === 0) side.delete(Number(price));
        else side.set(Number(price), Number(size));
      }
    }
  }
  return { bids, asks };
}

const sorted = (side: Map<number, number>, descending: boolean): number[][] => [...side].sort((x, y) => (descending ? y[0]! - x[0]! : x[0]! - y[0]!));
const numeric = (levels: ReadonlyArray<readonly [string, string]>): number[][] => levels.map(([p, s]) => [Number(p), Number(s)]);

afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
  await server?.close();
  server = undefined;
});

describe.each(['bybit', 'bybit-linear'] as const)('simulated %s', (venue) => {
  it('is the registered simulator of its venue', () => {
    expect(registered(venue).simulator().venue).toBe(venue);
  });

  it('acks, then sends the top 50 as a snapshot in the doc shape', async () => {
    const [sim, inbox] = await open(venue);
    inbox.send(subscribe('orderbook.50.BTCUSDT'));
    await inbox.until(() => books(inbox).length === 1, 'the snapshot');
    const [ack] = answers(inbox, 'subscribe');
    expect(shapeErrors(ack, docExample(venue, 'subscribe-response'))).toEqual([]);
    expect(ack).toMatchObject({ success: true, ret_msg: venue === 'bybit' ? 'subscribe' : '', req_id: '', op: 'subscribe' });
    const [snapshot] = books(inbox);
    expect(shapeErrors(snapshot, docExample(venue, 'orderbook-snapshot'))).toEqual([]);
    expect(snapshot).toMatchObject({ topic: 'orderbook.50.BTCUSDT', type: 'snapshot', data: { s: 'BTCUSDT' } });
    const book = sim.symbol('BTC')!.book;
    expect(snapshot!.data.b).toHaveLength(50);
    expect(numeric(snapshot!.data.b)).toEqual(numeric(book.levels('bid', 50)));
    expect(numeric(snapshot!.data.a)).toEqual(numeric(book.levels('ask', 50)));
  });

  it('keeps the top 50 by deltas whose u grows by one, and the client book equals it after many moves', async () => {
    const [sim, inbox] = await open(venue);
    inbox.send(subscribe('orderbook.50.BTCUSDT'));
    await inbox.until(() => books(inbox).length === 1, 'the snapshot');
    for (let i = 0; i < 200; i++) sim.step();
    const seq = sim.symbol('BTC')!.seq;
    await inbox.until(() => books(inbox).at(-1)?.data.seq === seq, 'the delta of the last move');
    const messages = books(inbox);
    expect(messages.slice(1).every((m) => m.type === 'delta')).toBe(true);
    messages.slice(1).forEach((m, i) => expect(m.data.u).toBe(messages[i]!.data.u + 1));
    expect(shapeErrors(messages[1], docExample(venue, 'orderbook-delta'))).toEqual([]);
    const book = sim.symbol('BTC')!.book;
    const client = replay(messages);
    expect(sorted(client.bids, true)).toEqual(numeric(book.levels('bid', 50)));
    expect(sorted(client.asks, false)).toEqual(numeric(book.levels('ask', 50)));
  });

  it('loses one delta on the gap fault, and a resubscription brings a fresh snapshot on the same socket', async () => {
    const [sim, inbox] = await open(venue);
    inbox.send(subscribe('orderbook.50.BTCUSDT'));
    await inbox.until(() => books(inbox).length === 1, 'the snapshot');
    sim.faults.arm('gap');
    for (let i = 0; i < 20; i++) sim.step();
    await inbox.until(() => books(inbox).at(-1)?.data.seq === sim.symbol('BTC')!.seq, 'the later deltas');
    const us = books(inbox).map((m) => m.data.u);
    expect(us.slice(1).some((u, i) => u === us[i]! + 2)).toBe(true);

    inbox.send({ op: 'unsubscribe', args: ['orderbook.50.BTCUSDT'] });
    inbox.send(subscribe('orderbook.50.BTCUSDT'));
    await inbox.until(() => books(inbox).filter((m) => m.type === 'snapshot').length === 2, 'the second snapshot');
    const second = books(inbox).at(-1)!;
    expect(second.data.u).toBe(us.at(-1));
    expect(answers(inbox, 'unsubscribe')[0]).toMatchObject({ success: true, op: 'unsubscribe' });
  });

  it('answers {"op":"ping"} with its category pong, and not at all on no-pong', async () => {
    const [sim, inbox] = await open(venue);
    inbox.send(docExample(venue, 'ping'));
    await inbox.until(() => answers(inbox, 'ping').length === 1, 'the pong');
    const [pong] = answers(inbox, 'ping');
    expect(shapeErrors(pong, docExample(venue, 'pong'))).toEqual([]);
    expect(Object.keys(pong!)).toEqual(Object.keys(docExample(venue, 'pong') as object));
    sim.faults.hold('no-pong');
    inbox.send({ op: 'ping' });
    inbox.send(subscribe('orderbook.50.ETHUSDT'));
    await inbox.until(() => answers(inbox, 'subscribe').length === 1, 'the ack after the unanswered ping');
    expect(answers(inbox, 'ping')).toHaveLength(1);
  });

  it('refuses an unknown symbol and a second subscription of the same topic', async () => {
    const [, inbox] = await open(venue);
    inbox.send(subscribe('orderbook.50.NOPEUSDT'));
    inbox.send(subscribe('orderbook.50.BTCUSDT'));
    inbox.send(subscribe('orderbook.50.BTCUSDT'));
    await inbox.until(() => answers(inbox, 'subscribe').length === 3, 'three answers');
    const [unknown, ok, twice] = answers(inbox, 'subscribe');
    expect(unknown).toMatchObject({ success: false, ret_msg: venue === 'bybit' ? 'Invalid symbol :[orderbook.50.NOPEUSDT]' : 'error:handler not found,topic:orderbook.50.NOPEUSDT' });
    expect(ok).toMatchObject({ success: true });
    expect(twice).toMatchObject({ success: false, ret_msg: 'error:already subscribed,topic:orderbook.50.BTCUSDT' });
  });

  it('cuts off a client that stops pinging after 30 ping periods, and keeps one that pings', async () => {
    const [, quiet] = await open(venue, 20);
    const pinging = await WsInbox.open(`${server!.wsUrl}${PATHS[venue]}`);
    inboxes.push(pinging);
    const timer = setInterval(() => pinging.send({ op: 'ping' }), 100);
    try {
      const start = Date.now();
      await quiet.until(() => quiet.closed !== undefined, 'the idle cut-off', 3_000);
      expect(Date.now() - start).toBeGreaterThanOrEqual(550);
      expect(pinging.closed).toBeUndefined();
    } finally {
      clearInterval(timer);
    }
  });

  it('serves instruments-info in the doc shape, and an empty list for a symbol it does not list', async () => {
    const [sim] = await open(venue);
    const category = venue === 'bybit' ? 'spot' : 'linear';
    const get = async (query: string): Promise<unknown> => (await fetch(`${sim.httpUrl}/v5/market/instruments-info?${query}`)).json();
    const listed = (await get(`category=${category}&symbol=BTCUSDT`)) as { result: { list: Array<Record<string, unknown>> } };
    expect(shapeErrors(listed, docExample(venue, 'instruments-info'))).toEqual([]);
    expect(listed.result.list).toHaveLength(1);
    const tick = (listed.result.list[0]!['priceFilter'] as { tickSize: string }).tickSize;
    expect(Number(tick)).toBeCloseTo(sim.symbol('BTC')!.book.tickSize, 12);
    expect(await get(`category=${category}&symbol=NOPEUSDT`)).toMatchObject({ retCode: 0, result: { list: [] } });
    expect(await get('category=inverse&symbol=BTCUSD')).toMatchObject({ retCode: 10001 });
  });
});

describe('simulated Bybit, what differs by category', () => {
  it('spot prints numbers without trailing zeros and ts before type; linear at the pair scale, type first', async () => {
    for (const venue of ['bybit', 'bybit-linear'] as const) {
      const [, inbox] = await open(venue);
      inbox.send(subscribe('orderbook.50.BTCUSDT'));
      await inbox.until(() => books(inbox).length === 1, 'the snapshot');
      const raw = inbox.texts.find((t) => t.includes('"topic"'))!;
      const prices = books(inbox)[0]!.data.b.map(([price]) => price);
      if (venue === 'bybit') {
        expect(raw.indexOf('"ts"')).toBeLessThan(raw.indexOf('"type"'));
        for (const price of prices) expect(price).toMatch(/^\d+(\.\d*[1-9])?$/);
      } else {
        expect(raw.indexOf('"type"')).toBeLessThan(raw.indexOf('"ts"'));
        for (const price of prices) expect(price).toMatch(/^\d+\.\d0$/);
      }
      await inboxes.pop()!.close();
      await server!.close();
      server = undefined;
    }
  });

  it('spot refuses more than 10 args in one request; linear takes them', async () => {
    const args = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'AVAX', 'LINK', 'HYPE'].flatMap((base) => [`orderbook.50.${base}USDT`, `orderbook.200.${base}USDT`]);
    const [, spot] = await open('bybit');
    spot.send(subscribe(...args));
    await spot.until(() => answers(spot, 'subscribe').length === 1, 'the spot answer');
    expect(answers(spot, 'subscribe')[0]).toMatchObject({ success: false });
    expect(books(spot)).toHaveLength(0);
    await inboxes.pop()!.close();
    await server!.close();

    const [, linear] = await open('bybit-linear');
    linear.send(subscribe(...args));
    await linear.until(() => books(linear).length === args.length, 'a snapshot per topic');
    expect(answers(linear, 'subscribe')[0]).toMatchObject({ success: true });
  });
});
