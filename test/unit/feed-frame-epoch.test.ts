/**
 * One frame can carry several messages (venues batch them). Once one of them ends the
 * connection — a shutdown notice, "not listed", a resync by reconnecting — the rest of that frame
 * belongs to a connection that is gone and must not reach the book. Driven through a VenueFeed on
 * a hand-driven transport, with the generic codec reading a JSON array of frames as one frame.
 */
import { describe, expect, it } from 'vitest';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { SHUTDOWN, genericVenueAs, venueError } from '../helpers/generic-venue/stream.js';
import { manualFeed } from '../helpers/manual-feed.js';

const BIDS: [string, string][] = [['100', '1']];
const ASKS: [string, string][] = [['101', '1']];

/** The adapter, reading a frame that is a JSON array of frames as all of them, in order. */
function batching(adapter: VenueAdapter): VenueAdapter {
  return {
    ...adapter,
    decode: (frame) => {
      if (typeof frame !== 'string' || !frame.startsWith('[')) return adapter.decode(frame);
      return (JSON.parse(frame) as string[]).flatMap((one) => adapter.decode(one));
    },
  };
}

const batch = (...frames: string[]): string => JSON.stringify(frames);

describe('the rest of a frame whose connection ended', () => {
  it('after a shutdown notice, is not applied', () => {
    const { feed, transport, venue } = manualFeed(batching(genericVenueAs('ws-snapshot')));
    feed.start();
    transport.socket.open();
    transport.socket.frame(batch(SHUTDOWN, venue.snapshot(BIDS, ASKS)));
    expect(feed.book.bestBid).toBeUndefined();
    expect(feed.synced).toBe(false);
    expect(feed.health().state).toBe('reconnecting');
  });

  it('after "not listed", is not applied', () => {
    const { feed, transport, venue } = manualFeed(batching(genericVenueAs('ws-snapshot')));
    feed.start();
    transport.socket.open();
    transport.socket.frame(batch(venueError('unknown symbol', 'unknown-symbol'), venue.snapshot(BIDS, ASKS)));
    expect(feed.book.bestBid).toBeUndefined();
    expect(feed.health()).toMatchObject({ state: 'down', notListed: true });
  });

  it('after a resync that reconnects, is not applied; after one that resubscribes on the socket, it is', () => {
    const reconnecting = manualFeed(batching(genericVenueAs('ws-snapshot', { resubscribe: false })));
    const resubscribing = manualFeed(batching(genericVenueAs('ws-snapshot')));
    for (const { feed, transport, venue } of [reconnecting, resubscribing]) {
      feed.start();
      transport.socket.open();
      transport.socket.frame(venue.snapshot(BIDS, ASKS));
      transport.socket.frame(batch(venue.update([['100', '2']], [], { checksum: 1 }), venue.snapshot([['100', '3']], ASKS)));
    }
    expect(reconnecting.feed.health().state).toBe('reconnecting');
    expect(reconnecting.feed.book.topBids(1)).toEqual([['100', '2']]);
    expect(resubscribing.feed.health().state).toBe('live');
    expect(resubscribing.feed.book.topBids(1)).toEqual([['100', '3']]);
  });
});
