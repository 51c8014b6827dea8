/**
 * A book found wrong (a checksum that disagrees, a sequence gap, a frame the book cannot take, a
 * book frozen behind its venue) leaves the ladder at once and is rebuilt the cheapest way its
 * venue's sync model allows: a resubscription on the open socket, a fresh connection (not counted
 * as a reconnect), a REST snapshot on the same socket, or the next whole book. Driven through a
 * VenueFeed on a hand-driven transport (the REST snapshot's rebuild: feed-rest-snapshot.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { FROZEN_AFTER_MS } from '../../src/feeds/frozen-book-watch.js';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { SYMBOL, genericVenueAs } from '../helpers/generic-venue/stream.js';
import { manualFeed, type ManualFeed } from '../helpers/manual-feed.js';

const BIDS: [string, string][] = [['100', '1']];
const ASKS: [string, string][] = [['101', '1']];
const BAD_CHECKSUM = { checksum: 12345 };
const UNSUBSCRIBE = JSON.stringify({ op: 'unsubscribe', channel: 'book', symbol: SYMBOL });
const SUBSCRIBE = JSON.stringify({ op: 'subscribe', channel: 'book', symbol: SYMBOL });
/** A frame the codec cannot read without throwing (a codec bug). */
const POISON = 'poison';

/** The adapter, with a codec that throws on POISON. */
function throwingOn(adapter: VenueAdapter): VenueAdapter {
  return {
    ...adapter,
    decode: (frame) => {
      if (frame === POISON) throw new Error('cannot read this frame');
      return adapter.decode(frame);
    },
  };
}

function liveWs(made: ManualFeed): ManualFeed {
  made.feed.start();
  made.transport.socket.open();
  made.transport.socket.frame(made.venue.snapshot(BIDS, ASKS));
  expect(made.feed.health().state).toBe('live');
  return made;
}

/** Frames sent on the socket since `from`. */
const sentSince = (made: ManualFeed, from: number): string[] => made.transport.socket.sent.slice(from);

describe('ws-snapshot, resubscribing on the open socket', () => {
  it('a checksum that disagrees: out of the ladder at once, unsubscribe + subscribe, live on the new book', () => {
    const made = liveWs(manualFeed(genericVenueAs('ws-snapshot')));
    const { feed, transport, venue } = made;
    const sent = transport.socket.sent.length;
    const version = feed.version;
    transport.socket.frame(venue.update([['100', '2']], [], BAD_CHECKSUM));
    expect(feed.health()).toMatchObject({ state: 'syncing', resyncs: 1 });
    expect(feed.health().lastError).toMatch(/^checksum mismatch \(got \d+, venue sent 12345\)$/);
    expect(feed.synced).toBe(false);
    expect(feed.version).toBeGreaterThan(version);
    expect(feed.counts.checksumsFailed).toBe(1);
    expect(sentSince(made, sent)).toEqual([UNSUBSCRIBE, SUBSCRIBE]);
    transport.socket.frame(venue.snapshot([['100', '3']], ASKS));
    expect(feed.health()).toMatchObject({ state: 'live', resyncs: 1, reconnects: 0 });
    expect(feed.book.topBids(1)).toEqual([['100', '3']]);
    expect(transport.sockets).toHaveLength(1);
  });

  it('a book that fails again right after its rebuild waits the backoff; one in sync for 2 s does not', () => {
    const made = liveWs(manualFeed(genericVenueAs('ws-snapshot')));
    const { feed, transport, venue } = made;
    transport.socket.frame(venue.update([['100', '2']], [], BAD_CHECKSUM));
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.clock.advanceBy(1_999);
    let sent = transport.socket.sent.length;
    transport.socket.frame(venue.update([['100', '2']], [], BAD_CHECKSUM));
    expect(feed.resyncs).toBe(2);
    transport.clock.advanceBy(999);
    expect(sentSince(made, sent)).toEqual([]);
    transport.clock.advanceBy(1);
    expect(sentSince(made, sent)).toEqual([UNSUBSCRIBE, SUBSCRIBE]);
    // In sync again, and updated all along: 2 s from when it came back, not from its last update.
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    for (let i = 1; i <= 20; i++) {
      transport.clock.advanceBy(100);
      transport.socket.frame(venue.update([['99', String(i)]], []));
    }
    sent = transport.socket.sent.length;
    transport.socket.frame(venue.update([['100', '2']], [], BAD_CHECKSUM));
    expect(sentSince(made, sent)).toEqual([UNSUBSCRIBE, SUBSCRIBE]);
    expect(feed.resyncs).toBe(3);
  });

  it('a book that fails right after a new connection brought it waits the backoff, however long the old one was in sync', () => {
    const made = liveWs(manualFeed(genericVenueAs('ws-snapshot')));
    const { transport, venue } = made;
    transport.socket.frame(venue.update([['100', '2']], [], BAD_CHECKSUM));
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    transport.clock.advanceBy(4_000);
    transport.socket.drop();
    transport.clock.advanceUntil('a new connection', () => transport.sockets.length === 2, 5_000);
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    const sent = transport.socket.sent.length;
    transport.socket.frame(venue.update([['100', '2']], [], BAD_CHECKSUM));
    expect(sentSince(made, sent)).toEqual([]);
    transport.clock.advanceBy(1_000);
    expect(sentSince(made, sent)).toEqual([UNSUBSCRIBE, SUBSCRIBE]);
  });

  it('a frame the book cannot take is rebuilt like a wrong book', () => {
    const made = liveWs(manualFeed(throwingOn(genericVenueAs('ws-snapshot'))));
    const sent = made.transport.socket.sent.length;
    made.transport.socket.frame(POISON);
    expect(made.feed.health()).toMatchObject({ state: 'syncing', resyncs: 1, lastError: 'frame could not be applied: cannot read this frame' });
    expect(sentSince(made, sent)).toEqual([UNSUBSCRIBE, SUBSCRIBE]);
  });

  it('a socket that can no longer send is replaced, and that is no reconnect', () => {
    const { feed, transport, venue } = liveWs(manualFeed(genericVenueAs('ws-snapshot')));
    // The link is closing (a close frame on its way) and the feed has not heard yet.
    transport.socket.isOpen = false;
    transport.socket.frame(venue.update([['100', '2']], [], BAD_CHECKSUM));
    expect(transport.sockets[0]!.terminated).toBe(true);
    expect(feed.health().lastError).toMatch(/^checksum mismatch/);
    transport.clock.advanceUntil('a new connection', () => transport.sockets.length === 2, 5_000);
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    expect(feed.health()).toMatchObject({ state: 'live', reconnects: 0, resyncs: 1 });
  });

  it('a book frozen behind its venue (every update already in it) is rebuilt', () => {
    const made = liveWs(manualFeed(genericVenueAs('ws-snapshot')));
    const { feed, transport, venue } = made;
    venue.seq = 1_000;
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    // The venue's stream restarted below the book's sequence: every update looks old.
    venue.seq = 10;
    const sent = transport.socket.sent.length;
    for (let t = 0; t <= FROZEN_AFTER_MS; t += 100) {
      transport.socket.frame(venue.update([['99', '1']], []));
      transport.clock.advanceBy(100);
    }
    expect(feed.resyncs).toBe(1);
    expect(feed.health().lastError).toMatch(/^book frozen: \d+ updates in 3\.\d s were all already in it$/);
    expect(sentSince(made, sent)).toEqual([UNSUBSCRIBE, SUBSCRIBE]);
  });
});

describe('ws-snapshot without a resubscription', () => {
  it('connects afresh at once, then after the backoff when it fails again right away; no reconnect is counted', () => {
    const { feed, transport, venue } = liveWs(manualFeed(genericVenueAs('ws-snapshot', { resubscribe: false })));
    transport.socket.frame(venue.update([['100', '2']], [], BAD_CHECKSUM));
    expect(transport.sockets[0]!.terminated).toBe(true);
    expect(feed.health()).toMatchObject({ state: 'reconnecting', resyncs: 1 });
    transport.clock.advanceBy(0);
    expect(transport.sockets).toHaveLength(2);
    transport.socket.open();
    transport.socket.frame(venue.snapshot(BIDS, ASKS));
    expect(feed.health()).toMatchObject({ state: 'live', reconnects: 0 });
    transport.socket.frame(venue.update([['100', '2']], [], BAD_CHECKSUM));
    transport.clock.advanceBy(999);
    expect(transport.sockets).toHaveLength(2);
    transport.clock.advanceBy(1);
    expect(transport.sockets).toHaveLength(3);
    transport.socket.open();
    expect(feed.health()).toMatchObject({ reconnects: 0, resyncs: 2 });
  });
});

describe('full-snapshot', () => {
  it('waits for the next whole book: nothing is sent, nothing reconnected', () => {
    const made = liveWs(manualFeed(genericVenueAs('full-snapshot')));
    const { feed, transport, venue } = made;
    const sent = transport.socket.sent.length;
    transport.socket.frame(venue.snapshot([['100', '2']], ASKS, BAD_CHECKSUM));
    expect(feed.health()).toMatchObject({ state: 'syncing', resyncs: 1 });
    expect(sentSince(made, sent)).toEqual([]);
    transport.socket.frame(venue.snapshot([['100', '3']], ASKS));
    expect(feed.health()).toMatchObject({ state: 'live', resyncs: 1 });
    transport.clock.advanceBy(0);
    expect(transport.sockets).toHaveLength(1);
  });
});
