/**
 * BookSync's rules that the venue tests reach only in passing: what it counts (a replay reports
 * these), when it asks for a snapshot, where a socket snapshot puts the sequence, which update is
 * the first after a snapshot, how a venue's fixed depth is kept, when a checksum is compared, and
 * the limit on diffs buffered while a snapshot is on its way.
 */
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { BookSync } from '../../src/feeds/snapshot-sync.js';
import { binanceSpot } from '../../src/feeds/venues/binance-spot.js';
import type { DeltaEvent, SequenceRule, SnapshotEvent, VenueAdapter } from '../../src/feeds/types.js';

const binance = binanceSpot({ ws: 'ws://x', rest: 'http://x' });

const diff = (U: number, u: number, bids: [string, string][] = [], asks: [string, string][] = []): DeltaEvent => ({ type: 'delta', firstSeq: U, lastSeq: u, bids, asks });
const snapshot = (seq: number | undefined, bids: [string, string][] = [['9', '1']], asks: [string, string][] = [['20', '1']]): SnapshotEvent => ({
  type: 'snapshot', ...(seq !== undefined ? { seq } : {}), bids, asks,
});

/** A ws-snapshot venue whose updates chain by id, writing down the `firstAfterSnapshot` it was asked with. */
function chained(extra: Partial<VenueAdapter> = {}): { adapter: VenueAdapter; firsts: boolean[] } {
  const firsts: boolean[] = [];
  const sequence: SequenceRule = {
    classify(bookSeq, firstAfterSnapshot, delta) {
      firsts.push(firstAfterSnapshot);
      if (delta.lastSeq! <= bookSeq) return 'skip';
      return delta.firstSeq === bookSeq + 1 ? 'apply' : 'gap';
    },
    seqAfter: (delta) => delta.lastSeq!,
  };
  return { adapter: { ...binance, sync: 'ws-snapshot', sequence, ...extra } as VenueAdapter, firsts };
}

describe('BookSync counts', () => {
  it('counts book states, gaps and checksums from zero', () => {
    const sync = new BookSync(binance, new Book());
    expect(sync.counts).toEqual({ bookStates: 0, gaps: 0, checksumsVerified: 0, checksumsFailed: 0 });
    sync.onDelta(diff(101, 103, [['10', '1']]));
    sync.onRestSnapshot(snapshot(102));
    // The snapshot, then the diff bridged onto it.
    expect(sync.counts.bookStates).toBe(2);
    sync.onDelta(diff(104, 104, [['11', '1']]));
    expect(sync.counts.bookStates).toBe(3);
    expect(sync.onDelta(diff(110, 111)).kind).toBe('resync');
    expect(sync.counts).toEqual({ bookStates: 3, gaps: 1, checksumsVerified: 0, checksumsFailed: 0 });
  });

  it('counts each checksum compared, and each that failed', () => {
    const adapter = { ...binance, sync: 'ws-snapshot', sequence: undefined, checksum: (book: Book) => book.topBids(100).length } as VenueAdapter;
    const sync = new BookSync(adapter, new Book());
    sync.onSnapshot({ type: 'snapshot', bids: [['1', '1']], asks: [['5', '1']], checksum: 1 });
    sync.onDelta({ type: 'delta', bids: [['2', '1']], asks: [], checksum: 2 });
    // No checksum sent: nothing to compare, and the update is taken.
    expect(sync.onDelta({ type: 'delta', bids: [['3', '1']], asks: [] }).kind).toBe('changed');
    expect(sync.onDelta({ type: 'delta', bids: [['0.5', '1']], asks: [], checksum: 99 }).kind).toBe('resync');
    expect(sync.counts).toEqual({ bookStates: 3, gaps: 0, checksumsVerified: 2, checksumsFailed: 1 });
  });
});

describe('BookSync asking for a snapshot', () => {
  it('a rest-snapshot venue asks once per connection at begin(); a ws-snapshot venue never does', () => {
    const sync = new BookSync(binance, new Book());
    expect(sync.begin().kind).toBe('need-snapshot');
    expect(sync.begin().kind).toBe('unchanged');
    // Already asked: the first diff is only buffered.
    expect(sync.onDelta(diff(1, 2)).kind).toBe('unchanged');
    // The request failed: the next diff asks again.
    sync.snapshotFailed();
    expect(sync.onDelta(diff(3, 4)).kind).toBe('need-snapshot');
    expect(new BookSync(chained().adapter, new Book()).begin().kind).toBe('unchanged');
  });

  it('after reset() a new connection buffers and bridges from nothing', () => {
    const sync = new BookSync(binance, new Book());
    sync.onDelta(diff(1, 2));
    sync.reset();
    expect(sync.begin().kind).toBe('need-snapshot');
    sync.onDelta(diff(51, 52, [['10', '1']]));
    expect(sync.onRestSnapshot(snapshot(50)).kind).toBe('changed');
    expect(sync.synced).toBe(true);
  });

  it('gives up on a snapshot once 100 000 diffs wait for it', () => {
    const sync = new BookSync(binance, new Book());
    for (let id = 1; id <= 100_000; id++) expect(sync.onDelta(diff(id, id)).kind).not.toBe('resync');
    expect(sync.onDelta(diff(100_001, 100_001))).toEqual({ kind: 'resync', reason: 'snapshot too slow: diff buffer overflow' });
  });
});

describe('BookSync sequence after a snapshot', () => {
  it("a socket snapshot's id is where the next update must continue", () => {
    const { adapter } = chained();
    const sync = new BookSync(adapter, new Book());
    sync.onSnapshot(snapshot(500));
    expect(sync.onDelta(diff(501, 502, [['10', '1']])).kind).toBe('changed');
    expect(sync.onDelta(diff(504, 505)).kind).toBe('resync');
  });

  it('a snapshot without an id starts the chain at 0', () => {
    const sync = new BookSync(chained().adapter, new Book());
    sync.onSnapshot(snapshot(undefined));
    expect(sync.onDelta(diff(1, 1, [['10', '1']])).kind).toBe('changed');
  });

  it('the first update after each snapshot is told so, and only the first', () => {
    const { adapter, firsts } = chained();
    const sync = new BookSync(adapter, new Book());
    sync.onSnapshot(snapshot(10));
    sync.onDelta(diff(11, 11, [['10', '1']]));
    sync.onDelta(diff(12, 12, [['10', '2']]));
    sync.onSnapshot(snapshot(20));
    sync.onDelta(diff(21, 21, [['10', '3']]));
    expect(firsts).toEqual([true, false, true]);
  });

  it('a REST snapshot makes the next update the first again', () => {
    const firsts: boolean[] = [];
    const rule = binance.sequence!;
    const adapter = { ...binance, sequence: { ...rule, classify: (seq: number, first: boolean, d: DeltaEvent) => (firsts.push(first), rule.classify(seq, first, d)) } } as VenueAdapter;
    const sync = new BookSync(adapter, new Book());
    sync.onDelta(diff(101, 101, [['10', '1']]));
    sync.onRestSnapshot(snapshot(100));
    sync.onDelta(diff(102, 102, [['10', '2']]));
    sync.reset();
    sync.onDelta(diff(201, 201, [['10', '3']]));
    sync.onRestSnapshot(snapshot(200));
    expect(firsts).toEqual([true, false, true]);
  });

  it('a diff that bridges but breaks the checksum leaves the book out of sync', () => {
    const adapter = { ...binance, checksum: (book: Book) => book.topBids(100).length } as VenueAdapter;
    const sync = new BookSync(adapter, new Book());
    sync.onDelta({ ...diff(101, 101, [['10', '1']]), checksum: 99 });
    expect(sync.onRestSnapshot(snapshot(100)).kind).toBe('resync');
    expect(sync.synced).toBe(false);
  });
});

describe('BookSync at a fixed depth', () => {
  it("keeps the venue's depth after a snapshot and after each update", () => {
    const { adapter } = chained({ depthLimit: 2 });
    const book = new Book();
    const sync = new BookSync(adapter, book);
    sync.onSnapshot(snapshot(1, [['10', '1'], ['9', '1'], ['8', '1']], [['11', '1'], ['12', '1'], ['13', '1']]));
    expect(book.topBids(5)).toEqual([['10', '1'], ['9', '1']]);
    expect(book.topAsks(5)).toEqual([['11', '1'], ['12', '1']]);
    sync.onDelta(diff(2, 2, [['9.5', '1']]));
    expect(book.topBids(5)).toEqual([['10', '1'], ['9.5', '1']]);
  });

  it('keeps every level where the venue sets no depth', () => {
    const book = new Book();
    new BookSync(chained().adapter, book).onSnapshot(snapshot(1, [['10', '1'], ['9', '1'], ['8', '1']], []));
    expect(book.topBids(5)).toHaveLength(3);
  });
});

describe('BookSync on a crossed book', () => {
  it('lets a cross of exactly a tick and a half pass, and not more', () => {
    const full = { ...binance, sync: 'full-snapshot', sequence: undefined } as VenueAdapter;
    const sync = new BookSync(full, new Book(), () => ({ tickSize: 2 }));
    expect(sync.onSnapshot(snapshot(1, [['103', '1']], [['100', '1']])).kind).toBe('changed');
    expect(sync.onSnapshot(snapshot(2, [['103.5', '1']], [['100', '1']])).kind).toBe('resync');
  });
});

describe('BookSync meeting another connection of the same stream', () => {
  it('says whether a diff is behind, at, next to or ahead of the book', () => {
    const sync = new BookSync(binance, new Book());
    expect(sync.meet(diff(101, 101))).toBeUndefined();
    sync.onDelta(diff(101, 103, [['10', '1']]));
    sync.onRestSnapshot(snapshot(102));
    // The book is at 103.
    expect(sync.meet(diff(100, 102))).toBe('passed');
    expect(sync.meet(diff(101, 103))).toBe('at');
    expect(sync.meet(diff(104, 106))).toBe('next');
    expect(sync.meet(diff(108, 110))).toBe('ahead');
    expect(sync.meet({ type: 'delta', bids: [], asks: [] })).toBeUndefined();
    expect(new BookSync({ ...binance, sync: 'full-snapshot', sequence: undefined } as VenueAdapter, new Book()).meet(diff(1, 1))).toBeUndefined();
  });
});

describe('BookSync gap messages', () => {
  it('a diff without ids is a gap that says so', () => {
    const sync = new BookSync(binance, new Book());
    sync.onDelta(diff(101, 101, [['10', '1']]));
    sync.onRestSnapshot(snapshot(100));
    expect(sync.onDelta({ type: 'delta', bids: [], asks: [] })).toEqual({ kind: 'resync', reason: 'sequence gap at ? (book at 101)' });
  });
});
