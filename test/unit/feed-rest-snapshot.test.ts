/**
 * A rest-snapshot VenueFeed, on a hand-driven transport: it asks the venue's REST snapshot as soon
 * as it connects, keeps the diffs that come meanwhile, bridges them onto the snapshot (dropping
 * those it already holds) and is live from the first diff that continues it. A book found wrong
 * asks a new snapshot on the same socket, after the rebuild backoff when it failed right after
 * its rebuild; a snapshot the book cannot take is rebuilt too.
 */
import { describe, expect, it } from 'vitest';
import { genericVenueAs } from '../helpers/generic-venue/stream.js';
import { answersSettle, manualFeed, type ManualFeed } from '../helpers/manual-feed.js';

const BIDS: [string, string][] = [['100', '1']];
const ASKS: [string, string][] = [['101', '1']];

/** Open, its snapshot answered with the venue's book, and bridged by one update. */
async function liveRest(): Promise<ManualFeed> {
  const made = manualFeed(genericVenueAs('rest-snapshot'));
  made.feed.start();
  made.transport.socket.open();
  made.venue.snapshot(BIDS, ASKS);
  made.transport.gets.at(-1)!.answer({ status: 200, body: made.venue.depth(), retryAfter: undefined });
  await answersSettle();
  made.transport.socket.frame(made.venue.update([['99', '1']], []));
  expect(made.feed.health().state).toBe('live');
  return made;
}

describe('rest-snapshot bridging', () => {
  it('keeps the diffs that come while the snapshot is asked, and continues the book from the first it lacks', async () => {
    const { feed, transport, venue } = manualFeed(genericVenueAs('rest-snapshot'));
    feed.start();
    transport.socket.open();
    venue.snapshot(BIDS, ASKS);
    transport.socket.frame(venue.update([['99', '1']], []));
    transport.socket.frame(venue.update([['98', '1']], []));
    // The venue's answer is taken here: it holds both diffs above, not the next.
    const depth = venue.depth();
    transport.socket.frame(venue.update([['97', '1']], []));
    expect(transport.gets).toHaveLength(1);
    expect(feed.health().state).toBe('syncing');
    const version = feed.version;
    transport.gets[0]!.answer({ status: 200, body: depth, retryAfter: undefined });
    await answersSettle();
    expect(feed.health().state).toBe('live');
    expect(feed.version).toBeGreaterThan(version);
    expect(feed.book.topBids(5)).toEqual([['100', '1'], ['99', '1'], ['98', '1'], ['97', '1']]);
    expect(transport.gets).toHaveLength(1);
  });

  it('rebuilds when the diffs it keeps have a gap after the snapshot', async () => {
    const { feed, transport, venue } = manualFeed(genericVenueAs('rest-snapshot'));
    feed.start();
    transport.socket.open();
    venue.snapshot(BIDS, ASKS);
    const depth = venue.depth();
    transport.socket.frame(venue.update([['99', '1']], [], { gap: 2 }));
    transport.gets[0]!.answer({ status: 200, body: depth, retryAfter: undefined });
    await answersSettle();
    expect(feed.health()).toMatchObject({ state: 'syncing', resyncs: 1 });
    expect(feed.health().lastError).toMatch(/^sequence gap at /);
    expect(transport.gets).toHaveLength(2);
  });

  it('drops a diff the book already holds without asking anything', async () => {
    const { feed, transport, venue } = await liveRest();
    const again = venue.update([['99', '2']], []);
    transport.socket.frame(again);
    transport.socket.frame(again);
    expect(feed.health()).toMatchObject({ state: 'live', resyncs: 0 });
    expect(transport.gets).toHaveLength(1);
  });
});

describe('rest-snapshot rebuilds', () => {
  it('asks its snapshot as soon as it connects, and a gap asks a new one on the same socket', async () => {
    const made = await liveRest();
    const { feed, transport, venue } = made;
    expect(transport.gets).toHaveLength(1);
    transport.socket.frame(venue.update([['99', '2']], [], { gap: 3 }));
    expect(feed.health()).toMatchObject({ state: 'syncing', resyncs: 1 });
    expect(feed.health().lastError).toMatch(/^sequence gap at /);
    expect(feed.counts.gaps).toBe(1);
    expect(transport.gets).toHaveLength(2);
    transport.gets[1]!.answer({ status: 200, body: venue.depth(), retryAfter: undefined });
    await answersSettle();
    transport.socket.frame(venue.update([['99', '3']], []));
    expect(feed.health()).toMatchObject({ state: 'live', reconnects: 0 });
    expect(feed.book.topBids(1)).toEqual([['100', '1']]);
    expect(feed.book.topBids(2)[1]).toEqual(['99', '3']);
    expect(transport.sockets).toHaveLength(1);
  });

  it('a gap right after its rebuild asks after the backoff', async () => {
    const { feed, transport, venue } = await liveRest();
    transport.socket.frame(venue.update([['99', '2']], [], { gap: 3 }));
    transport.gets[1]!.answer({ status: 200, body: venue.depth(), retryAfter: undefined });
    await answersSettle();
    transport.socket.frame(venue.update([['99', '3']], []));
    transport.socket.frame(venue.update([['99', '4']], [], { gap: 3 }));
    expect(feed.resyncs).toBe(2);
    // Diffs keep coming meanwhile: they are kept for the snapshot, and do not hasten it.
    transport.clock.advanceBy(500);
    transport.socket.frame(venue.update([['99', '5']], []));
    transport.clock.advanceBy(499);
    expect(transport.gets).toHaveLength(2);
    transport.clock.advanceBy(1);
    expect(transport.gets).toHaveLength(3);
  });

  it('a snapshot the book cannot take is rebuilt', async () => {
    const made = manualFeed(genericVenueAs('rest-snapshot'));
    made.feed.start();
    made.transport.socket.open();
    // Levels that are not numbers: the book refuses them.
    made.transport.gets[0]!.answer({ status: 200, body: JSON.stringify({ seq: 1, bids: [['x', '1']], asks: [] }), retryAfter: undefined });
    await answersSettle();
    expect(made.feed.health()).toMatchObject({ state: 'syncing', resyncs: 1 });
    expect(made.feed.health().lastError).toMatch(/^snapshot could not be applied: /);
    expect(made.transport.gets).toHaveLength(2);
  });

  it('is not replaced when no book follows its subscribe: the book comes by REST', () => {
    const { feed, transport, venue } = manualFeed(genericVenueAs('rest-snapshot'));
    feed.start();
    transport.socket.open();
    for (let t = 0; t < 12_000; t += 500) {
      transport.socket.frame(venue.update([['99', String(t + 1)]], []));
      transport.clock.advanceBy(500);
    }
    expect(transport.sockets).toHaveLength(1);
    expect(feed.health().state).toBe('syncing');
  });
});
