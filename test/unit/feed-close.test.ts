/**
 * A VenueFeed's close(), in every phase a feed can be in, leaves nothing behind: no timer, no
 * open socket, no request in flight, and nothing sent or asked afterwards; the pane reads
 * "closed" and the book is no longer in sync. Driven on a hand-driven transport that counts the
 * timers still pending.
 */
import { describe, expect, it } from 'vitest';
import { genericVenueAs } from '../helpers/generic-venue/stream.js';
import { answersSettle, manualFeed, type ManualFeed } from '../helpers/manual-feed.js';

const BIDS: [string, string][] = [['100', '1']];
const ASKS: [string, string][] = [['101', '1']];

/**
 * Closes the feed and checks it left nothing: no timer, every socket ended, every GET past the
 * first `answered` aborted.
 */
function closeAndCheck({ feed, transport }: ManualFeed, answered = 0): void {
  const version = feed.version;
  feed.close();
  expect(transport.clock.pending).toBe(0);
  expect(transport.sockets.every((socket) => socket.terminated || !socket.isOpen)).toBe(true);
  expect(transport.gets.slice(answered).every((get) => get.signal.aborted)).toBe(true);
  expect(feed.health().state).toBe('closed');
  expect(feed.synced).toBe(false);
  expect(feed.version).toBe(version + 1);
  // Nothing more is made or sent, whatever time passes.
  const sockets = transport.sockets.length;
  const gets = transport.gets.length;
  const sent = transport.sockets.map((socket) => socket.sent.length);
  transport.clock.advanceBy(120_000);
  expect(transport.sockets).toHaveLength(sockets);
  expect(transport.gets).toHaveLength(gets);
  expect(transport.sockets.map((socket) => socket.sent.length)).toEqual(sent);
  // A second close changes nothing.
  feed.close();
  expect(feed.version).toBe(version + 1);
}

function wsFeed(options: { readonly resubscribe?: boolean } = {}): ManualFeed {
  const made = manualFeed(genericVenueAs('ws-snapshot', options));
  made.feed.start();
  return made;
}

describe('close()', () => {
  it('right after start(): the handshake in flight is ended', () => {
    const made = wsFeed();
    expect(made.transport.clock.pending).toBeGreaterThan(0);
    closeAndCheck(made);
    expect(made.transport.sockets[0]!.terminated).toBe(true);
  });

  it('while subscribed and waiting for the book', () => {
    const made = wsFeed();
    made.transport.socket.open();
    closeAndCheck(made);
  });

  it('while live: the book stays on screen but is no longer in sync', () => {
    const made = wsFeed();
    made.transport.socket.open();
    made.transport.socket.frame(made.venue.snapshot(BIDS, ASKS));
    expect(made.feed.synced).toBe(true);
    closeAndCheck(made);
    expect(made.feed.book.bestBid).toBe(100);
  });

  it('while a resubscription waits out its backoff', () => {
    const made = wsFeed();
    const { transport, venue } = made;
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.socket.frame(venue.update([['100', '2']], [], { checksum: 1 }));
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.socket.frame(venue.update([['100', '2']], [], { checksum: 1 }));
    closeAndCheck(made);
  });

  it('while a fresh connection for a resync waits out its backoff', () => {
    const made = wsFeed({ resubscribe: false });
    const { transport, venue } = made;
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.socket.frame(venue.update([['100', '2']], [], { checksum: 1 }));
    transport.clock.advanceBy(0);
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.socket.frame(venue.update([['100', '2']], [], { checksum: 1 }));
    expect(made.feed.health().state).toBe('reconnecting');
    closeAndCheck(made);
  });

  it('during a reconnect\'s backoff wait', () => {
    const made = wsFeed();
    made.transport.socket.open();
    made.transport.socket.drop();
    expect(made.feed.health().state).toBe('reconnecting');
    closeAndCheck(made);
  });

  it('while its instrument request is in flight: no socket is opened, even if it is answered', async () => {
    const made = manualFeed(genericVenueAs('ws-snapshot', { instrument: true }));
    made.feed.start();
    closeAndCheck(made);
    made.transport.gets[0]!.answer({ status: 200, body: JSON.stringify({ symbol: 'BTC-USD', contractSize: '1' }), retryAfter: undefined });
    await answersSettle();
    expect(made.transport.sockets).toHaveLength(0);
  });

  it('while a REST snapshot is in flight', () => {
    const made = manualFeed(genericVenueAs('rest-snapshot'));
    made.feed.start();
    made.transport.socket.open();
    expect(made.transport.gets).toHaveLength(1);
    closeAndCheck(made);
  });

  it('while a REST snapshot for a resync waits out its backoff', async () => {
    const made = manualFeed(genericVenueAs('rest-snapshot'));
    const { transport, venue } = made;
    made.feed.start();
    transport.socket.open();
    for (let rebuilt = 0; rebuilt < 2; rebuilt++) {
      transport.gets.at(-1)!.answer({ status: 200, body: venue.depth(), retryAfter: undefined });
      await answersSettle();
      transport.socket.frame(venue.update([['99', '1']], []));
      transport.socket.frame(venue.update([['99', '2']], [], { gap: 2 }));
    }
    expect(made.feed.resyncs).toBe(2);
    expect(transport.gets).toHaveLength(2);
    closeAndCheck(made, 2);
  });
});

describe('a connection that is lost', () => {
  it('takes its REST snapshot request with it; the next connection asks its own', () => {
    const { feed, transport } = manualFeed(genericVenueAs('rest-snapshot'));
    feed.start();
    transport.socket.open();
    const version = feed.version;
    transport.socket.drop();
    expect(transport.gets[0]!.signal.aborted).toBe(true);
    expect(feed.version).toBeGreaterThan(version);
    transport.clock.advanceUntil('a new connection', () => transport.sockets.length === 2, 5_000);
    transport.socket.open();
    expect(transport.gets).toHaveLength(2);
    expect(transport.gets[1]!.signal.aborted).toBe(false);
  });

  it('takes a resubscription waiting out its backoff with it: the next connection only subscribes', () => {
    const { feed, transport, venue } = wsFeed();
    transport.socket.open();
    const subscribe = [...transport.socket.sent];
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.socket.frame(venue.update([['100', '2']], [], { checksum: 1 }));
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.socket.frame(venue.update([['100', '2']], [], { checksum: 1 }));
    transport.clock.advanceBy(500);
    transport.socket.drop();
    expect(feed.synced).toBe(false);
    transport.clock.advanceUntil('a new connection', () => transport.sockets.length === 2, 5_000);
    transport.socket.open();
    transport.clock.advanceBy(5_000);
    expect(transport.socket.sent.filter((text) => !text.includes('ping'))).toEqual(subscribe);
  });
});
