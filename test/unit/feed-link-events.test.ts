/**
 * How a VenueFeed keeps its link provably alive, on a hand-driven transport: a server's ping is
 * answered with the reply the codec gives, the venue's heartbeat policy and quiet bound are the
 * codec's own (unless the feed is tuned otherwise), a pong answers the client's ping, and only
 * market data keeps a book from going stale — heartbeats never do, nor updates a ws-snapshot
 * feed drops while it waits for its book.
 */
import { describe, expect, it } from 'vitest';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { genericVenueAs, serverPing } from '../helpers/generic-venue/stream.js';
import { manualFeed, type ManualFeed } from '../helpers/manual-feed.js';

const BIDS: [string, string][] = [['100', '1']];
const ASKS: [string, string][] = [['101', '1']];
const CLIENT_PING = '{"op":"ping"}';

/** The generic venue, asking its clients to ping every second and to expect a pong within two. */
function clientPingVenue(): VenueAdapter {
  return { ...genericVenueAs('ws-snapshot'), heartbeat: { kind: 'client-ping', frame: CLIENT_PING, intervalMs: 1_000, timeoutMs: 2_000 } };
}

function live(made: ManualFeed): ManualFeed {
  made.feed.start();
  made.transport.socket.open();
  made.transport.socket.frame(made.venue.snapshot(BIDS, ASKS));
  return made;
}

/** The venue sends a heartbeat every second for `ms`, and no market data. */
function heartbeatsFor({ transport, venue }: ManualFeed, ms: number): void {
  for (let t = 0; t < ms; t += 1_000) {
    transport.clock.advanceBy(1_000);
    transport.socket.frame(venue.heartbeat());
  }
}

describe('pings', () => {
  it('answers a server ping with the reply its codec gives', () => {
    const { transport } = live(manualFeed(genericVenueAs('ws-snapshot')));
    const before = transport.socket.sent.length;
    transport.socket.frame(serverPing(41));
    transport.socket.frame(serverPing(42));
    expect(transport.socket.sent.slice(before)).toEqual(['{"op":"pong","id":41}', '{"op":"pong","id":42}']);
  });

  it('pings as the codec asks, and a pong from the venue keeps the link', () => {
    const made = live(manualFeed(clientPingVenue()));
    const { transport, venue, feed } = made;
    for (let second = 1; second <= 8; second++) {
      transport.clock.advanceBy(1_000);
      transport.socket.frame(venue.heartbeat());
      transport.socket.frame(venue.update([['99', String(second)]], []));
    }
    expect(transport.socket.sent.filter((text) => text === CLIENT_PING).length).toBeGreaterThanOrEqual(7);
    expect(transport.sockets).toHaveLength(1);
    expect(feed.health().state).toBe('live');
  });

  it('without a pong the link is dead, however much data flows', () => {
    const { transport, venue, feed } = live(manualFeed(clientPingVenue()));
    for (let tenth = 1; tenth <= 40 && transport.sockets.length === 1; tenth++) {
      transport.clock.advanceBy(100);
      if (!transport.socket.terminated) transport.socket.frame(venue.update([['99', String(tenth)]], []));
    }
    expect(transport.sockets[0]!.terminated).toBe(true);
    expect(feed.health().lastError).toBe('no pong within 2000 ms');
  });
});

describe('acknowledgements and other channels', () => {
  it('change nothing, not even the last error shown', () => {
    const { feed, transport } = live(manualFeed(genericVenueAs('ws-snapshot')));
    transport.socket.frame(JSON.stringify({ event: 'error', code: 'bad-request', message: 'unknown channel' }));
    const version = feed.version;
    transport.socket.frame(JSON.stringify({ event: 'subscribed', channel: 'book', symbol: 'BTC-USD' }));
    transport.socket.frame(JSON.stringify({ event: 'subscribed', channel: 'heartbeat' }));
    transport.socket.frame(JSON.stringify({ event: 'unsubscribed', channel: 'book', symbol: 'BTC-USD' }));
    transport.socket.frame(JSON.stringify({ channel: 'trades', price: '100.5' }));
    expect(feed.health()).toMatchObject({ state: 'live', resyncs: 0, lastError: 'Generic: unknown channel' });
    expect(feed.version).toBe(version);
  });
});

describe('stale', () => {
  it('after the codec\'s quiet bound without market data, heartbeats or not; live again with data', () => {
    const made = live(manualFeed(genericVenueAs('ws-snapshot')));
    heartbeatsFor(made, 9_000);
    made.transport.clock.advanceBy(900);
    expect(made.feed.health().state).toBe('live');
    // The link is checked every 250 ms here (a fifth of the shortest deadline).
    made.transport.clock.advanceBy(400);
    expect(made.feed.health().state).toBe('stale');
    expect(made.feed.synced).toBe(true);
    made.transport.socket.frame(made.venue.update([['99', '1']], []));
    expect(made.feed.health().state).toBe('live');
  });

  it('after the feed\'s own bound when it is tuned', () => {
    const made = live(manualFeed(genericVenueAs('ws-snapshot'), { tuning: { staleAfterMs: 3_000 } }));
    heartbeatsFor(made, 2_000);
    made.transport.clock.advanceBy(900);
    expect(made.feed.health().state).toBe('live');
    made.transport.clock.advanceBy(400);
    expect(made.feed.health().state).toBe('stale');
  });

  it('on a ws-snapshot feed whose book has not come, however many updates flow', () => {
    const { feed, transport, venue } = manualFeed(genericVenueAs('ws-snapshot'), { tuning: { staleAfterMs: 3_000 } });
    feed.start();
    transport.socket.open();
    for (let t = 0; t < 3_400; t += 100) {
      transport.socket.frame(venue.update([['99', String(t + 1)]], []));
      transport.clock.advanceBy(100);
    }
    expect(feed.health().state).toBe('stale');
  });

  it('not on a rest-snapshot feed: the updates it buffers for its snapshot are market data', () => {
    const { feed, transport, venue } = manualFeed(genericVenueAs('rest-snapshot'), { tuning: { staleAfterMs: 3_000 } });
    feed.start();
    transport.socket.open();
    for (let t = 0; t < 3_400; t += 100) {
      transport.socket.frame(venue.update([['99', String(t + 1)]], []));
      transport.clock.advanceBy(100);
    }
    expect(feed.health().state).toBe('syncing');
  });
});

describe('the reconnect backoff', () => {
  it('starts afresh after a connection whose book stayed in sync a while', () => {
    // The first wait is exactly the base (the floor); later ones are drawn up to a doubling ceiling.
    const backoff = { baseMs: 1_000, capMs: 1_000_000, floorMs: 1_000 };
    const { feed, transport, venue } = manualFeed(genericVenueAs('ws-snapshot'), { tuning: { backoff } });
    feed.start();
    for (let refused = 1; refused <= 10; refused++) {
      transport.socket.refuse(503);
      transport.clock.advanceUntil('the next attempt', () => transport.sockets.length === refused + 1, 1_100_000);
    }
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    for (let tenth = 1; tenth <= 160; tenth++) {
      transport.clock.advanceBy(100);
      transport.socket.frame(venue.update([['99', String(tenth)]], []));
    }
    transport.socket.drop();
    expect(feed.health().retryAt! - transport.clock.now()).toBe(1_000);
  });
});

