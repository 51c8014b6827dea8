/**
 * The simulated Coinbase Advanced Trade feed over a real loopback server: subscriptions, the
 * level2 snapshot and updates, heartbeats, one sequence_num counter per connection, the gap and
 * no-pong faults, the connection rules, and the product endpoint, checked against the doc
 * examples in test/fixtures/coinbase.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { coinbaseProtocol, type CoinbaseSimOptions } from '../../src/sim/venues/coinbase.js';
import { venue } from '../../src/venues/registry.js';
import { docExample, shapeErrors } from '../helpers/doc-shape.js';
import { WsInbox } from '../helpers/ws-inbox.js';

type Json = Record<string, unknown>;
interface Update { side: string; event_time: string; price_level: string; new_quantity: string }
interface L2Event { type: string; product_id: string; updates: Update[] }

let server: VenueServer | undefined;
const inboxes: WsInbox[] = [];

async function open(options: CoinbaseSimOptions = { heartbeatEveryMs: 50 }): Promise<[VenueServer, WsInbox]> {
  server = await new VenueServer(coinbaseProtocol(options), new MarketModel(5)).listen();
  const inbox = await WsInbox.open(server.wsUrl);
  inboxes.push(inbox);
  return [server, inbox];
}

const messages = (inbox: WsInbox): Json[] => inbox.json() as Json[];
const onChannel = (inbox: WsInbox, channel: string): Json[] => messages(inbox).filter((m) => m['channel'] === channel);
const l2Events = (inbox: WsInbox): L2Event[] => onChannel(inbox, 'l2_data').flatMap((m) => m['events'] as L2Event[]);
const subscribe = (channel: string, productIds?: string[]): Json => ({ type: 'subscribe', ...(productIds ? { product_ids: productIds } : {}), channel });

/** The doc examples as the live feed sends them: the AsyncAPI file says there is no client_id. */
function liveShape(name: string): Json {
  const { client_id: _clientId, ...rest } = docExample('coinbase', name) as Json;
  return rest;
}

afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
  await server?.close();
  server = undefined;
});

describe('simulated Coinbase Advanced Trade', () => {
  it('is registered as coinbase', () => {
    expect(venue('coinbase').simulator().venue).toBe('coinbase');
    expect(venue('coinbase').simulator().faults).toEqual(['gap', 'no-pong']);
  });

  it('answers a level2 subscription with subscriptions, then the whole book as one snapshot', async () => {
    const [sim, inbox] = await open();
    inbox.send(subscribe('level2', ['BTC-USD']));
    await inbox.until(() => l2Events(inbox).length === 1, 'the snapshot');
    const [ack, snapshot] = messages(inbox);
    expect(ack).toMatchObject({ channel: 'subscriptions', sequence_num: 0, events: [{ subscriptions: { level2: ['BTC-USD'] } }] });
    // The doc example lists a market_trades subscription too; this connection has level2 only.
    expect(shapeErrors(ack, { ...liveShape('subscriptions'), events: [{ subscriptions: { level2: ['BTC-USD'] } }] })).toEqual([]);
    expect(shapeErrors(snapshot, liveShape('l2-data-snapshot'))).toEqual([]);
    expect(snapshot).toMatchObject({ sequence_num: 1 });
    const [event] = l2Events(inbox);
    expect(event!.type).toBe('snapshot');
    const book = sim.symbol('BTC')!.book;
    const side = (name: string): number[][] => event!.updates.filter((u) => u.side === name).map((u) => [Number(u.price_level), Number(u.new_quantity)]);
    expect(side('bid')).toEqual(book.levels('bid').map(([p, s]) => [Number(p), Number(s)]));
    expect(side('offer')).toEqual(book.levels('ask').map(([p, s]) => [Number(p), Number(s)]));
    // As the doc prints numbers: no trailing zeros.
    for (const update of event!.updates) {
      expect(update.price_level).not.toMatch(/\.\d*0$/);
      expect(update.new_quantity).not.toMatch(/\.\d*0$/);
      expect(update.event_time).toBe('1970-01-01T00:00:00Z');
    }
  });

  it('numbers every message of a connection with one counter: updates, heartbeats, acks', async () => {
    const [sim, inbox] = await open();
    inbox.send(subscribe('level2', ['BTC-USD']));
    inbox.send(subscribe('heartbeats'));
    await inbox.until(() => onChannel(inbox, 'heartbeats').length >= 2, 'two heartbeats');
    sim.step();
    sim.step();
    await inbox.until(() => l2Events(inbox).length >= 3, 'two updates');
    const sequence = messages(inbox).map((m) => m['sequence_num']);
    expect(sequence).toEqual(sequence.map((_, i) => i));
    const heartbeat = onChannel(inbox, 'heartbeats')[0]!;
    expect(shapeErrors(heartbeat, liveShape('heartbeats-live'))).toEqual([]);
    const update = onChannel(inbox, 'l2_data').find((m) => (m['events'] as L2Event[])[0]!.type === 'update')!;
    expect(shapeErrors(update, liveShape('l2-data-update'))).toEqual([]);
    const removed = l2Events(inbox).flatMap((e) => e.updates).filter((u) => Number(u.new_quantity) === 0);
    for (const u of removed) expect(u.new_quantity).toBe('0');
  });

  it('gap: spends a sequence number without sending its message', async () => {
    const [sim, inbox] = await open();
    inbox.send(subscribe('level2', ['BTC-USD']));
    await inbox.until(() => l2Events(inbox).length === 1, 'the snapshot');
    sim.faults.arm('gap');
    sim.step();
    sim.step();
    await inbox.until(() => l2Events(inbox).length === 2, 'the update after the lost one');
    expect(messages(inbox).map((m) => m['sequence_num'])).toEqual([0, 1, 3]);
  });

  it('no-pong: the heartbeats channel falls silent while updates still flow', async () => {
    const [sim, inbox] = await open();
    inbox.send(subscribe('level2', ['BTC-USD']));
    inbox.send(subscribe('heartbeats'));
    await inbox.until(() => onChannel(inbox, 'heartbeats').length >= 1, 'a heartbeat');
    sim.faults.hold('no-pong');
    const before = onChannel(inbox, 'heartbeats').length;
    for (let i = 0; i < 5; i++) sim.step();
    await inbox.until(() => l2Events(inbox).length >= 4, 'updates during the fault');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(onChannel(inbox, 'heartbeats').length).toBe(before);
    sim.faults.clear('no-pong');
    await inbox.until(() => onChannel(inbox, 'heartbeats').length > before, 'heartbeats again');
  });

  it('unsubscribe: answered with subscriptions, and the product falls silent', async () => {
    const [sim, inbox] = await open();
    inbox.send(subscribe('level2', ['BTC-USD']));
    await inbox.until(() => l2Events(inbox).length === 1, 'the snapshot');
    inbox.send({ type: 'unsubscribe', product_ids: ['BTC-USD'], channel: 'level2' });
    await inbox.until(() => onChannel(inbox, 'subscriptions').length === 2, 'the unsubscribe answer');
    expect(onChannel(inbox, 'subscriptions')[1]).toMatchObject({ events: [{ subscriptions: {} }] });
    sim.step();
    inbox.send(subscribe('level2', ['BTC-USD']));
    await inbox.until(() => l2Events(inbox).length === 2, 'a fresh snapshot');
    expect(l2Events(inbox).map((e) => e.type)).toEqual(['snapshot', 'snapshot']);
  });

  it('refuses an unknown product or channel with the live error', async () => {
    const [, inbox] = await open();
    inbox.send(subscribe('level2', ['NOPE-USD']));
    inbox.send(subscribe('level3', ['BTC-USD']));
    inbox.send('not json');
    await inbox.until(() => messages(inbox).length === 3, 'three errors');
    for (const message of messages(inbox)) expect(message).toEqual(docExample('coinbase', 'error-failure-to-subscribe'));
  });

  it('disconnects a client that does not subscribe within 5 heartbeat periods', async () => {
    const [, inbox] = await open({ heartbeatEveryMs: 20 });
    await inbox.until(() => inbox.closed !== undefined, 'the server to hang up', 2_000);
    expect(inbox.closed?.reason).toBe('no subscribe received');
  });

  it('closes a quiet connection without heartbeats after 60 periods; heartbeats keep it open', async () => {
    const [, quiet] = await open({ heartbeatEveryMs: 10 });
    const subscribedAt = Date.now();
    quiet.send(subscribe('level2', ['BTC-USD']));
    const kept = await WsInbox.open(server!.wsUrl);
    inboxes.push(kept);
    kept.send(subscribe('level2', ['BTC-USD']));
    kept.send(subscribe('heartbeats'));
    await quiet.until(() => quiet.closed !== undefined, 'the quiet connection to close', 3_000);
    expect(quiet.closed?.reason).toBe('no updates');
    expect(Date.now() - subscribedAt).toBeGreaterThanOrEqual(60 * 10);
    await kept.until(() => onChannel(kept, 'heartbeats').length >= 70, 'heartbeats past the quiet window', 3_000);
    expect(kept.closed).toBeUndefined();
  });

  it('can hold a book as deep as BTC-USD and send it in one snapshot', async () => {
    const [sim, inbox] = await open({ heartbeatEveryMs: 1_000, bookDepth: 5_000 });
    inbox.send(subscribe('level2', ['BTC-USD']));
    await inbox.until(() => l2Events(inbox).length === 1, 'the snapshot', 10_000);
    const levels = sim.symbol('BTC')!.book;
    expect(l2Events(inbox)[0]!.updates.length).toBe(levels.levels('bid').length + levels.levels('ask').length);
    expect(levels.levels('bid').length).toBeGreaterThan(4_000);
  });

  it('serves the public product endpoint, and 404 NOT_FOUND for an unknown product', async () => {
    const [sim] = await open();
    const product = await fetch(`${sim.httpUrl}/api/v3/brokerage/market/products/BTC-USD`);
    expect(product.status).toBe(200);
    const body = (await product.json()) as Json;
    expect(shapeErrors(body, pick(docExample('coinbase', 'product-btc-usd') as Json, ['product_id', 'base_increment', 'quote_increment', 'price_increment', 'status', 'product_type', 'quote_currency_id', 'base_currency_id']))).toEqual([]);
    expect(body).toMatchObject({ product_id: 'BTC-USD', quote_increment: '0.01', base_increment: '0.00000001' });
    const missing = await fetch(`${sim.httpUrl}/api/v3/brokerage/market/products/NOPE-USD`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'NOT_FOUND' });
  });
});

function pick(value: Json, keys: readonly string[]): Json {
  return Object.fromEntries(keys.map((key) => [key, value[key]]));
}
