/**
 * A VenueFeed whose venue ends every connection at a fixed lifetime swaps to a standby
 * connection before the cut-off, on a hand-driven transport: once a standby diff meets the book,
 * the standby becomes the connection (the old one is ended), its codec decodes from then on, the
 * diffs it held are applied in order, and nobody sees a reconnect or a resync. A standby that
 * meets a connection already closing is dropped instead, its diffs unapplied.
 */
import { describe, expect, it } from 'vitest';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { genericVenueAs } from '../helpers/generic-venue/stream.js';
import { answersSettle, manualFeed, type ManualFeed } from '../helpers/manual-feed.js';
import type { ManualSocket } from '../helpers/manual-transport.js';

/** Short enough to reach on the hand-driven clock: the standby opens 6 to 7 s after connecting. */
const LIFETIME_MS = 8_000;

interface SwapRig extends ManualFeed {
  /** Frames decoded by each codec made for a standby, by order made. */
  readonly standbyDecodes: number[];
}

async function liveFeedWithLifetime(): Promise<SwapRig> {
  const adapter: VenueAdapter = { ...genericVenueAs('rest-snapshot'), connectionLifetimeMs: LIFETIME_MS };
  const standbyDecodes: number[] = [];
  const standbyCodec = (): VenueAdapter => {
    const made = standbyDecodes.push(0) - 1;
    return {
      ...adapter,
      decode: (frame) => {
        standbyDecodes[made]!++;
        return adapter.decode(frame);
      },
    };
  };
  const rig = { ...manualFeed(adapter, { standbyCodec }), standbyDecodes };
  const { feed, transport, venue } = rig;
  feed.start();
  transport.socket.open();
  venue.snapshot([['100', '1']], [['101', '1']]);
  transport.gets[0]!.answer({ status: 200, body: venue.depth(), retryAfter: undefined });
  await answersSettle();
  transport.socket.frame(venue.update([['99', '1']], []));
  expect(feed.health().state).toBe('live');
  return rig;
}

/** The book keeps moving on the current connection until the standby is being opened. */
function untilStandby({ transport, venue }: SwapRig): ManualSocket {
  const current = transport.socket;
  for (let step = 1; transport.sockets.length === 1; step++) {
    if (step > 40) throw new Error('no standby within 20 s');
    transport.clock.advanceBy(500);
    current.frame(venue.update([['99', String(step + 1)]], []));
  }
  const standby = transport.socket;
  standby.open();
  return standby;
}

describe('a planned swap', () => {
  it('hands over to the standby at the diff where it meets the book: no reconnect, no resync, nothing lost', async () => {
    const rig = await liveFeedWithLifetime();
    const { feed, transport, venue } = rig;
    const current = transport.sockets[0]!;
    const standby = untilStandby(rig);
    const standbyOpenedAt = transport.clock.now();
    expect(standby.sent[0]).toBe(JSON.stringify({ op: 'subscribe', channel: 'book', symbol: 'BTC-USD' }));
    // The standby is a step ahead: its diff applies on the book, so it is the book's next.
    const next = venue.update([['98', '5']], []);
    transport.clock.advanceBy(100);
    standby.frame(next);
    expect(current.terminated).toBe(true);
    expect(feed.book.topBids(3)).toContainEqual(['98', '5']);
    expect(feed.health()).toMatchObject({ state: 'live', reconnects: 0, resyncs: 0, connectedSince: standbyOpenedAt });
    // From now on the standby's codec decodes the connection's frames.
    const decodes = rig.standbyDecodes[0]!;
    standby.frame(venue.update([['97', '6']], []));
    expect(rig.standbyDecodes[0]).toBe(decodes + 1);
    expect(feed.book.topBids(4)).toContainEqual(['97', '6']);
    expect(feed.health().state).toBe('live');
    expect(transport.sockets).toHaveLength(2);
  });

  it('does not happen when the old connection is already closing: the standby goes, its diffs unapplied', async () => {
    const rig = await liveFeedWithLifetime();
    const { feed, transport, venue } = rig;
    const current = transport.sockets[0]!;
    const standby = untilStandby(rig);
    current.isOpen = false;
    standby.frame(venue.update([['98', '5']], []));
    expect(standby.terminated).toBe(true);
    expect(current.terminated).toBe(false);
    expect(feed.book.topBids(5)).not.toContainEqual(['98', '5']);
  });

  it('hands over when the current connection moves the book up to a diff the standby holds', async () => {
    const rig = await liveFeedWithLifetime();
    const { feed, transport, venue } = rig;
    const current = transport.sockets[0]!;
    const standby = untilStandby(rig);
    // The standby is two steps ahead: its diff does not apply yet, and is held.
    const first = venue.update([['98', '5']], []);
    const second = venue.update([['97', '6']], []);
    standby.frame(second);
    expect(current.terminated).toBe(false);
    current.frame(first);
    expect(current.terminated).toBe(true);
    expect(feed.book.topBids(4)).toEqual(expect.arrayContaining([['98', '5'], ['97', '6']]));
    expect(feed.health()).toMatchObject({ state: 'live', reconnects: 0, resyncs: 0 });
  });

  it('is called off when the current connection is lost: the standby goes with it', async () => {
    const rig = await liveFeedWithLifetime();
    const standby = untilStandby(rig);
    rig.transport.sockets[0]!.drop();
    expect(standby.terminated).toBe(true);
  });

  it('leaves nothing behind when the feed is closed, before or while the standby opens', async () => {
    const waiting = await liveFeedWithLifetime();
    waiting.feed.close();
    expect(waiting.transport.clock.pending).toBe(0);
    const opening = await liveFeedWithLifetime();
    const standby = untilStandby(opening);
    opening.feed.close();
    expect(standby.terminated).toBe(true);
    expect(opening.transport.clock.pending).toBe(0);
  });
});
