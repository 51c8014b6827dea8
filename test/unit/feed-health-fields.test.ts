/**
 * What a VenueFeed's pane shows, field by field, on a hand-driven transport: the state joined
 * from the link and the book, when the last message came and how many a second, the latency by
 * the venue's clock (only while connected, and never a figure from a connection that is gone),
 * the reconnects and failed attempts, the last error and when the next attempt starts.
 */
import { describe, expect, it } from 'vitest';
import { BEHIND_AFTER_MS } from '../../src/feeds/book-lag.js';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { genericVenueAs } from '../helpers/generic-venue/stream.js';
import { manualFeed, type ManualFeed } from '../helpers/manual-feed.js';

const BIDS: [string, string][] = [['100', '1']];
const ASKS: [string, string][] = [['101', '1']];

/** Started at `atMs` on the test clock (stamps are times since the epoch: late enough for the latencies played). */
function started(atMs = 0): ManualFeed {
  const made = manualFeed(genericVenueAs('ws-snapshot'));
  made.transport.clock.advanceTo(atMs);
  made.feed.start();
  return made;
}

describe('feed health', () => {
  it('before any connection: connecting, with nothing counted', () => {
    const { feed } = started();
    expect(feed.health()).toEqual({
      state: 'connecting',
      connectedSince: undefined,
      lastMessageAt: undefined,
      msgsPerSec: 0,
      latencyMs: undefined,
      reconnects: 0,
      failedAttempts: 0,
      resyncs: 0,
      lastError: undefined,
      lastErrorAt: undefined,
      retryAt: undefined,
      notListed: false,
    });
    expect(feed.synced).toBe(false);
  });

  it('syncing once open, live on the first book, with when it opened and when the last message came', () => {
    const { feed, transport, venue } = started();
    transport.clock.advanceTo(300);
    transport.socket.open();
    expect(feed.health()).toMatchObject({ state: 'syncing', connectedSince: 300, lastMessageAt: undefined });
    transport.clock.advanceTo(450);
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    expect(feed.health()).toMatchObject({ state: 'live', connectedSince: 300, lastMessageAt: 450 });
    expect(feed.synced).toBe(true);
    // A heartbeat is a message too, though not market data.
    transport.clock.advanceTo(700);
    transport.socket.frame(venue.heartbeat());
    expect(feed.health().lastMessageAt).toBe(700);
  });

  it('counts the messages of the last whole second', () => {
    const { feed, transport, venue } = started();
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.clock.advanceTo(1_000);
    for (let i = 0; i < 7; i++) {
      transport.socket.frame(venue.update([['99', String(i + 1)]], []));
      transport.clock.advanceBy(100);
    }
    transport.clock.advanceTo(2_100);
    expect(feed.health().msgsPerSec).toBe(7);
  });

  it('shows the latency by the venue\'s clock, and none from a connection that is gone', () => {
    const { feed, transport, venue } = started(10_000);
    transport.socket.open();
    venue.latencyMs = 40;
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    expect(feed.health().latencyMs).toBe(40);
    transport.socket.drop();
    expect(feed.health().latencyMs).toBeUndefined();
    transport.clock.advanceUntil('a new connection', () => transport.sockets.length === 2, 5_000);
    transport.socket.open();
    expect(feed.health().latencyMs).toBeUndefined();
    venue.latencyMs = 3_000;
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    expect(feed.health().latencyMs).toBe(3_000);
  });

  it('shows no latency for a venue that stamps no time', () => {
    const adapter = genericVenueAs('ws-snapshot');
    const unstamped: VenueAdapter = { ...adapter, decode: (frame) => adapter.decode(frame).map((event) => (event.type === 'snapshot' || event.type === 'delta' ? { ...event, exchangeTime: undefined } : event)) };
    const { feed, transport, venue } = manualFeed(unstamped);
    transport.clock.advanceTo(10_000);
    feed.start();
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.socket.frame(venue.update([['99', '1']], []));
    expect(feed.health()).toMatchObject({ state: 'live', latencyMs: undefined, lastMessageAt: 10_000 });
  });

  it('bumps the version on every change to the book, and only then', () => {
    const { feed, transport, venue } = started();
    transport.socket.open();
    const versions = [feed.version];
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    versions.push(feed.version);
    transport.socket.frame(venue.heartbeat());
    versions.push(feed.version);
    transport.socket.frame(venue.update([['99', '1']], []));
    versions.push(feed.version);
    expect(versions.map((v) => v - versions[0]!)).toEqual([0, 1, 1, 2]);
  });

  it('shows a book far behind the venue\'s usual lag as stale, until a connection brings a current one', () => {
    const { feed, transport, venue } = started(10_000);
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    venue.latencyMs = 20;
    transport.socket.frame(venue.update([['99', '1']], []));
    transport.clock.advanceBy(100);
    venue.latencyMs = 20 + BEHIND_AFTER_MS + 1_000;
    transport.socket.frame(venue.update([['99', '2']], []));
    expect(feed.health()).toMatchObject({ state: 'stale', lastError: "book 6.0 s older than the venue's usual lag: not live until a current one comes" });
    transport.socket.drop();
    transport.clock.advanceUntil('a new connection', () => transport.sockets.length === 2, 5_000);
    transport.socket.open();
    // A ws-snapshot venue's snapshot is not judged by its time: it may be the book's last change.
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    expect(feed.health().state).toBe('live');
  });

  it('counts a connection that opens again as a reconnect, and one that never opens as a failed attempt', () => {
    const { feed, transport, venue } = started();
    transport.socket.refuse(503);
    expect(feed.health()).toMatchObject({ state: 'reconnecting', failedAttempts: 1, reconnects: 0, lastError: 'HTTP 503 on connect', retryAt: 1_000 });
    transport.clock.advanceTo(1_000);
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.clock.advanceTo(4_000);
    transport.socket.drop(1001, 'going away');
    expect(feed.health()).toMatchObject({ state: 'reconnecting', reconnects: 0, lastError: 'connection closed (1001: going away)', lastErrorAt: 4_000, retryAt: 5_000 });
    transport.clock.advanceTo(5_000);
    transport.socket.open();
    expect(feed.health()).toMatchObject({ state: 'syncing', reconnects: 1, failedAttempts: 1, retryAt: undefined, connectedSince: 5_000 });
  });
});

describe('a reconnect the user asks for', () => {
  it('connects afresh at once, counts as a reconnect, and is not an error', () => {
    const { feed, transport, venue } = started();
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.clock.advanceTo(2_000);
    feed.reconnect();
    expect(transport.sockets[0]!.terminated).toBe(true);
    expect(feed.health()).toMatchObject({ state: 'reconnecting', retryAt: 2_000, lastError: undefined });
    transport.clock.advanceBy(0);
    expect(transport.sockets).toHaveLength(2);
    transport.socket.open();
    expect(feed.health().reconnects).toBe(1);
  });

  it('does nothing once the feed is closed', () => {
    const { feed, transport } = started();
    transport.socket.open();
    feed.close();
    feed.reconnect();
    transport.clock.advanceBy(60_000);
    expect(transport.sockets).toHaveLength(1);
    expect(feed.health().state).toBe('closed');
  });
});
