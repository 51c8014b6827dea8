/**
 * The simulated Hyperliquid l2Book feed over a real loopback server: acks, snapshots, the block
 * throttle, errors and heartbeats, checked against the doc examples in test/fixtures/hyperliquid.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { hyperliquidBookProtocol, type HyperliquidBookOptions } from '../../src/sim/venues/hyperliquid-book.js';
import { venue } from '../../src/venues/registry.js';
import { docExample, shapeErrors } from '../helpers/doc-shape.js';
import { WsInbox } from '../helpers/ws-inbox.js';

interface WsLevel { px: string; sz: string; n: number }
interface WsBook { coin: string; time: number; levels: [WsLevel[], WsLevel[]] }

let server: VenueServer | undefined;
const inboxes: WsInbox[] = [];

/** By default every step is a block that pushes the book (the 0.5 s throttle has its own test). */
async function open(options: HyperliquidBookOptions = { minPushIntervalMs: 0 }): Promise<[VenueServer, WsInbox]> {
  server = await new VenueServer(hyperliquidBookProtocol(options), new MarketModel(7)).listen();
  const inbox = await WsInbox.open(`${server.wsUrl}/ws`);
  inboxes.push(inbox);
  return [server, inbox];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function channel(inbox: WsInbox, name: string): Array<Record<string, unknown>> {
  return inbox.json().filter((f): f is Record<string, unknown> => isRecord(f) && f['channel'] === name);
}

function books(inbox: WsInbox, coin: string): WsBook[] {
  return channel(inbox, 'l2Book').map((f) => f['data'] as WsBook).filter((book) => book.coin === coin);
}

function subscribe(coin: string, method = 'subscribe'): unknown {
  return { method, subscription: { type: 'l2Book', coin } };
}

/** The book as numbers: the venue's strings are compared by value, their format separately. */
function numeric(levels: ReadonlyArray<WsLevel | readonly [string, string]>): number[][] {
  return levels.map((l) => ('px' in l ? [Number(l.px), Number(l.sz)] : [Number(l[0]), Number(l[1])]));
}

afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
  await server?.close();
  server = undefined;
});

describe('simulated Hyperliquid l2Book', () => {
  it('is registered as hyperliquid', () => {
    expect(venue('hyperliquid').simulator().venue).toBe('hyperliquid');
  });

  it('greets, acks with the echoed subscription, then sends the top 20 levels at once', async () => {
    const [venue, inbox] = await open();
    inbox.send(subscribe('BTC'));
    await inbox.until(() => books(inbox, 'BTC').length === 1, 'the BTC snapshot');
    expect(inbox.texts[0]).toBe(docExample('hyperliquid', 'connection-greeting'));
    const [ack] = channel(inbox, 'subscriptionResponse');
    expect(ack).toEqual(docExample('hyperliquid', 'subscription-response-l2book-order-book-server'));
    expect(inbox.texts.findIndex((t) => t.includes('"l2Book","data"'))).toBeGreaterThan(inbox.texts.findIndex((t) => t.includes('subscriptionResponse')));

    const frame = channel(inbox, 'l2Book')[0];
    expect(shapeErrors(frame, docExample('hyperliquid', 'l2book-order-book-server'))).toEqual([]);
    const [bids, asks] = books(inbox, 'BTC')[0]!.levels;
    const book = venue.symbol('BTC')!.book;
    expect(bids).toHaveLength(20);
    expect(numeric(bids)).toEqual(numeric(book.levels('bid', 20)));
    expect(numeric(asks)).toEqual(numeric(book.levels('ask', 20)));
    // As the doc prints them: integer BTC prices with ".0", sizes without trailing zeros.
    for (const level of [...bids, ...asks]) {
      expect(level.px).toMatch(/^\d+\.0$/);
      expect(level.sz).toMatch(/^\d+\.(0|\d*[1-9])$/);
      expect(level.n).toBeGreaterThanOrEqual(1);
    }
  });

  it('carries several coins on one connection, follows each block, and stops a coin on unsubscribe', async () => {
    const [venue, inbox] = await open();
    inbox.send(subscribe('BTC'));
    inbox.send(subscribe('ETH'));
    await inbox.until(() => books(inbox, 'ETH').length === 1, 'the ETH snapshot');
    venue.step();
    venue.step();
    await inbox.until(() => books(inbox, 'BTC').length === 3 && books(inbox, 'ETH').length === 3, 'two more books per coin');
    const eth = books(inbox, 'ETH').at(-1)!;
    expect(numeric(eth.levels[0])).toEqual(numeric(venue.symbol('ETH')!.book.levels('bid', 20)));
    for (const level of [...eth.levels[0], ...eth.levels[1]]) {
      expect(level.px).toMatch(/^\d+\.\d$/);
      expect(level.px.replace('.', '').replace(/^0+/, '').length).toBeLessThanOrEqual(5);
    }

    inbox.send(subscribe('ETH', 'unsubscribe'));
    await inbox.until(() => channel(inbox, 'subscriptionResponse').length === 3, 'the unsubscribe ack');
    expect(channel(inbox, 'subscriptionResponse')[2]).toEqual({
      channel: 'subscriptionResponse',
      data: { method: 'unsubscribe', subscription: { type: 'l2Book', coin: 'ETH', nSigFigs: null, mantissa: null } },
    });
    venue.step();
    await inbox.until(() => books(inbox, 'BTC').length === 4, 'the next BTC book');
    expect(books(inbox, 'ETH')).toHaveLength(3);
  });

  it('pushes a coin at most once per 0.5 s, as the doc says of each block', async () => {
    let clock = 1_000;
    const [venue, inbox] = await open({ minPushIntervalMs: 500, now: () => clock });
    inbox.send(subscribe('BTC'));
    await inbox.until(() => books(inbox, 'BTC').length === 1, 'the BTC snapshot');
    clock = 1_499;
    venue.step();
    clock = 1_500;
    venue.step();
    await inbox.until(() => books(inbox, 'BTC').some((b) => b.time === 1_500), 'the book of the block at 1.5 s');
    expect(books(inbox, 'BTC').map((b) => b.time)).toEqual([1_000, 1_500]);
  });

  it('answers an unknown coin, a repeat, a stray unsubscribe and non-JSON with error frames', async () => {
    const [, inbox] = await open();
    const errors = (): string[] => channel(inbox, 'error').map((f) => String(f['data']));
    inbox.send(subscribe('NOPE'));
    inbox.send('hello');
    inbox.send(subscribe('BTC'));
    inbox.send(subscribe('BTC'));
    inbox.send(subscribe('SOL', 'unsubscribe'));
    await inbox.until(() => errors().length === 4, 'four error frames');
    for (const frame of channel(inbox, 'error')) expect(shapeErrors(frame, docExample('hyperliquid', 'error-invalid-subscription'))).toEqual([]);
    const sub = (coin: string): string => JSON.stringify({ type: 'l2Book', coin, nSigFigs: null, mantissa: null });
    expect(errors()).toEqual([
      `Invalid subscription: ${sub('NOPE')}`,
      'Error parsing JSON into valid websocket request: hello',
      `Already subscribed: ${sub('BTC')}`,
      `Already unsubscribed: ${sub('SOL')}`,
    ]);
    expect(inbox.closed).toBeUndefined();
    expect(books(inbox, 'BTC')).toHaveLength(1);
  });

  it('answers ping with pong, and stays silent while the no-pong fault holds', async () => {
    const [venue, inbox] = await open();
    inbox.send({ method: 'ping' });
    await inbox.until(() => channel(inbox, 'pong').length === 1, 'the pong');
    expect(channel(inbox, 'pong')[0]).toEqual(docExample('hyperliquid', 'pong'));

    venue.faults.hold('no-pong');
    inbox.send({ method: 'ping' });
    inbox.send(subscribe('BTC'));
    await inbox.until(() => channel(inbox, 'subscriptionResponse').length === 1, 'the ack sent after the unanswered ping');
    expect(channel(inbox, 'pong')).toHaveLength(1);

    venue.faults.clear('no-pong');
    inbox.send({ method: 'ping' });
    await inbox.until(() => channel(inbox, 'pong').length === 2, 'the pong after the fault clears');
  });
});
