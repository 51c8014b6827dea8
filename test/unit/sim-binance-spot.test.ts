/**
 * The simulated Binance spot venue over a real loopback server: frames must have the doc
 * examples' shape, ids must chain, and the doc's local-book procedure must rebuild the venue's book.
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { binanceSpotProtocol } from '../../src/sim/venues/binance-spot.js';
import { venue } from '../../src/venues/registry.js';
import { docExample, shapeErrors } from '../helpers/doc-shape.js';
import { WsInbox } from '../helpers/ws-inbox.js';

type Level = [string, string];
interface DepthUpdate { e: 'depthUpdate'; E: number; s: string; U: number; u: number; b: Level[]; a: Level[] }
interface Snapshot { lastUpdateId: number; bids: Level[]; asks: Level[] }

let server: VenueServer | undefined;
const inboxes: WsInbox[] = [];

async function start(): Promise<VenueServer> {
  server = await new VenueServer(binanceSpotProtocol(), new MarketModel(7)).listen();
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

/** The depthUpdate events received (raw or unwrapped from a combined stream). */
function updates(inbox: WsInbox): DepthUpdate[] {
  return inbox.json().flatMap((frame) => {
    const event = isRecord(frame) && 'stream' in frame ? frame['data'] : frame;
    return isRecord(event) && event['e'] === 'depthUpdate' ? [event as unknown as DepthUpdate] : [];
  });
}

/** Every key of the doc's example, with its JSON type, in every event. */
function expectDocShape(events: readonly DepthUpdate[]): void {
  for (const event of events) expect(shapeErrors(event, docExample('binance', 'diff-depth-update'))).toEqual([]);
}

/** The REST doc's example prints every price and quantity with 8 decimals ("4.00000200", "431.00000000"). */
function pad8([price, size]: readonly [string, string]): Level {
  const pad = (value: string): string => {
    const [whole, fraction = ''] = value.split('.');
    return `${whole}.${fraction.padEnd(8, '0')}`;
  };
  return [pad(price), pad(size)];
}

async function depth(venue: VenueServer, query: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${venue.httpUrl}/api/v3/depth?${query}`);
  return { status: response.status, body: await response.json() };
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
  await server?.close();
  server = undefined;
});

describe('simulated Binance spot', () => {
  it('is registered as binance', () => {
    expect(venue('binance').simulator().venue).toBe('binance');
  });

  it('streams documented depthUpdate events whose ids chain and end at the venue seq', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/ws/btcusdt@depth@100ms');
    for (let i = 0; i < 3; i++) venue.step();
    await inbox.until(() => updates(inbox).length >= 3, 'three depthUpdate events');
    const events = updates(inbox);
    expectDocShape(events);
    for (const [i, event] of events.entries()) {
      expect(event.s).toBe('BTCUSDT');
      expect(event.u).toBeGreaterThanOrEqual(event.U);
      if (i > 0) expect(event.U).toBe(events[i - 1]!.u + 1);
      for (const [price, size] of [...event.b, ...event.a]) expect(`${price} ${size}`).toMatch(/^\d+\.\d{8} \d+\.\d{8}$/);
    }
    expect(events.at(-1)?.u).toBe(venue.symbol('BTC')?.seq);
  });

  it('lets the doc procedure (REST snapshot + buffered events) rebuild the venue book exactly', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/ws/btcusdt@depth');
    venue.step();
    venue.step();
    await inbox.until(() => updates(inbox).length >= 2, 'two buffered events');
    const { status, body } = await depth(venue, 'symbol=BTCUSDT&limit=5000');
    expect(status).toBe(200);
    expect(shapeErrors(body, docExample('binance', 'rest-depth'))).toEqual([]);
    const snapshot = body as Snapshot;
    expect(snapshot.lastUpdateId).toBe(updates(inbox)[1]?.u);
    for (let i = 0; i < 4; i++) venue.step();
    await inbox.until(() => updates(inbox).length >= 6, 'four more events');

    const book = { b: new Map(snapshot.bids), a: new Map(snapshot.asks) };
    let id = snapshot.lastUpdateId;
    for (const event of updates(inbox)) {
      if (event.u <= id) continue;
      expect(event.U).toBe(id + 1);
      for (const side of ['b', 'a'] as const) {
        for (const [price, size] of event[side]) {
          if (Number(size) === 0) book[side].delete(price);
          else book[side].set(price, size);
        }
      }
      id = event.u;
    }
    const state = venue.symbol('BTC')!;
    expect(id).toBe(state.seq);
    expect([...book.b].sort((x, y) => Number(y[0]) - Number(x[0]))).toEqual(state.book.levels('bid').map(pad8));
    expect([...book.a].sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual(state.book.levels('ask').map(pad8));

    const top = (await depth(venue, 'symbol=BTCUSDT&limit=5')).body as Snapshot;
    expect(top.bids).toEqual(state.book.levels('bid', 5).map(pad8));
    expect(top.asks).toEqual(state.book.levels('ask', 5).map(pad8));
  });

  it('wraps combined streams and keeps an unknown symbol silent', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/stream?streams=btcusdt@depth/foousdt@depth@100ms/ethusdt@depth@100ms');
    venue.step();
    venue.step();
    const streams = (): string[] => inbox.json().map((frame) => (isRecord(frame) ? String(frame['stream']) : ''));
    await inbox.until(() => streams().filter((s) => s.startsWith('ethusdt')).length >= 2 && streams().filter((s) => s.startsWith('btcusdt')).length >= 2, 'two BTC and two ETH events');
    expect(new Set(streams())).toEqual(new Set(['btcusdt@depth', 'ethusdt@depth@100ms']));
    for (const frame of inbox.json()) expect(shapeErrors(frame, { stream: '', data: {} })).toEqual([]);
    expectDocShape(updates(inbox));
    expect(updates(inbox).map((e) => e.s).sort()).toEqual(['BTCUSDT', 'BTCUSDT', 'ETHUSDT', 'ETHUSDT']);
  });

  it('answers REST for an unknown or unlisted symbol with HTTP 400 -1121, and lowercase with -1100', async () => {
    const venue = await start();
    for (const symbol of ['FOOUSDT', 'HYPEUSDT']) {
      const { status, body } = await depth(venue, `symbol=${symbol}`);
      expect(status).toBe(400);
      expect(body).toEqual(docExample('binance', 'rest-error-invalid-symbol'));
    }
    const lowercase = await depth(venue, 'symbol=btcusdt');
    expect(lowercase.status).toBe(400);
    expect(lowercase.body).toMatchObject({ code: -1100 });
  });

  it('leaves a hole in the ids when the gap fault fires', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/ws/btcusdt@depth@100ms');
    venue.step();
    await inbox.until(() => updates(inbox).length >= 1, 'the first event');
    venue.faults.arm('gap');
    venue.step();
    venue.step();
    await inbox.until(() => updates(inbox).length >= 2, 'the event after the gap');
    const [first, second] = updates(inbox);
    expect(second!.U).toBeGreaterThan(first!.u + 1);
    expect(second!.u).toBe(venue.symbol('BTC')?.seq);
  });

  it('announces server-shutdown on raw and combined connections, then closes them', async () => {
    const venue = await start();
    const raw = await connect(venue, '/ws/btcusdt@depth');
    const combined = await connect(venue, '/stream?streams=btcusdt@depth');
    venue.faults.arm('server-shutdown');
    venue.step();
    await raw.until(() => raw.closed !== undefined, 'the raw connection to close');
    await combined.until(() => combined.closed !== undefined, 'the combined connection to close');
    const notice = (inbox: WsInbox): unknown => inbox.json().find((f) => isRecord(f) && (f['e'] === 'serverShutdown' || f['stream'] === '!serverShutdown'));
    expect(shapeErrors(notice(raw), docExample('binance', 'server-shutdown-raw'))).toEqual([]);
    expect(shapeErrors(notice(combined), docExample('binance', 'server-shutdown-combined'))).toEqual([]);
    expect(raw.closed?.code).toBe(1001);
  });

  it('pings every 20 s', async () => {
    const venue = await start();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const inbox = await connect(venue, '/ws/btcusdt@depth');
    vi.advanceTimersByTime(20_000);
    await inbox.until(() => inbox.pings === 1, 'the first ping');
    vi.advanceTimersByTime(19_999);
    inbox.send({ method: 'LIST_SUBSCRIPTIONS', id: 7 });
    await inbox.until(() => inbox.json().some((f) => isRecord(f) && f['id'] === 7), 'the LIST_SUBSCRIPTIONS answer');
    expect(inbox.pings).toBe(1);
    vi.advanceTimersByTime(1);
    await inbox.until(() => inbox.pings === 2, 'the second ping');
  });

  it('ends a connection at the 24-hour mark', async () => {
    const venue = await start();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const inbox = await connect(venue, '/ws/btcusdt@depth');
    // Ping by ping (every 20 s), each one received before the clock moves on.
    for (let ping = 1; ping < 4320; ping++) {
      vi.advanceTimersByTime(20_000);
      await inbox.until(() => inbox.pings === ping, `ping #${ping}`);
    }
    expect(inbox.closed).toBeUndefined();
    vi.advanceTimersByTime(20_000);
    await inbox.until(() => inbox.closed !== undefined, 'the end of the connection');
    expect(inbox.closed?.code).toBe(1000);
  });

  it('answers live SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS and bad JSON as documented', async () => {
    const venue = await start();
    const inbox = await connect(venue, '/ws');
    const reply = (id: number): unknown => inbox.json().find((f) => isRecord(f) && f['id'] === id);
    inbox.send({ method: 'SUBSCRIBE', params: ['btcusdt@depth'], id: 1 });
    await inbox.until(() => reply(1) !== undefined, 'the SUBSCRIBE answer');
    expect(reply(1)).toEqual(docExample('binance', 'subscribe-response'));
    venue.step();
    await inbox.until(() => updates(inbox).length === 1, 'an event on the live subscription');
    inbox.send({ method: 'UNSUBSCRIBE', params: ['btcusdt@depth'], id: 2 });
    await inbox.until(() => reply(2) !== undefined, 'the UNSUBSCRIBE answer');
    venue.step();
    inbox.send({ method: 'LIST_SUBSCRIPTIONS', id: 3 });
    await inbox.until(() => reply(3) !== undefined, 'the LIST_SUBSCRIPTIONS answer');
    expect(reply(3)).toEqual({ result: [], id: 3 });
    expect(updates(inbox)).toHaveLength(1);
    inbox.send('not json');
    await inbox.until(() => inbox.json().some((f) => isRecord(f) && 'error' in f), 'the bad-JSON error');
    expect(inbox.json().at(-1)).toEqual({ error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } });
  });
});
