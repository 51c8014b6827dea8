/**
 * The simulated Binance USDⓈ-M venue over a real loopback server: its frames have the doc
 * examples' shape, its ids chain by `pu` and jump as the venue's do, depth streams live on the
 * /public route only, the doc's local-book procedure rebuilds its book, and it keeps the venue's
 * ping, pong deadline and 24-hour connection lifetime.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 */
import WebSocket from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { binanceUsdmProtocol } from '../../src/sim/venues/binance-usdm.js';
import type { SimulatorOptions } from '../../src/sim/venue-server.js';
import { docExample, shapeErrors } from '../helpers/doc-shape.js';
import { WsInbox } from '../helpers/ws-inbox.js';

type Level = [string, string];
interface DepthUpdate { e: 'depthUpdate'; E: number; T: number; s: string; U: number; u: number; pu: number; b: Level[]; a: Level[] }
interface Snapshot { lastUpdateId: number; bids: Level[]; asks: Level[] }

let server: VenueServer | undefined;
const inboxes: WsInbox[] = [];
const sockets: WebSocket[] = [];

async function start(options?: SimulatorOptions): Promise<VenueServer> {
  server = await new VenueServer(binanceUsdmProtocol(options), new MarketModel(7)).listen();
  return server;
}

async function connect(venue: VenueServer, path: string): Promise<WsInbox> {
  const inbox = await WsInbox.open(venue.wsUrl + path);
  inboxes.push(inbox);
  return inbox;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function updates(inbox: WsInbox): DepthUpdate[] {
  return inbox.json().flatMap((frame) => {
    const event = isRecord(frame) && 'stream' in frame ? frame['data'] : frame;
    return isRecord(event) && event['e'] === 'depthUpdate' ? [event as unknown as DepthUpdate] : [];
  });
}

/** The listed fields of the Exchange Information doc example's symbol (Binance's layout, as Aster's doc prints it). */
function docSymbol(fields: readonly string[]): Record<string, unknown> {
  const [symbol] = (docExample('aster', 'exchange-info') as { symbols: Record<string, unknown>[] }).symbols;
  return Object.fromEntries(fields.map((field) => [field, symbol![field]]));
}

async function get(venue: VenueServer, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${venue.httpUrl}${path}`);
  return { status: response.status, body: await response.json() };
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = undefined;
});

describe('simulated Binance USDⓈ-M', () => {
  it('streams documented depthUpdate events on /public whose pu chains and whose ids jump', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/public/ws/btcusdt@depth@100ms');
    for (let i = 0; i < 3; i++) venue.step();
    await inbox.until(() => updates(inbox).length >= 3, 'three depthUpdate events');
    const events = updates(inbox);
    for (const [i, event] of events.entries()) {
      expect(shapeErrors(event, docExample('binance-usdm', 'diff-depth-update'))).toEqual([]);
      expect(event.s).toBe('BTCUSDT');
      expect(event.u).toBeGreaterThanOrEqual(event.U);
      // Ids are shared by all symbols on the venue: one symbol's next event never starts at u + 1.
      expect(event.U).toBeGreaterThan(event.pu + 1);
      if (i > 0) expect(event.pu).toBe(events[i - 1]!.u);
      // Prices print with pricePrecision (BTCUSDT: 2, tick 0.10), quantities with quantityPrecision (3).
      for (const [price, size] of [...event.b, ...event.a]) expect(`${price} ${size}`).toMatch(/^\d+\.\d0 \d+\.\d{3}$/);
    }
  });

  it('routes depth to /public and the unrouted path, and carries none of it on /market', async () => {
    const venue = await start();
    const market = await connect(venue, '/market/ws/btcusdt@depth@100ms');
    const legacy = await connect(venue, '/ws/btcusdt@depth');
    const combined = await connect(venue, '/public/stream?streams=btcusdt@depth/ethusdt@depth@500ms');
    venue.step();
    venue.step();
    await combined.until(() => updates(combined).length >= 4, 'two BTC and two ETH events');
    await legacy.until(() => updates(legacy).length >= 2, 'two events on the unrouted path');
    for (const frame of combined.json()) expect(shapeErrors(frame, { stream: '', data: {} })).toEqual([]);
    expect(new Set(updates(combined).map((e) => e.s))).toEqual(new Set(['BTCUSDT', 'ETHUSDT']));
    expect(market.texts).toEqual([]);
    expect(market.closed).toBeUndefined();
  });

  it('lets the doc procedure (REST snapshot + buffered events) rebuild the venue book exactly', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/public/ws/btcusdt@depth@100ms');
    venue.step();
    venue.step();
    await inbox.until(() => updates(inbox).length >= 2, 'two buffered events');
    const { status, body } = await get(venue, '/fapi/v1/depth?symbol=BTCUSDT&limit=1000');
    expect(status).toBe(200);
    expect(shapeErrors(body, docExample('binance-usdm', 'rest-depth'))).toEqual([]);
    const snapshot = body as Snapshot;
    for (let i = 0; i < 4; i++) venue.step();
    await inbox.until(() => updates(inbox).length >= 6, 'four more events');

    const book = { b: new Map(snapshot.bids), a: new Map(snapshot.asks) };
    let id = snapshot.lastUpdateId;
    let first = true;
    for (const event of updates(inbox)) {
      if (event.u < id) continue;
      // Step 5 on the first event, step 6 after it.
      if (first) expect(event.U <= id && event.u >= id).toBe(true);
      else expect(event.pu).toBe(id);
      first = false;
      for (const side of ['b', 'a'] as const) {
        for (const [price, size] of event[side]) {
          if (Number(size) === 0) book[side].delete(price);
          else book[side].set(price, size);
        }
      }
      id = event.u;
    }
    const state = venue.symbol('BTC')!;
    expect([...book.b].sort((x, y) => Number(y[0]) - Number(x[0]))).toEqual(state.book.levels('bid'));
    expect([...book.a].sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual(state.book.levels('ask'));
  });

  it('answers an unknown symbol with HTTP 400 -1121 and lists tick and lot in exchangeInfo', async () => {
    const venue = await start();
    const unknown = await get(venue, '/fapi/v1/depth?symbol=NOPEUSDT&limit=1000');
    expect(unknown).toEqual({ status: 400, body: docExample('binance-usdm', 'rest-error-invalid-symbol') });
    const { body } = await get(venue, '/fapi/v1/exchangeInfo');
    const btc = (body as { symbols: { symbol: string; filters: Record<string, string>[] }[] }).symbols.find((s) => s.symbol === 'BTCUSDT');
    expect(shapeErrors(btc, docSymbol(['symbol', 'pair', 'contractType', 'status', 'baseAsset', 'quoteAsset', 'pricePrecision', 'quantityPrecision']))).toEqual([]);
    const [priceFilter, lotSize] = docSymbol(['filters'])['filters'] as unknown[];
    expect([shapeErrors(btc?.filters[0], priceFilter), shapeErrors(btc?.filters[1], lotSize)]).toEqual([[], []]);
    expect(btc?.filters.map((f) => f['tickSize'] ?? f['stepSize'])).toEqual(['0.10', '0.001']);
    expect((await fetch(`${venue.httpUrl}/api/v3/depth?symbol=BTCUSDT`)).status).toBe(404);
  });

  it('leaves a hole in the pu chain when the gap fault fires', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/public/ws/btcusdt@depth@100ms');
    venue.step();
    await inbox.until(() => updates(inbox).length >= 1, 'the first event');
    venue.faults.arm('gap');
    venue.step();
    venue.step();
    await inbox.until(() => updates(inbox).length >= 2, 'the event after the gap');
    const [first, second] = updates(inbox);
    expect(second!.pu).toBeGreaterThan(first!.u);
  });

  it('answers SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS and bad JSON as documented', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/public/ws');
    const reply = (id: number): unknown => inbox.json().find((f) => isRecord(f) && f['id'] === id);
    inbox.send(docExample('binance-usdm', 'subscribe-request'));
    await inbox.until(() => reply(1) !== undefined, 'the SUBSCRIBE answer');
    expect(reply(1)).toEqual(docExample('binance-usdm', 'subscribe-response'));
    inbox.send({ method: 'UNSUBSCRIBE', params: ['btcusdt@aggTrade'], id: 2 });
    inbox.send({ method: 'LIST_SUBSCRIPTIONS', id: 3 });
    await inbox.until(() => reply(3) !== undefined, 'the LIST_SUBSCRIPTIONS answer');
    expect(reply(3)).toEqual({ result: ['btcusdt@depth'], id: 3 });
    inbox.send('not json');
    await inbox.until(() => inbox.json().some((f) => isRecord(f) && f['code'] === 3), 'the bad-JSON error');
    expect(shapeErrors(inbox.json().at(-1), docExample('binance-usdm', 'ws-error-too-many-parameters'))).toEqual([]);
  });
});

describe('simulated Binance USDⓈ-M heartbeat and lifetime', () => {
  it('pings every 3 minutes and ends a connection at the 24-hour mark', async () => {
    const venue = await start();
    // Timers only: Date stays real, so the pong deadline sees each pong arrive in time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const inbox = await connect(venue, '/public/ws/btcusdt@depth');
    for (let ping = 1; ping < 480; ping++) {
      vi.advanceTimersByTime(3 * 60_000);
      await inbox.until(() => inbox.pings === ping, `ping #${ping}`);
    }
    expect(inbox.closed).toBeUndefined();
    vi.advanceTimersByTime(3 * 60_000);
    await inbox.until(() => inbox.closed !== undefined, 'the end of the connection');
    expect(inbox.closed?.code).toBe(1000);
  });

  it('drops a client that does not answer its pings, and keeps one that does', async () => {
    const venue = await start({ heartbeatEveryMs: 50 });
    const answering = await connect(venue, '/public/ws/btcusdt@depth');
    const silent = new WebSocket(`${venue.wsUrl}/public/ws/btcusdt@depth`, { autoPong: false });
    sockets.push(silent);
    const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
    expect(await closed).toBe(1008);
    await answering.until(() => answering.pings >= 12, 'pings well past the pong deadline');
    expect(answering.closed).toBeUndefined();
  });
});
