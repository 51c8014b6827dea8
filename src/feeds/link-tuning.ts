/** How a connection judges its link and paces its retries; a venue's codec fills the heartbeat. */
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { HeartbeatPolicy } from './types.js';

export interface LinkTuning {
  readonly heartbeat: HeartbeatPolicy;
  /** No market data for this long while connected -> `stale`. */
  readonly staleAfterMs: number;
  /** Stale for this much longer -> reconnect. */
  readonly reconnectAfterStaleMs: number;
  readonly backoff: BackoffPolicy;
  /** A connection that carried data this long resets the backoff attempts. */
  readonly stableAfterMs: number;
  /** A retry wait at least this long shows as `down` rather than `reconnecting`. */
  readonly downAfterMs: number;
  readonly connectTimeoutMs: number;
}

export const DEFAULT_TUNING: Omit<LinkTuning, 'heartbeat' | 'staleAfterMs'> = {
  reconnectAfterStaleMs: 5_000,
  backoff: DEFAULT_BACKOFF,
  stableAfterMs: 15_000,
  downAfterMs: 2_000,
  connectTimeoutMs: 10_000,
};
