/** How a connection judges its link and paces its retries; a venue's codec fills the heartbeat. */
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { HeartbeatPolicy, VenueAdapter } from './types.js';

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
  /**
   * The protocol-ping probe: after `idleMs` without any frame a ping goes out, and no frame at
   * all within `timeoutMs` after it means the link is dead. A half-open connection (no FIN, no
   * RST: a NAT that forgot the flow) shows no error of its own; this is how it is found within
   * seconds on every venue, whatever the venue's own heartbeat period.
   */
  readonly probe: { readonly idleMs: number; readonly timeoutMs: number };
}

export const DEFAULT_TUNING: Omit<LinkTuning, 'heartbeat' | 'staleAfterMs'> = {
  reconnectAfterStaleMs: 5_000,
  backoff: DEFAULT_BACKOFF,
  stableAfterMs: 15_000,
  downAfterMs: 2_000,
  connectTimeoutMs: 10_000,
  // A busy book sends several frames a second, so 2 s of silence is already news; 3 s covers a
  // loaded machine's answer. A dead link is found within about 5 s.
  probe: { idleMs: 2_000, timeoutMs: 3_000 },
};

/** A venue's link: the shared defaults, the venue's own heartbeat and stall limit, then any overrides. */
export function venueTuning(venue: Pick<VenueAdapter, 'heartbeat' | 'staleAfterMs'>, overrides?: Partial<LinkTuning>): LinkTuning {
  return { ...DEFAULT_TUNING, heartbeat: venue.heartbeat, staleAfterMs: venue.staleAfterMs, ...overrides };
}
