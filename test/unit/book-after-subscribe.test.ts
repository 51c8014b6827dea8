/**
 * A ws-snapshot venue sends the whole book right after a subscribe. When it does not come — the
 * subscribe (or a resync's unsubscribe + subscribe) lost on a faulty link while the socket lives
 * on and updates keep flowing — the feed must not sit "syncing": within BOOK_AFTER_SUBSCRIBE_MS it
 * connects afresh. Found by the fault-proxy soak (OKX syncing for over 55 s, updates at 10/s).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { BOOK_AFTER_SUBSCRIBE_MS } from '../../src/feeds/book-rebuilder.js';
import { VenueFeed } from '../../src/feeds/feed.js';
import { genericChecksum, genericVenue } from '../helpers/generic-venue/codec.js';
import { ManualTransport } from '../helpers/manual-transport.js';

const SYMBOL = 'BTC-USD';
const feeds: VenueFeed[] = [];
afterEach(() => {
  for (const feed of feeds.splice(0)) feed.close();
});

/** The venue's clock: frames are stamped with the test clock's time (whole ms, as venues write it). */
let now = (): number => 0;

function frame(type: 'snapshot' | 'update', seq: number, prevSeq: number, bids: [string, string][], asks: [string, string][], checksum?: number): string {
  const book = new Book();
  book.replace(bids, asks);
  return JSON.stringify({ channel: 'book', type, symbol: SYMBOL, seq, prevSeq, ts: Math.round(now()), bids, asks, checksum: checksum ?? genericChecksum(book) });
}

const snapshot = (seq: number): string => frame('snapshot', seq, -1, [['100', '1']], [['101', '1']]);

function start(): { feed: VenueFeed; transport: ManualTransport } {
  const transport = new ManualTransport();
  const feed = new VenueFeed({ adapter: genericVenue({ ws: 'wss://generic.test/ws' }), base: 'BTC', transport });
  feeds.push(feed);
  now = () => transport.clock.now();
  feed.start();
  transport.socket.open();
  return { feed, transport };
}

/** Updates the venue keeps sending for a book the feed never got: dropped while not in sync. */
function updatesFor(transport: ManualTransport, ms: number): void {
  for (let t = 0; t < ms; t += 100) {
    transport.socket.frame(frame('update', 1000 + t, 999 + t, [['99', '2']], []));
    transport.clock.advanceBy(100);
  }
}

describe('the book after a subscribe', () => {
  it('connects afresh when no book follows the subscribe, updates or not', () => {
    const { feed, transport } = start();
    updatesFor(transport, BOOK_AFTER_SUBSCRIBE_MS - 200);
    expect(feed.health().state).toBe('syncing');
    expect(transport.sockets).toHaveLength(1);
    updatesFor(transport, 300);
    expect(transport.sockets[0]!.terminated).toBe(true);
    expect(feed.health().lastError).toBe(`no book ${BOOK_AFTER_SUBSCRIBE_MS / 1000} s after subscribing`);
    transport.clock.advanceUntil('a new connection', () => transport.sockets.length === 2, 30_000);
    transport.socket.open();
    transport.socket.frame(snapshot(5));
    expect(feed.health().state).toBe('live');
  });

  it('leaves a book that came in time alone', () => {
    const { feed, transport } = start();
    updatesFor(transport, BOOK_AFTER_SUBSCRIBE_MS - 500);
    transport.socket.frame(snapshot(5));
    expect(feed.health().state).toBe('live');
    // Past the deadline, the book moving as it should (each update restates the whole small book,
    // so its checksum is the book's).
    for (let seq = 6; seq < 20; seq++) {
      transport.socket.frame(frame('update', seq, seq - 1, [['100', String(seq)]], [['101', '1']]));
      transport.clock.advanceBy(100);
    }
    expect(transport.sockets).toHaveLength(1);
    expect(feed.health().state).toBe('live');
  });

  it('connects afresh when a resync resubscribes and no book comes', () => {
    const { feed, transport } = start();
    transport.socket.frame(snapshot(5));
    expect(feed.health().state).toBe('live');
    // A checksum that does not match: the feed resyncs by unsubscribe + subscribe on this socket.
    transport.socket.frame(frame('update', 6, 5, [['100', '2']], [], 12345));
    const bookSubscribes = transport.socket.sent.filter((text) => text.includes('"subscribe"') && text.includes('"book"'));
    expect(bookSubscribes).toHaveLength(2);
    updatesFor(transport, BOOK_AFTER_SUBSCRIBE_MS + 100);
    expect(transport.sockets[0]!.terminated).toBe(true);
    expect(feed.health().lastError).toBe(`no book ${BOOK_AFTER_SUBSCRIBE_MS / 1000} s after subscribing`);
  });
});
