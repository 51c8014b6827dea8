/**
 * What a VenueFeed does with each kind of "no" from its venue, on a hand-driven transport:
 * a symbol the venue does not list ends the feed for good (the pane says "not listed", the book
 * is emptied, no socket or request is tried again), whether it is learnt from the codec, the
 * socket, the REST snapshot or the instrument request; a server that announces it will close is
 * left at once for a new connection; any other error is shown and the feed carries on.
 */
import { describe, expect, it } from 'vitest';
import { SHUTDOWN, SYMBOL, genericVenueAs, venueError } from '../helpers/generic-venue/stream.js';
import { answersSettle, manualFeed, type ManualFeed } from '../helpers/manual-feed.js';

const BOOK: [string, string][] = [['100', '1']];
const ASKS: [string, string][] = [['101', '1']];

/** A ws-snapshot feed, open and live on the venue's first book. */
function liveFeed(): ManualFeed {
  const made = manualFeed(genericVenueAs('ws-snapshot'));
  made.feed.start();
  made.transport.socket.open();
  made.transport.socket.frame(made.venue.snapshot(BOOK, ASKS));
  expect(made.feed.health().state).toBe('live');
  return made;
}

/** Nothing more is tried: no new connection and no request for a long while. */
function expectNothingTried(made: ManualFeed, sockets: number, gets: number): void {
  made.transport.clock.advanceBy(120_000);
  expect(made.transport.sockets).toHaveLength(sockets);
  expect(made.transport.gets).toHaveLength(gets);
  expect(made.feed.health().state).toBe('down');
}

describe('a symbol the venue does not list', () => {
  it('from the codec: down at start, nothing connected, and a reconnect asked for does nothing', () => {
    const { feed, transport } = manualFeed(genericVenueAs('ws-snapshot'), { base: 'not a base' });
    expect(feed.symbol).toBeUndefined();
    feed.start();
    expect(feed.health()).toMatchObject({ state: 'down', notListed: true, lastError: 'Generic cannot quote not a base' });
    expect(feed.settledFailed).toBe(true);
    feed.reconnect();
    transport.clock.advanceBy(60_000);
    expect(transport.sockets).toHaveLength(0);
    expect(feed.health().state).toBe('down');
  });

  it('from the socket: the book is emptied and the link ended for good', () => {
    const made = liveFeed();
    const { feed, transport } = made;
    const version = feed.version;
    transport.socket.frame(venueError('no such instrument BTC-USD', 'unknown-symbol'));
    expect(feed.health()).toMatchObject({ state: 'down', notListed: true, lastError: 'not listed: Generic: no such instrument BTC-USD' });
    expect(feed.book.bestBid).toBeUndefined();
    expect(feed.book.bestAsk).toBeUndefined();
    expect(feed.synced).toBe(false);
    expect(feed.settledFailed).toBe(true);
    expect(feed.version).toBeGreaterThan(version);
    expect(transport.socket.terminated).toBe(true);
    expectNothingTried(made, 1, 0);
  });

  it('from the REST snapshot: the request is not asked again and the socket is ended', async () => {
    const made = manualFeed(genericVenueAs('rest-snapshot'));
    const { feed, transport } = made;
    feed.start();
    transport.socket.open();
    expect(transport.gets.map((get) => get.url)).toEqual([`https://generic.test/depth?symbol=${SYMBOL}`]);
    transport.gets[0]!.answer({ status: 404, body: JSON.stringify({ error: 'unknown-symbol', message: 'no such symbol' }), retryAfter: undefined });
    await answersSettle();
    expect(feed.health()).toMatchObject({ state: 'down', notListed: true, lastError: 'not listed: Generic: no such symbol' });
    expect(transport.socket.terminated).toBe(true);
    expectNothingTried(made, 1, 1);
  });

  it('from the instrument request: no connection is ever made', async () => {
    const made = manualFeed(genericVenueAs('ws-snapshot', { instrument: true }));
    const { feed, transport } = made;
    feed.start();
    expect(transport.sockets).toHaveLength(0);
    transport.gets[0]!.answer({ status: 404, body: JSON.stringify({ error: 'unknown-symbol', message: 'gone' }), retryAfter: undefined });
    await answersSettle();
    expect(feed.health()).toMatchObject({ state: 'down', notListed: true, lastError: 'not listed: Generic: no instrument BTC-USD' });
    expectNothingTried(made, 0, 1);
  });

  it('while a REST snapshot is on its way: its request is aborted', () => {
    const { feed, transport, venue } = manualFeed(genericVenueAs('rest-snapshot'));
    feed.start();
    transport.socket.open();
    transport.socket.frame(venue.update(BOOK, ASKS));
    transport.socket.frame(venueError('delisted', 'unknown-symbol'));
    expect(transport.gets[0]!.signal.aborted).toBe(true);
    expect(feed.health().notListed).toBe(true);
  });
});

describe('a server that announces it will close', () => {
  it('is left at once for a new connection, which counts as a reconnect', () => {
    const { feed, transport, venue } = liveFeed();
    transport.clock.advanceBy(500);
    transport.socket.frame(SHUTDOWN);
    expect(transport.sockets[0]!.terminated).toBe(true);
    expect(feed.health()).toMatchObject({ state: 'reconnecting', lastError: 'Generic: server shutting down', lastErrorAt: 500, retryAt: 500, notListed: false });
    expect(feed.synced).toBe(false);
    transport.clock.advanceBy(0);
    expect(transport.sockets).toHaveLength(2);
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BOOK, ASKS));
    expect(feed.health()).toMatchObject({ state: 'live', reconnects: 1 });
  });
});

describe('any other error from the venue', () => {
  it('is shown with its time and the feed carries on', () => {
    const { feed, transport, venue } = liveFeed();
    transport.clock.advanceBy(1_234);
    transport.socket.frame(venueError('rate limit on subscriptions'));
    expect(feed.health()).toMatchObject({ state: 'live', lastError: 'Generic: rate limit on subscriptions', lastErrorAt: 1_234, notListed: false });
    expect(transport.socket.terminated).toBe(false);
    transport.socket.frame(venue.update([['100', '2']], []));
    expect(feed.book.topBids(1)).toEqual([['100', '2']]);
    expect(feed.health().lastError).toBe('Generic: rate limit on subscriptions');
    expect(transport.sockets).toHaveLength(1);
  });

  it('from the REST snapshot: shown, and the snapshot asked again', async () => {
    const { feed, transport } = manualFeed(genericVenueAs('rest-snapshot'));
    feed.start();
    transport.socket.open();
    transport.gets[0]!.answer({ status: 400, body: JSON.stringify({ error: 'busy', message: 'try later' }), retryAfter: undefined });
    await answersSettle();
    expect(feed.health()).toMatchObject({ state: 'syncing', lastError: 'Generic: try later', notListed: false });
    transport.clock.advanceUntil('the snapshot asked again', () => transport.gets.length === 2, 30_000);
    expect(transport.socket.terminated).toBe(false);
  });

  it('from the instrument request, an answer it cannot read: shown and asked again', async () => {
    const { feed, transport } = manualFeed(genericVenueAs('ws-snapshot', { instrument: true }));
    feed.start();
    transport.gets[0]!.answer({ status: 200, body: 'maintenance', retryAfter: undefined });
    await answersSettle();
    expect(feed.health()).toMatchObject({ state: 'connecting', notListed: false, lastError: 'Generic: instrument answer is not JSON: maintenance' });
    transport.clock.advanceUntil('the instrument asked again', () => transport.gets.length === 2, 30_000);
    expect(transport.sockets).toHaveLength(0);
  });

  it('from the instrument request: shown, asked again, and the feed connects once it is answered', async () => {
    const { feed, transport } = manualFeed(genericVenueAs('ws-snapshot', { instrument: true }));
    feed.start();
    transport.gets[0]!.answer({ status: 503, body: '', retryAfter: undefined });
    await answersSettle();
    expect(feed.health().lastError).toMatch(/^instrument request: HTTP 503; retrying in \d+(\.\d)? s$/);
    transport.clock.advanceUntil('the instrument asked again', () => transport.gets.length === 2, 30_000);
    transport.gets[1]!.answer({ status: 200, body: JSON.stringify({ symbol: SYMBOL, contractSize: '0.01' }), retryAfter: undefined });
    await answersSettle();
    expect(transport.sockets).toHaveLength(1);
    expect(feed.instrument).toEqual({ symbol: SYMBOL, contractSize: 0.01 });
    expect(feed.sizeScale).toBe(0.01);
  });
});
