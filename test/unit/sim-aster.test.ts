/**
 * The simulated Aster venue: the shared futures encoder with Aster's facts. What differs from
 * Binance USDⓈ-M is checked here: no route split, the v3 REST paths, the 5-minute ping and
 * 15-minute pong deadline, and at most 200 streams per connection.
 * github.com/asterdex/api-docs "V3(Recommended)/EN/aster-finance-futures-api-v3.md"
 */
import WebSocket from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer, type SimulatorOptions } from '../../src/sim/venue-server.js';
import { asterProtocol } from '../../src/sim/venues/aster.js';
import { venue as registered } from '../../src/venues/registry.js';
import { docExample, shapeErrors } from '../helpers/doc-shape.js';
import { WsInbox } from '../helpers/ws-inbox.js';

let server: VenueServer | undefined;
const inboxes: WsInbox[] = [];
const sockets: WebSocket[] = [];

async function start(options?: SimulatorOptions): Promise<VenueServer> {
  server = await new VenueServer(asterProtocol(options), new MarketModel(7)).listen();
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

function updates(inbox: WsInbox): Record<string, unknown>[] {
  return inbox.json().filter((frame): frame is Record<string, unknown> => isRecord(frame) && frame['e'] === 'depthUpdate');
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = undefined;
});

describe('simulated Aster', () => {
  it('is registered as aster', () => {
    expect(registered('aster').simulator().venue).toBe('aster');
  });

  it('streams documented depthUpdate events at /ws, with no /public route', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/ws/btcusdt@depth@100ms');
    const routed = await connect(venue, '/public/ws/btcusdt@depth@100ms');
    venue.step();
    venue.step();
    await inbox.until(() => updates(inbox).length >= 2, 'two depthUpdate events');
    for (const event of updates(inbox)) expect(shapeErrors(event, docExample('aster', 'diff-depth-update'))).toEqual([]);
    const [first, second] = updates(inbox);
    expect(second!['pu']).toBe(first!['u']);
    await routed.until(() => routed.closed !== undefined, 'the unknown path to be closed');
  });

  it('serves /fapi/v3/depth and /fapi/v3/exchangeInfo in the doc shapes, and not the v1 paths', async () => {
    const venue = await start();
    const depth = await fetch(`${venue.httpUrl}/fapi/v3/depth?symbol=BTCUSDT&limit=1000`);
    expect(shapeErrors(await depth.json(), docExample('aster', 'rest-depth'))).toEqual([]);
    const unknown = await fetch(`${venue.httpUrl}/fapi/v3/depth?symbol=NOPEUSDT&limit=1000`);
    expect([unknown.status, await unknown.json()]).toEqual([400, docExample('aster', 'rest-error-invalid-symbol')]);
    const info = (await (await fetch(`${venue.httpUrl}/fapi/v3/exchangeInfo`)).json()) as { symbols: Record<string, unknown>[] };
    const [docSymbol] = (docExample('aster', 'exchange-info') as { symbols: Record<string, unknown>[] }).symbols;
    const fields = ['symbol', 'pair', 'contractType', 'status', 'baseAsset', 'quoteAsset', 'marginAsset', 'pricePrecision', 'quantityPrecision'];
    expect(shapeErrors(info.symbols[0], Object.fromEntries(fields.map((f) => [f, docSymbol![f]])))).toEqual([]);
    expect((await fetch(`${venue.httpUrl}/fapi/v1/depth?symbol=BTCUSDT`)).status).toBe(404);
  });

  it('ends a connection that listens to more than 200 streams', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/ws');
    inbox.send({ method: 'SUBSCRIBE', params: Array.from({ length: 200 }, (_, i) => `sym${i}usdt@depth`), id: 1 });
    await inbox.until(() => inbox.json().some((f) => isRecord(f) && f['id'] === 1), 'the answer for 200 streams');
    expect(inbox.json()).toContainEqual(docExample('aster', 'subscribe-response'));
    inbox.send({ method: 'SUBSCRIBE', params: ['btcusdt@depth'], id: 2 });
    await inbox.until(() => inbox.closed !== undefined, 'the connection to end');
    expect(inbox.closed?.code).toBe(1008);
  });

  it('pings every 5 minutes', async () => {
    const venue = await start();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const inbox = await connect(venue, '/ws/btcusdt@depth');
    vi.advanceTimersByTime(5 * 60_000 - 1);
    venue.step();
    await inbox.until(() => updates(inbox).length === 1, 'an event before the first ping');
    expect(inbox.pings).toBe(0);
    vi.advanceTimersByTime(1);
    await inbox.until(() => inbox.pings === 1, 'the first ping');
  });

  it('drops a client that does not answer its pings', async () => {
    const venue = await start({ heartbeatEveryMs: 50 });
    const silent = new WebSocket(`${venue.wsUrl}/ws/btcusdt@depth`, { autoPong: false });
    sockets.push(silent);
    expect(await new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)))).toBe(1008);
  });
});
