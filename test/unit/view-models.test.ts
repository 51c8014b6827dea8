/**
 * The view models the screen prints: a venue row's whole-second ages and waits, its prices only
 * while its book is in sync, the decimals a venue quotes (read off its own strings, never
 * narrowing), when two row sets would print the same, what the event log says changed, how long
 * the log grows, and what a new store holds.
 */
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import type { FeedHealth } from '../../src/feeds/health.js';
import { createAppStore, type VenueRow } from '../../src/store/app-store.js';
import { appendEvents, EVENT_LOG_LIMIT, feedEvents, type FeedEvent } from '../../src/store/feed-events.js';
import type { FeedView } from '../../src/store/feed-view.js';
import { priceDecimals, sameRows, venueRow } from '../../src/store/selectors.js';

const NOW = 1_700_000_000_000;

function feed(health: Partial<FeedHealth>, options: { synced?: boolean; book?: Book } = {}): FeedView {
  const full: FeedHealth = { state: 'live', msgsPerSec: 12, reconnects: 2, failedAttempts: 3, resyncs: 4, notListed: false, ...health };
  const book = options.book ?? new Book();
  return { adapter: { id: 'okx', name: 'OKX', market: 'perp', quote: 'USDT' }, book, version: 0, synced: options.synced ?? true, sizeScale: 1, health: () => full };
}

function bookOf(bids: [string, string][], asks: [string, string][]): Book {
  const book = new Book();
  book.replace(bids, asks);
  return book;
}

describe('venueRow', () => {
  it('copies the feed and rounds its times to whole seconds: ages and uptime down, the retry wait up', () => {
    const row = venueRow(
      feed({ lastMessageAt: NOW - 2_999, latencyMs: -40, lastError: 'HTTP 503 on connect', lastErrorAt: NOW - 61_500, retryAt: NOW + 1_001, connectedSince: NOW - 59_999 }),
      NOW,
    );
    expect(row).toEqual({
      id: 'okx',
      name: 'OKX',
      market: 'perp',
      quote: 'USDT',
      state: 'live',
      notListed: false,
      msgsPerSec: 12,
      reconnects: 2,
      failedAttempts: 3,
      resyncs: 4,
      ageS: 2,
      latencyMs: -40,
      lastError: 'HTTP 503 on connect',
      errorAgeS: 61,
      retryInS: 2,
      upForS: 59,
    });
  });

  it('never shows a negative age or wait when the clocks disagree by a little', () => {
    const row = venueRow(feed({ lastMessageAt: NOW + 500, lastErrorAt: NOW + 1_500, retryAt: NOW - 3_000 }), NOW);
    expect(row).toMatchObject({ ageS: 0, errorAgeS: 0, retryInS: 0 });
  });

  it('leaves out what the feed does not know', () => {
    const row = venueRow(feed({}), NOW);
    for (const key of ['ageS', 'latencyMs', 'lastError', 'errorAgeS', 'retryInS', 'upForS', 'bestBid', 'bestAsk', 'priceDecimals']) expect(row).not.toHaveProperty(key);
  });

  it('shows best prices and decimals of a book in sync; an unsynced one keeps its decimals but no prices', () => {
    const book = bookOf([['100.50', '1']], [['100.75', '1']]);
    expect(venueRow(feed({}, { book }), NOW)).toMatchObject({ bestBid: 100.5, bestAsk: 100.75, priceDecimals: 2 });
    const unsynced = venueRow(feed({ state: 'syncing' }, { book, synced: false }), NOW);
    expect(unsynced).not.toHaveProperty('bestBid');
    expect(unsynced).not.toHaveProperty('bestAsk');
    expect(unsynced.priceDecimals).toBe(2);
    const oneSided = venueRow(feed({}, { book: bookOf([], [['7', '1']]) }), NOW);
    expect(oneSided).not.toHaveProperty('bestBid');
    expect(oneSided.bestAsk).toBe(7);
  });
});

describe('priceDecimals', () => {
  it('reads the most decimals among the best eight levels a side, trailing zeros dropped', () => {
    expect(priceDecimals(bookOf([['100.10000000', '1']], [['100.20000000', '1']]))).toBe(1);
    expect(priceDecimals(bookOf([['100', '1']], [['101', '1']]))).toBe(0);
    expect(priceDecimals(bookOf([['100.0', '1']], []))).toBe(0);
    expect(priceDecimals(new Book())).toBeUndefined();
    expect(priceDecimals(bookOf([['.5', '1']], []))).toBe(1);
    const bids: [string, string][] = ['109', '108', '107', '106', '105', '104', '103', '102.5'].map((p) => [p, '1']);
    const asks: [string, string][] = ['110', '111', '112', '113', '114', '115', '116', '117.25'].map((p) => [p, '1']);
    expect(priceDecimals(bookOf(bids, asks))).toBe(2);
    // A ninth level is past the sample.
    expect(priceDecimals(bookOf([...bids.slice(0, 7), ['102', '1'], ['101.125', '1']], []))).toBe(0);
  });

  it('never narrows: a book whose prices now end in zero keeps the decimals it showed', () => {
    const book = bookOf([['100.25', '1']], [['100.75', '1']]);
    expect(priceDecimals(book)).toBe(2);
    book.replace([['100.5', '1']], [['101', '1']]);
    expect(priceDecimals(book)).toBe(2);
    book.clear();
    expect(priceDecimals(book)).toBe(2);
    const integers = bookOf([['100.5', '1']], []);
    expect(priceDecimals(integers)).toBe(1);
    integers.replace([['100', '1']], []);
    expect(priceDecimals(integers)).toBe(1);
  });
});

describe('sameRows', () => {
  const row = venueRow(feed({ lastMessageAt: NOW - 1_000 }), NOW);

  it('is true only for rows that print the same', () => {
    expect(sameRows([row], [{ ...row }])).toBe(true);
    expect(sameRows([], [])).toBe(true);
    expect(sameRows([row], [])).toBe(false);
    expect(sameRows([row], [row, row])).toBe(false);
    expect(sameRows([row], [{ ...row, ageS: 2 }])).toBe(false);
    expect(sameRows([row, row], [row, { ...row, state: 'stale' }])).toBe(false);
    const { ageS: _age, ...withoutAge } = row;
    expect(sameRows([row], [withoutAge as VenueRow])).toBe(false);
    expect(sameRows([withoutAge as VenueRow], [row])).toBe(false);
    expect(sameRows([withoutAge as VenueRow], [{ ...withoutAge, ageS: undefined } as VenueRow])).toBe(false);
  });
});

describe('feedEvents', () => {
  const base = venueRow(feed({ state: 'live', reconnects: 0, failedAttempts: 0, resyncs: 0 }), NOW);
  const texts = (before: VenueRow | undefined, row: VenueRow): string[] =>
    feedEvents('BTC', new Map(before ? [['okx', before]] : []), [row], NOW).map((event) => `${event.kind}: ${event.text}`);

  it('a new venue, a state change and not being listed each say so', () => {
    expect(texts(undefined, base)).toEqual(['state: OKX new → live']);
    expect(texts(base, { ...base, state: 'stale' })).toEqual(['state: OKX live → stale']);
    expect(texts(base, { ...base, state: 'down', notListed: true })).toEqual(['state: OKX live → not listed']);
    expect(texts({ ...base, notListed: true }, { ...base, notListed: true, state: 'closed' })).toEqual([]);
    expect(texts(base, { ...base })).toEqual([]);
  });

  it('counts going up are events, the same counts are not', () => {
    expect(texts(base, { ...base, reconnects: 1 })).toEqual(['reconnect: OKX reconnected (#1)']);
    expect(texts(base, { ...base, failedAttempts: 2 })).toEqual(['reconnect: OKX connection attempt failed (2 so far)']);
    expect(texts(base, { ...base, resyncs: 3 })).toEqual(['resync: OKX resync #3 (sequence gap or checksum mismatch)']);
    expect(texts(undefined, { ...base, reconnects: 1, failedAttempts: 1, resyncs: 1 })).toEqual(['state: OKX new → live']);
  });

  it('an error is logged when it is new, and again when the same error happens anew', () => {
    const failing = { ...base, lastError: 'connect timed out', errorAgeS: 0 };
    expect(texts(base, failing)).toEqual(['error: OKX: connect timed out']);
    expect(texts(failing, { ...failing, errorAgeS: 5 })).toEqual([]);
    expect(texts({ ...failing, errorAgeS: 5 }, { ...failing, errorAgeS: 0 })).toEqual(['error: OKX: connect timed out']);
    expect(texts(failing, { ...failing, lastError: 'HTTP 503 on connect' })).toEqual(['error: OKX: HTTP 503 on connect']);
    const { errorAgeS: _age, ...undated } = failing;
    expect(texts({ ...failing, errorAgeS: 5 }, undated)).toEqual(['error: OKX: connect timed out']);
    expect(texts(undated, { ...failing, errorAgeS: 5 })).toEqual([]);
    // The same error at the same age is the same row seen again.
    expect(texts(failing, { ...failing })).toEqual([]);
    // An error that clears says nothing; a new venue that starts with one says it.
    expect(texts(failing, base)).toEqual([]);
    expect(texts(undefined, failing)).toEqual(['state: OKX new → live', 'error: OKX: connect timed out']);
  });

  it('stamps each event with the time, venue and symbol', () => {
    expect(feedEvents('ETH', new Map(), [base], NOW)).toEqual([{ at: NOW, kind: 'state', venue: 'okx', symbol: 'ETH', text: 'OKX new → live' }]);
  });
});

describe('appendEvents', () => {
  const event = (i: number): FeedEvent => ({ at: i, kind: 'action', text: `#${i}` });

  it('keeps the newest entries up to the limit, oldest first', () => {
    const store = createAppStore({ symbol: 'BTC', depth: 5 });
    appendEvents(store, Array.from({ length: EVENT_LOG_LIMIT - 1 }, (_, i) => event(i)));
    appendEvents(store, [event(EVENT_LOG_LIMIT - 1)]);
    expect(store.getState().events).toHaveLength(EVENT_LOG_LIMIT);
    expect(store.getState().events[0]?.at).toBe(0);
    appendEvents(store, [event(EVENT_LOG_LIMIT), event(EVENT_LOG_LIMIT + 1)]);
    const events = store.getState().events;
    expect(events).toHaveLength(EVENT_LOG_LIMIT);
    expect([events[0]?.at, events.at(-1)?.at]).toEqual([2, EVENT_LOG_LIMIT + 1]);
  });

  it('nothing to add is no write', () => {
    const store = createAppStore({ symbol: 'BTC', depth: 5 });
    let writes = 0;
    store.subscribe(() => writes++);
    appendEvents(store, []);
    expect(writes).toBe(0);
  });
});

describe('createAppStore', () => {
  it('starts on the symbol, watching only it, with nothing shown, every venue merged and the venues pane focused', () => {
    // Strict: an option not given is no key at all, not a key holding undefined.
    expect(createAppStore({ symbol: 'BTC', depth: 20 }).getState()).toStrictEqual({
      symbol: 'BTC',
      watchlist: ['BTC'],
      depth: 20,
      venues: [],
      omitted: [],
      venueTags: {},
      hasAccount: false,
      events: [],
      ui: { mode: 'normal', focus: 'venues', selectedVenue: 0, selectedPosition: 0, scroll: 0, selfHealth: false },
    });
  });

  it('keeps what it is given', () => {
    const state = createAppStore({ symbol: 'ETH', depth: 5, watchlist: ['BTC', 'ETH'], closeHint: 'no key', venueTags: { okx: 'O' }, fillSize: 0, hasAccount: true }).getState();
    expect(state).toMatchObject({ watchlist: ['BTC', 'ETH'], closeHint: 'no key', venueTags: { okx: 'O' }, fillSize: 0, hasAccount: true });
  });
});
