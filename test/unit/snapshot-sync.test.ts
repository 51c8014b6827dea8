import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { FROZEN_AFTER_MS, FrozenBookWatch } from '../../src/feeds/frozen-book-watch.js';
import { BookSync } from '../../src/feeds/snapshot-sync.js';
import { binanceSpot } from '../../src/feeds/venues/binance-spot.js';
import type { DeltaEvent, SnapshotEvent, VenueAdapter } from '../../src/feeds/types.js';

const delta = (U: number, u: number, bids: [string, string][] = [], asks: [string, string][] = []): DeltaEvent => ({
  type: 'delta', firstSeq: U, lastSeq: u, bids, asks,
});
const snapshot = (seq: number, bids: [string, string][], asks: [string, string][]): SnapshotEvent => ({ type: 'snapshot', seq, bids, asks });

describe('BookSync with a REST snapshot (Binance spot rules)', () => {
  const adapter = binanceSpot({ ws: 'ws://x', rest: 'http://x' });

  it('asks for one snapshot on the first diff, buffers, then bridges', () => {
    const book = new Book();
    const sync = new BookSync(adapter, book);
    expect(sync.onDelta(delta(101, 103, [['10', '1']])).kind).toBe('need-snapshot');
    expect(sync.onDelta(delta(104, 105, [['11', '1']])).kind).toBe('unchanged');
    expect(sync.onDelta(delta(106, 108, [['12', '1']])).kind).toBe('unchanged');
    // The snapshot is at 105: the first two diffs are inside it; the third bridges.
    const outcome = sync.onRestSnapshot(snapshot(105, [['9', '1'], ['11', '1']], [['20', '1']]));
    expect(outcome.kind).toBe('changed');
    expect(sync.synced).toBe(true);
    expect(book.topBids(5)).toEqual([['12', '1'], ['11', '1'], ['9', '1']]);
    expect(sync.onDelta(delta(109, 109, [['9', '0']])).kind).toBe('changed');
    expect(book.topBids(5)).toEqual([['12', '1'], ['11', '1']]);
  });

  it('asks again when the snapshot is older than the first buffered diff', () => {
    const sync = new BookSync(adapter, new Book());
    sync.onDelta(delta(200, 210));
    expect(sync.onRestSnapshot(snapshot(150, [], [])).kind).toBe('need-snapshot');
    expect(sync.synced).toBe(false);
  });

  it('accepts a snapshot exactly one id before the first buffered diff, and asks again one id older', () => {
    const bridging = new BookSync(adapter, new Book());
    bridging.onDelta(delta(200, 210, [['5', '1']]));
    expect(bridging.onRestSnapshot(snapshot(199, [['4', '1']], [['9', '1']])).kind).toBe('changed');
    expect(bridging.synced).toBe(true);
    const older = new BookSync(adapter, new Book());
    older.onDelta(delta(200, 210));
    expect(older.onRestSnapshot(snapshot(198, [], [])).kind).toBe('need-snapshot');
  });

  it('a gap among the buffered diffs is found while bridging them onto the snapshot', () => {
    const sync = new BookSync(adapter, new Book());
    sync.onDelta(delta(101, 103, [['10', '1']]));
    sync.onDelta(delta(104, 105, [['11', '1']]));
    sync.onDelta(delta(109, 110, [['12', '1']])); // 106..108 never came
    const outcome = sync.onRestSnapshot(snapshot(103, [['9', '1']], [['20', '1']]));
    expect(outcome).toEqual({ kind: 'resync', reason: 'sequence gap at 109/110 (book at 105)' });
    expect(sync.synced).toBe(false);
  });

  it('a snapshot with no diff after it is not in sync until a diff bridges onto it', () => {
    const book = new Book();
    const sync = new BookSync(adapter, book);
    expect(sync.begin().kind).toBe('need-snapshot');
    // Nothing buffered yet: nothing proves the snapshot is current (it may be minutes old).
    expect(sync.onRestSnapshot(snapshot(500, [['9', '1']], [['20', '1']])).kind).toBe('unchanged');
    expect(sync.synced).toBe(false);
    // A diff the snapshot already holds proves nothing either.
    expect(sync.onDelta(delta(499, 500)).kind).toBe('skipped');
    expect(sync.synced).toBe(false);
    expect(sync.onDelta(delta(501, 502, [['10', '1']])).kind).toBe('changed');
    expect(sync.synced).toBe(true);
    expect(book.topBids(5)).toEqual([['10', '1'], ['9', '1']]);
  });

  it('a stale snapshot is never in sync: the first diff after it shows the gap', () => {
    const sync = new BookSync(adapter, new Book());
    sync.begin();
    sync.onRestSnapshot(snapshot(500, [['9', '1']], [['20', '1']]));
    expect(sync.onDelta(delta(9_000, 9_001)).kind).toBe('resync');
    expect(sync.synced).toBe(false);
  });

  it('reports a gap once in sync, and starts over after reset', () => {
    const sync = new BookSync(adapter, new Book());
    sync.onDelta(delta(101, 101));
    sync.onRestSnapshot(snapshot(101, [['1', '1']], [['2', '1']]));
    const gap = sync.onDelta(delta(105, 106));
    expect(gap.kind).toBe('resync');
    sync.reset();
    expect(sync.synced).toBe(false);
    expect(sync.onDelta(delta(107, 108)).kind).toBe('need-snapshot');
  });
});

describe("BookSync on a venue's own crossed book", () => {
  const fullBooks = { ...binanceSpot({ ws: 'ws://x', rest: 'http://x' }), sync: 'full-snapshot', sequence: undefined } as VenueAdapter;

  it('resyncs a book whose bid is above its ask by more than a tick', () => {
    const sync = new BookSync(fullBooks, new Book());
    expect(sync.onSnapshot(snapshot(1, [['100.05', '1']], [['100.02', '1']]))).toEqual({ kind: 'resync', reason: 'book crossed: best bid 100.05 above best ask 100.02' });
    expect(sync.synced).toBe(false);
  });

  it('lets a cross of one tick pass: two sides updated in separate messages', () => {
    const sync = new BookSync(fullBooks, new Book());
    expect(sync.onSnapshot(snapshot(1, [['100.03', '1']], [['100.02', '1']])).kind).toBe('changed');
    expect(sync.onSnapshot(snapshot(2, [['100.02', '1']], [['100.02', '1']])).kind).toBe('changed');
  });

  it('uses the instrument tick where the venue publishes one', () => {
    const sync = new BookSync(fullBooks, new Book(), () => ({ tickSize: 0.5 }));
    expect(sync.onSnapshot(snapshot(1, [['100.5', '1']], [['100.0', '1']])).kind).toBe('changed');
    expect(sync.onSnapshot(snapshot(2, [['101.5', '1']], [['100.0', '1']])).kind).toBe('resync');
  });
});

describe('BookSync with checksums', () => {
  const checksummed: VenueAdapter = {
    ...binanceSpot({ ws: 'ws://x', rest: 'http://x' }),
    sync: 'ws-snapshot',
    sequence: undefined,
    // A stand-in rule: the number of bid levels. Real venues hash the top levels (CRC32).
    checksum: (book) => book.topBids(1000).length,
  } as VenueAdapter;

  it('accepts a matching checksum and demands a resync on a mismatch', () => {
    const sync = new BookSync(checksummed, new Book());
    expect(sync.onSnapshot({ type: 'snapshot', bids: [['1', '1'], ['2', '1']], asks: [], checksum: 2 }).kind).toBe('changed');
    expect(sync.onDelta({ type: 'delta', bids: [['3', '1']], asks: [], checksum: 3 }).kind).toBe('changed');
    const bad = sync.onDelta({ type: 'delta', bids: [['4', '1']], asks: [], checksum: 3 });
    expect(bad).toEqual({ kind: 'resync', reason: 'checksum mismatch (got 4, venue sent 3)' });
  });

  it('ignores diffs until the socket has sent its snapshot', () => {
    const sync = new BookSync(checksummed, new Book());
    expect(sync.onDelta({ type: 'delta', bids: [['4', '1']], asks: [] }).kind).toBe('unchanged');
    expect(sync.synced).toBe(false);
  });
});

describe('a book whose every update is skipped', () => {
  const adapter = binanceSpot({ ws: 'ws://x', rest: 'http://x' });

  /** A book in sync at 101, then one well-formed diff that claims ids up to `u`. */
  function pushedTo(u: number): BookSync {
    const sync = new BookSync(adapter, new Book());
    sync.onDelta(delta(100, 100));
    sync.onRestSnapshot(snapshot(99, [['9', '1']], [['20', '1']]));
    expect(sync.onDelta(delta(101, u, [['10', '1']])).kind).toBe('changed');
    return sync;
  }

  it('is frozen once it has skipped every update for a few seconds while they keep coming', () => {
    const sync = pushedTo(50_000);
    const watch = new FrozenBookWatch();
    const outcomes: string[] = [];
    for (let at = 0, id = 102; at <= FROZEN_AFTER_MS; at += 100, id++) outcomes.push(watch.judge(sync.onDelta(delta(id, id, [['11', '1']])), at).kind);
    expect(outcomes.slice(0, -1).every((kind) => kind === 'skipped')).toBe(true);
    expect(outcomes.at(-1)).toBe('resync');
  });

  it('names what it saw', () => {
    const watch = new FrozenBookWatch();
    watch.judge({ kind: 'skipped' }, 1_000);
    expect(watch.judge({ kind: 'skipped' }, 1_000 + FROZEN_AFTER_MS)).toEqual({ kind: 'resync', reason: 'book frozen: 2 updates in 3.0 s were all already in it' });
  });

  it('is not frozen while updates still apply among the skipped ones, or after a short catch-up', () => {
    const watch = new FrozenBookWatch();
    for (let at = 0; at < 10_000; at += 100) {
      const outcome = at % 2_000 === 0 ? { kind: 'changed' as const } : { kind: 'skipped' as const };
      expect(watch.judge(outcome, at).kind).toBe(outcome.kind);
    }
  });
});
