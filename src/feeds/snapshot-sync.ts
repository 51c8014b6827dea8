/**
 * Keeps a Book consistent with a venue's stream, by the venue's own sequence and checksum rules.
 * Pure bookkeeping: no socket, no timer, no fetch. The feed hands it decoded events and acts on
 * the verdict (fetch a snapshot, resync).
 *
 * The rest-snapshot model follows Binance's "How to manage a local order book correctly"
 * (developers.binance.com, spot WebSocket Streams): buffer the diffs, fetch a snapshot, drop the
 * buffered diffs it already contains, bridge the first one, then apply in order; a snapshot older
 * than the first buffered diff is fetched again. A snapshot is not trusted on its own: until a
 * diff has bridged onto it, nothing proves it is not minutes old (a cached or delayed answer), so
 * the book is in sync only from the first diff that bridges.
 */
import type { Book } from '../book/book.js';
import type { DeltaEvent, InstrumentFacts, SnapshotEvent, VenueAdapter } from './types.js';

export type SyncOutcome =
  /** The book changed and is consistent. */
  | { readonly kind: 'changed' }
  /** Nothing visible changed (buffered, or waiting). */
  | { readonly kind: 'unchanged' }
  /** The update was already in the book (older than the snapshot or the last update applied). */
  | { readonly kind: 'skipped' }
  /** rest-snapshot: a REST snapshot is needed now. */
  | { readonly kind: 'need-snapshot' }
  /** The book is wrong: rebuild it. */
  | { readonly kind: 'resync'; readonly reason: string };

export type StreamMeeting = 'passed' | 'at' | 'next' | 'ahead';

const CHANGED: SyncOutcome = { kind: 'changed' };
const UNCHANGED: SyncOutcome = { kind: 'unchanged' };
const SKIPPED: SyncOutcome = { kind: 'skipped' };
const NEED_SNAPSHOT: SyncOutcome = { kind: 'need-snapshot' };

/**
 * What the sync has seen, as a replay reports it:
 * - bookStates: snapshots taken plus updates applied, each that passed every check (the book a
 *   consumer could have been handed); skipped and still-buffered updates are not states;
 * - gaps: updates whose sequence ids show that something between was missed;
 * - checksums verified and failed: venue checksums compared with the book's.
 */
export interface SyncCounts {
  bookStates: number;
  gaps: number;
  checksumsVerified: number;
  checksumsFailed: number;
}

/** Diffs kept while a snapshot is on its way; past this the snapshot is hopeless and we restart. */
const MAX_BUFFERED = 100_000;

export class BookSync {
  synced = false;
  readonly counts: SyncCounts = { bookStates: 0, gaps: 0, checksumsVerified: 0, checksumsFailed: 0 };
  private bookSeq = 0;
  private firstAfterSnapshot = true;
  private buffer: DeltaEvent[] = [];
  private snapshotRequested = false;
  /** rest-snapshot: a snapshot is in the book and no diff has bridged onto it yet. */
  private awaitingBridge = false;

  constructor(
    private readonly adapter: VenueAdapter,
    private readonly book: Book,
    /** The instrument facts, once fetched: a checksum may format levels with them. */
    private readonly instrument: () => InstrumentFacts | undefined = () => undefined,
  ) {}

  /** The stream broke or the book was found wrong: forget everything but the levels on screen. */
  reset(): void {
    this.synced = false;
    this.bookSeq = 0;
    this.firstAfterSnapshot = true;
    this.buffer = [];
    this.snapshotRequested = false;
    this.awaitingBridge = false;
  }

  /**
   * A new connection. A rest-snapshot venue asks for its snapshot at once rather than on the
   * first diff: a quiet symbol may send none for seconds, and an unlisted one never does (its
   * REST answer is how we learn it is not listed).
   */
  begin(): SyncOutcome {
    if (this.adapter.sync !== 'rest-snapshot' || this.snapshotRequested) return UNCHANGED;
    this.snapshotRequested = true;
    return NEED_SNAPSHOT;
  }

  /** A snapshot from the socket (ws-snapshot, full-snapshot). */
  onSnapshot(event: SnapshotEvent): SyncOutcome {
    this.book.replace(event.bids, event.asks);
    this.truncate();
    this.bookSeq = event.seq ?? 0;
    this.firstAfterSnapshot = true;
    this.synced = true;
    return this.verified(event.checksum);
  }

  onDelta(event: DeltaEvent): SyncOutcome {
    if (this.awaitingBridge) return this.bridge(event);
    if (!this.synced) {
      if (this.adapter.sync !== 'rest-snapshot') return UNCHANGED;
      this.buffer.push(event);
      if (this.buffer.length > MAX_BUFFERED) return { kind: 'resync', reason: 'snapshot too slow: diff buffer overflow' };
      if (this.snapshotRequested) return UNCHANGED;
      this.snapshotRequested = true;
      return NEED_SNAPSHOT;
    }
    return this.applyDelta(event);
  }

  /** The REST snapshot arrived (rest-snapshot): bridge the buffered diffs onto it. */
  onRestSnapshot(event: SnapshotEvent): SyncOutcome {
    const seq = event.seq ?? 0;
    const pending = this.buffer;
    const firstPending = pending[0];
    if (firstPending?.firstSeq !== undefined && seq < firstPending.firstSeq - 1) {
      // Older than the first diff we hold: the diffs between are lost; ask again.
      return NEED_SNAPSHOT;
    }
    this.buffer = [];
    this.snapshotRequested = false;
    this.book.replace(event.bids, event.asks);
    this.truncate();
    this.bookSeq = seq;
    this.firstAfterSnapshot = true;
    this.awaitingBridge = true;
    this.counts.bookStates++;
    for (const delta of pending) {
      const outcome = this.bridge(delta);
      if (outcome.kind === 'resync') return outcome;
    }
    return this.synced ? CHANGED : UNCHANGED;
  }

  /** A diff after a REST snapshot: the first one that applies proves the snapshot current. */
  private bridge(event: DeltaEvent): SyncOutcome {
    if (!this.awaitingBridge) return this.applyDelta(event);
    const outcome = this.applyDelta(event);
    if (outcome.kind === 'changed' && !this.firstAfterSnapshot) {
      this.awaitingBridge = false;
      this.synced = true;
    }
    return outcome.kind === 'resync' || outcome.kind === 'skipped' || this.synced ? outcome : UNCHANGED;
  }

  /**
   * Where a diff from another connection to the same stream (a planned swap's standby) meets
   * this book: `passed` (the book is past it: of no use), `at` (the book is exactly at its end:
   * that connection's next diff continues the book), `next` (it applies on the book now),
   * `ahead` (the book has not reached it yet); undefined while the book is not in sync.
   */
  meet(event: DeltaEvent): StreamMeeting | undefined {
    const rule = this.adapter.sequence;
    if (!this.synced || !rule || event.lastSeq === undefined) return undefined;
    if (event.lastSeq < this.bookSeq) return 'passed';
    if (event.lastSeq === this.bookSeq) return 'at';
    return rule.classify(this.bookSeq, this.firstAfterSnapshot, event) === 'apply' ? 'next' : 'ahead';
  }

  /** A snapshot request failed: the next diff asks again. */
  snapshotFailed(): void {
    this.snapshotRequested = false;
  }

  private applyDelta(event: DeltaEvent): SyncOutcome {
    const rule = this.adapter.sequence;
    if (rule) {
      const verdict = rule.classify(this.bookSeq, this.firstAfterSnapshot, event);
      if (verdict === 'skip') return SKIPPED;
      if (verdict === 'gap') {
        this.synced = false;
        this.counts.gaps++;
        return { kind: 'resync', reason: `sequence gap at ${describeSeq(event)} (book at ${this.bookSeq})` };
      }
      this.bookSeq = rule.seqAfter(event);
    }
    this.firstAfterSnapshot = false;
    this.book.apply(event.bids, event.asks);
    this.truncate();
    return this.verified(event.checksum);
  }

  /** The book changed: checked against the venue's checksum where it sent one, and counted. */
  private verified(expected: number | undefined): SyncOutcome {
    const failed = this.verifyChecksum(expected) ?? this.verifyUncrossed();
    if (failed) {
      this.synced = false;
      return failed;
    }
    this.counts.bookStates++;
    return CHANGED;
  }

  /** A venue's own book crossed by more than a tick is corrupt, whatever its checks said. */
  private verifyUncrossed(): SyncOutcome | undefined {
    const by = this.book.crossedBy;
    if (by === 0) return undefined;
    const tick = this.instrument()?.tickSize ?? this.book.quotedTick ?? 0;
    // Half a tick of slack for binary fractions: 0.3 - 0.2 is not 0.1.
    if (by <= tick * 1.5) return undefined;
    return { kind: 'resync', reason: `book crossed: best bid ${this.book.bestBid} above best ask ${this.book.bestAsk}` };
  }

  private truncate(): void {
    if (this.adapter.depthLimit !== undefined) this.book.truncate(this.adapter.depthLimit);
  }

  private verifyChecksum(expected: number | undefined): SyncOutcome | undefined {
    if (expected === undefined || !this.adapter.checksum) return undefined;
    const actual = this.adapter.checksum(this.book, this.instrument());
    if (actual >>> 0 === expected >>> 0) {
      this.counts.checksumsVerified++;
      return undefined;
    }
    this.counts.checksumsFailed++;
    return { kind: 'resync', reason: `checksum mismatch (got ${actual >>> 0}, venue sent ${expected >>> 0})` };
  }
}

function describeSeq(event: DeltaEvent): string {
  const parts = [event.prevSeq, event.firstSeq, event.lastSeq].filter((n) => n !== undefined);
  return parts.join('/') || '?';
}
