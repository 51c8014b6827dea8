/**
 * SymbolSession on hand-driven transports: readiness counts each venue once — live when its book
 * is in sync, failed when it will never get one (it does not list the symbol) — and the session
 * owns its feeds: start() opens each, close() ends each once, and a closed feed is no longer live.
 */
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { SymbolSession } from '../../src/pool/symbol-session.js';
import { genericChecksum, genericVenue } from '../helpers/generic-venue/codec.js';
import { ManualTransport } from '../helpers/manual-transport.js';

/** The generic test venue under another id, so one session can hold several of it. */
function codec(id: string, lists = true): () => VenueAdapter {
  return () => {
    const adapter = genericVenue({ ws: `wss://${id}.test/ws` });
    return { ...adapter, id, name: id, ...(lists ? {} : { symbolFor: () => undefined }) };
  };
}

/** The venue's snapshot of a small book, with its checksum, as the generic venue sends it. */
function snapshot(symbol: string): string {
  const bids: [string, string][] = [['100', '1']];
  const asks: [string, string][] = [['101', '1']];
  const book = new Book();
  book.replace(bids, asks);
  return JSON.stringify({ channel: 'book', type: 'snapshot', symbol, seq: 1, prevSeq: -1, ts: 1, bids, asks, checksum: genericChecksum(book) });
}

function session(venues: readonly [id: string, lists: boolean][], merged?: (venueId: string) => boolean): { session: SymbolSession; transports: Map<string, ManualTransport> } {
  const transports = new Map<string, ManualTransport>();
  const made = new SymbolSession('BTC', venues.map(([id, lists]) => codec(id, lists)), {
    ...(merged ? { merged } : {}),
    transport: (venueId) => {
      const transport = new ManualTransport();
      transports.set(venueId, transport);
      return transport;
    },
  });
  return { session: made, transports };
}

/** The venue answers: subscribed, then its book. */
function goLive(transport: ManualTransport): void {
  transport.socket.open();
  transport.socket.frame(JSON.stringify({ event: 'subscribed', channel: 'book', symbol: 'BTC-USD' }));
  transport.socket.frame(snapshot('BTC-USD'));
}

describe('SymbolSession', () => {
  it('gives each venue its own transport and opens nothing before start()', () => {
    const { session: s, transports } = session([['a', true], ['b', true]]);
    expect([...transports.keys()]).toEqual(['a', 'b']);
    expect(s.feeds.map((feed) => feed.adapter.id)).toEqual(['a', 'b']);
    expect([...transports.values()].map((t) => t.sockets.length)).toEqual([0, 0]);
    s.start();
    expect([...transports.values()].map((t) => t.sockets.length)).toEqual([1, 1]);
    s.close();
  });

  it('counts a venue in sync as live and one that does not list the symbol as failed', () => {
    const { session: s, transports } = session([['a', true], ['b', true], ['c', false]]);
    expect(s.readiness()).toEqual({ live: 0, failed: 0, total: 3 });
    s.start();
    expect(s.readiness()).toEqual({ live: 0, failed: 1, total: 3 });
    expect(s.settled).toBe(false);
    goLive(transports.get('a')!);
    expect(s.readiness()).toEqual({ live: 1, failed: 1, total: 3 });
    expect(s.settled).toBe(false);
    goLive(transports.get('b')!);
    expect(s.readiness()).toEqual({ live: 2, failed: 1, total: 3 });
    expect(s.settled).toBe(true);
    s.close();
  });

  it('counts only the venues the screen merges, and all of them when it merges none', () => {
    const omitted = new Set(['b']);
    const { session: s, transports } = session([['a', true], ['b', true], ['c', true]], (id) => !omitted.has(id));
    s.start();
    expect(s.readiness()).toEqual({ live: 0, failed: 0, total: 2 });
    goLive(transports.get('a')!);
    goLive(transports.get('c')!);
    expect(s.readiness()).toEqual({ live: 2, failed: 0, total: 2 });
    expect(s.settled).toBe(true);
    for (const id of ['a', 'c']) omitted.add(id);
    expect(s.readiness()).toEqual({ live: 2, failed: 0, total: 3 });
    expect(s.settled).toBe(false);
    s.close();
  });

  it('finds a feed by venue id', () => {
    const { session: s } = session([['a', true], ['b', true]]);
    expect(s.feed('b')).toBe(s.feeds[1]);
    expect(s.feed('a')).toBe(s.feeds[0]);
    expect(s.feed('z')).toBeUndefined();
    s.close();
  });

  it('close() ends every feed once: sockets terminated, no timer left, nothing live', () => {
    const { session: s, transports } = session([['a', true], ['b', true]]);
    s.start();
    for (const transport of transports.values()) goLive(transport);
    expect(s.readiness().live).toBe(2);
    s.close();
    s.close();
    expect(s.readiness().live).toBe(0);
    expect(s.feeds.map((feed) => feed.health().state)).toEqual(['closed', 'closed']);
    for (const transport of transports.values()) {
      expect(transport.socket.terminated).toBe(true);
      expect(transport.clock.pending).toBe(0);
    }
  });
});
