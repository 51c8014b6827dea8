/**
 * What a feed reports about itself. Counters are plain numbers the feed bumps on its hot path;
 * `FeedHealth` is the immutable picture the frame clock copies into the store.
 */
import type { LinkPhase } from './connection.js';

export type FeedState =
  | 'connecting'
  | 'syncing'
  | 'live'
  | 'stale'
  | 'reconnecting'
  | 'down'
  | 'closed';

export interface FeedHealth {
  readonly state: FeedState;
  /** When the current connection opened (ms since epoch). */
  readonly connectedSince?: number;
  readonly lastMessageAt?: number;
  readonly msgsPerSec: number;
  /**
   * Exchange timestamp to receipt, smoothed, where the venue sends one, while connected.
   * Negative: the venue's clock is ahead of this computer's (clock skew).
   */
  readonly latencyMs?: number;
  /** Connections that opened again after one was lost (not the attempts that failed meanwhile). */
  readonly reconnects: number;
  /** Connection attempts that never opened (refused, timed out, closed in the handshake). */
  readonly failedAttempts: number;
  /** Book rebuilds after a sequence gap or checksum mismatch. */
  readonly resyncs: number;
  readonly lastError?: string;
  readonly lastErrorAt?: number;
  /** While `down` or `reconnecting`: when the next attempt starts. */
  readonly retryAt?: number;
  /** The venue does not list the symbol: nothing more will be tried. */
  readonly notListed: boolean;
}

/** Messages per second over the last whole second, from two one-second buckets. */
export class RateMeter {
  private bucketStart = 0;
  private current = 0;
  private previous = 0;

  mark(now: number): void {
    this.roll(now);
    this.current++;
  }

  perSecond(now: number): number {
    this.roll(now);
    return this.previous;
  }

  private roll(now: number): void {
    const elapsed = now - this.bucketStart;
    if (elapsed < 1000) return;
    this.previous = elapsed < 2000 ? this.current : 0;
    this.current = 0;
    this.bucketStart = now - (elapsed % 1000);
  }
}

/** A change of latency this large is news, not noise. */
const LATENCY_JUMP_MS = 1_000;

/**
 * Exchange time to receipt, exponentially smoothed. Not clamped: a negative figure means the
 * venue's clock is ahead of ours (skew), and hiding it as 0 ms would hide the skew too. A sample
 * a second or more away from the smoothed figure (a skew that began or ended, a venue that fell
 * behind) is taken at once rather than decayed towards over many seconds.
 */
export class LatencyMeter {
  private value: number | undefined;

  sample(exchangeTime: number, receivedAt: number): void {
    const latency = receivedAt - exchangeTime;
    const jumped = this.value === undefined || Math.abs(latency - this.value) >= LATENCY_JUMP_MS;
    this.value = jumped ? latency : this.value! * 0.8 + latency * 0.2;
  }

  get ms(): number | undefined {
    return this.value === undefined ? undefined : Math.round(this.value);
  }

  reset(): void {
    this.value = undefined;
  }
}

/**
 * The state a user sees, from its owners: the connection's phase (connection.ts), the book's sync
 * (snapshot-sync.ts) and its age by the venue's clock (book-lag.ts). An open link is `live` only
 * while its book is in sync and current; a book in sync but far behind the venue is `stale`.
 */
export function feedState(phase: LinkPhase, synced: boolean, behind = false): FeedState {
  if (phase !== 'open') return phase;
  if (!synced) return 'syncing';
  return behind ? 'stale' : 'live';
}
