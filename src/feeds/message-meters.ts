/**
 * What a feed's messages say about it on the health pane: when the last one came, how many a
 * second, the venue's time to receipt, and whether the book has fallen behind its venue. Fed from
 * the hot path; a lost connection forgets what described it.
 */
import { BookLag } from './book-lag.js';
import type { LinkPhase } from './connection.js';
import { LatencyMeter, RateMeter, feedState, type FeedHealth } from './health.js';
import type { SyncModel } from './types.js';

/** What the link itself says on the health pane (ResilientSocket's own fields). */
export interface LinkFacts {
  readonly phase: LinkPhase;
  readonly connectedSince: number | undefined;
  readonly reconnects: number;
  readonly failedAttempts: number;
  readonly lastError: string | undefined;
  readonly lastErrorAt: number | undefined;
  readonly retryAt: number | undefined;
}

/** What the feed's book says: in sync, rebuilt how often, listed at all. */
export interface BookFacts {
  readonly synced: boolean;
  readonly resyncs: number;
  readonly notListed: boolean;
}

export class MessageMeters {
  private lastMessageAt: number | undefined;
  private readonly rate = new RateMeter();
  private readonly latency = new LatencyMeter();
  private readonly lag: BookLag;

  constructor(sync: SyncModel) {
    this.lag = new BookLag(sync);
  }

  /** Any frame from the venue. */
  received(at: number): void {
    this.lastMessageAt = at;
    this.rate.mark(at);
  }

  /** A market data message; returns what to tell the user when it shows the book fell behind. */
  marketData(kind: 'snapshot' | 'delta', exchangeTime: number | undefined, receivedAt: number): string | undefined {
    if (exchangeTime === undefined) return undefined;
    this.latency.sample(exchangeTime, receivedAt);
    return this.lag.sample(kind, exchangeTime, receivedAt);
  }

  connectionLost(): void {
    this.latency.reset();
    this.lag.connectionLost();
  }

  health(link: LinkFacts, book: BookFacts, now: number): FeedHealth {
    return {
      state: feedState(link.phase, book.synced, this.lag.behind),
      connectedSince: link.connectedSince,
      lastMessageAt: this.lastMessageAt,
      msgsPerSec: this.rate.perSecond(now),
      // A figure from a connection that is gone says nothing about the next one.
      latencyMs: link.connectedSince === undefined ? undefined : this.latency.ms,
      reconnects: link.reconnects,
      failedAttempts: link.failedAttempts,
      resyncs: book.resyncs,
      lastError: link.lastError,
      lastErrorAt: link.lastErrorAt,
      retryAt: link.retryAt,
      notListed: book.notListed,
    };
  }
}
