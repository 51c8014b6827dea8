/**
 * The simulated BingX spot market socket over a real loopback server: gzip frames, the depth
 * streams as whole books, acks and refusals, the heartbeat and the drop of a client that stops
 * answering it, and the symbols endpoint, checked against the doc examples in test/fixtures/bingx.
 */
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MarketModel } from '../../src/sim/market-model.js';
import type { SimulatorOptions } from '../../src/sim/venue-server.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { bingxProtocol } from '../../src/sim/venues/bingx.js';
import { venue } from '../../src/venues/registry.js';
import { docExample, shapeErrors } from '../helpers/doc-shape.js';
import { waitFor } from '../helpers/wait-for.js';
import { WsInbox } from '../helpers/ws-inbox.js';

type Json = Record<string, unknown>;
interface Depth { code: number; dataType: string; data: { bids: string[][]; asks: string[][]; lastUpdateId: number }; timestamp: number }

let server: VenueServer | undefined;
const inboxes: WsInbox[] = [];

/**
 * What the client received, each binary frame gunzipped (every BingX frame is gzip). WsInbox keeps
 * text frames only, so the tests wait on these with waitFor.
 */
class Received {
  readonly messages: Json[] = [];
  binaryFrames = 0;
  textFrames = 0;
  constructor(socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) this.binaryFrames++;
      else this.textFrames++;
      this.messages.push(JSON.parse((isBinary ? gunzipSync(data) : data).toString()) as Json);
    });
  }
  depth(dataType: string): Depth[] {
    return this.messages.filter((m) => m['dataType'] === dataType && 'data' in m) as unknown as Depth[];
  }
  pings(): Json[] {
    return this.messages.filter((m) => 'ping' in m);
  }
  replies(): Json[] {
    return this.messages.filter((m) => 'id' in m);
  }
}

async function open(options: SimulatorOptions = { heartbeatEveryMs: 1_000, minPushIntervalMs: 0 }, path = '/market'): Promise<[VenueServer, WsInbox, Received]> {
  server ??= await new VenueServer(bingxProtocol(options), new MarketModel(9)).listen();
  const inbox = await WsInbox.open(`${server.wsUrl}${path}`);
  inboxes.push(inbox);
  return [server, inbox, new Received(inbox.socket)];
}

const sub = (dataType: string, id = 'id1'): Json => ({ id, reqType: 'sub', dataType });
const numeric = (levels: readonly (readonly string[])[]): number[][] => levels.map(([p, s]) => [Number(p), Number(s)]);

afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
  await server?.close();
  server = undefined;
});

describe('simulated BingX spot market socket', () => {
  it('is registered as bingx, with no protocol fault of its own', () => {
    expect(venue('bingx').simulator().venue).toBe('bingx');
    expect(venue('bingx').simulator().faults).toEqual([]);
  });

  it('acks a depth subscription, then pushes the whole book at once, gzip-compressed', async () => {
    const [sim, inbox, received] = await open();
    inbox.send(docExample('bingx', 'subscribe-depth'));
    inbox.send(sub('BTC-USDT@depth100', 'id2'));
    await waitFor('the depth100 book', () => received.depth('BTC-USDT@depth100').length === 1);
    expect(received.textFrames).toBe(0);
    expect(received.binaryFrames).toBe(received.messages.length);
    const ack = received.replies()[0]!;
    expect(ack).toEqual({ ...(docExample('bingx', 'subscribe-ack') as Json), id: '975f7385-7f28-4ef1-93af-df01cb9ebb53' });
    const push = received.depth('BTC-USDT@depth100')[0]!;
    expect(shapeErrors(push, docExample('bingx', 'depth100-push'))).toEqual([]);
    const book = sim.symbol('BTC')!.book;
    expect(numeric(push.data.bids)).toEqual(numeric(book.levels('bid', 100)));
    // Asks worst first, as the recorded push has them.
    expect(numeric(push.data.asks)).toEqual(numeric(book.levels('ask', 100).reverse()));
    expect(received.depth('BTC-USDT@depth50')[0]!.data.bids).toHaveLength(Math.min(50, book.levels('bid').length));
  });

  it('pushes the latest book once per moment of change, at most once per push interval', async () => {
    const [sim, inbox, received] = await open({ heartbeatEveryMs: 1_000, minPushIntervalMs: 0 });
    inbox.send(sub('BTC-USDT@depth20'));
    await waitFor('the first book', () => received.depth('BTC-USDT@depth20').length === 1);
    sim.step();
    sim.step();
    await waitFor('one book for both steps', () => received.depth('BTC-USDT@depth20').length === 2);
    expect(numeric(received.depth('BTC-USDT@depth20')[1]!.data.bids)).toEqual(numeric(sim.symbol('BTC')!.book.levels('bid', 20)));
    sim.step();
    await waitFor('a book for the next step', () => received.depth('BTC-USDT@depth20').length === 3);
    await server!.close();
    server = undefined;
    const [slow, slowInbox, slowReceived] = await open({ heartbeatEveryMs: 1_000, minPushIntervalMs: 60_000 });
    slowInbox.send(sub('BTC-USDT@depth20'));
    await waitFor('the first book', () => slowReceived.depth('BTC-USDT@depth20').length === 1);
    slow.step();
    slowInbox.send(sub('ETH-USDT@depth20', 'id2'));
    await waitFor('the ETH book', () => slowReceived.depth('ETH-USDT@depth20').length === 1);
    expect(slowReceived.depth('BTC-USDT@depth20')).toHaveLength(1);
  });

  it('refuses an unknown symbol or stream with 80015, a malformed request with 100400; unsub stops the pushes', async () => {
    const [sim, inbox, received] = await open();
    inbox.send(sub('NOPE-USDT@depth100', 'a'));
    inbox.send(sub('BTC-USDT@depth30', 'b'));
    inbox.send({ id: 'c', dataType: 'BTC-USDT@depth100' });
    await waitFor('three answers', () => received.replies().length === 3);
    expect(received.replies()[0]).toEqual({ ...(docExample('bingx', 'error-datatype-not-supported') as Json), id: 'a' });
    expect(received.replies().map((r) => r['code'])).toEqual([80015, 80015, 100400]);
    inbox.send(sub('BTC-USDT@depth5', 'd'));
    await waitFor('the book', () => received.depth('BTC-USDT@depth5').length === 1);
    inbox.send({ id: 'e', reqType: 'unsub', dataType: 'BTC-USDT@depth5' });
    await waitFor('the unsub ack', () => received.replies().length === 5);
    sim.step();
    sim.step();
    inbox.send(sub('ETH-USDT@depth5', 'f'));
    await waitFor('the ETH book', () => received.depth('ETH-USDT@depth5').length === 1);
    expect(received.depth('BTC-USDT@depth5')).toHaveLength(1);
  });

  it('pings in the spot doc form, keeps a client that answers and drops one that does not', async () => {
    const options = { heartbeatEveryMs: 20, minPushIntervalMs: 0 };
    const openedAt = Date.now();
    const [, silent, silentReceived] = await open(options);
    const [, answering, answeringReceived] = await open(options);
    answering.socket.on('message', (data: Buffer) => {
      const message = JSON.parse(gunzipSync(data).toString()) as Json;
      if ('ping' in message) answering.send({ pong: message['ping'], time: message['time'] });
    });
    await waitFor('the silent client to be dropped', () => silent.closed !== undefined, 2_000);
    expect(silent.closed?.reason).toBe('no pong');
    // Six ping periods without an answer (the live server's 30 s at 5 s pings), not sooner.
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(6 * 20);
    expect(silentReceived.pings().length).toBeGreaterThanOrEqual(1);
    expect(shapeErrors(silentReceived.pings()[0], docExample('bingx', 'ping'))).toEqual([]);
    await waitFor('twice the pings of the window to the answering client', () => answeringReceived.pings().length >= 12);
    expect(answering.closed).toBeUndefined();
  });

  it('also takes the plain-text "Pong" as an answer', async () => {
    const [, inbox, received] = await open({ heartbeatEveryMs: 20, minPushIntervalMs: 0 });
    inbox.socket.on('message', () => inbox.send('Pong'));
    await waitFor('twice the pings of the window', () => received.pings().length >= 12);
    expect(inbox.closed).toBeUndefined();
  });

  it('closes a connection made to another path', async () => {
    const [, inbox] = await open(undefined, '/ws');
    await waitFor('the close', () => inbox.closed !== undefined);
    expect(inbox.closed?.code).toBe(1008);
  });

  it('serves the symbols endpoint with the doc fields; an unknown pair is not in the list', async () => {
    const [sim] = await open();
    const get = async (query: string): Promise<Json> => (await (await fetch(`${sim.httpUrl}/openApi/spot/v1/common/symbols?${query}`)).json()) as Json;
    const known = await get(`symbol=BTC-USDT&timestamp=${Date.now()}`);
    expect(shapeErrors(known, docExample('bingx', 'symbols-btc-usdt'))).toEqual([]);
    expect(known).toMatchObject({ code: 0, data: { symbols: [{ symbol: 'BTC-USDT', tickSize: 0.01, stepSize: 0.000001, status: 1 }] } });
    expect(await get(`symbol=NOPE-USDT&timestamp=${Date.now()}`)).toMatchObject({ code: 0, data: { symbols: [] } });
    expect(await get('symbol=BTC-USDT')).toMatchObject({ code: 100421 });
  });
});
