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
  /** Exchange timestamp to receipt, smoothed, where the venue sends one. */
  readonly latencyMs?: number;
  readonly reconnects: number;
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

/** Exponentially smoothed latency; clock skew can make single samples negative, so clamp. */
export class LatencyMeter {
  private value: number | undefined;

  sample(exchangeTime: number, receivedAt: number): void {
    const latency = Math.max(0, receivedAt - exchangeTime);
    this.value = this.value === undefined ? latency : this.value * 0.8 + latency * 0.2;
  }

  get ms(): number | undefined {
    return this.value === undefined ? undefined : Math.round(this.value);
  }

  reset(): void {
    this.value = undefined;
  }
}

/**
 * The state a user sees, from its two owners: the connection's phase (connection.ts) and the
 * book's sync (snapshot-sync.ts). An open link is `live` only while its book is in sync.
 */
export function feedState(phase: LinkPhase, synced: boolean): FeedState {
  return phase === 'open' ? (synced ? 'live' : 'syncing') : phase;
}
