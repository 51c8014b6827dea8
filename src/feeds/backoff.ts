/**
 * Reconnect delays: capped exponential with full jitter (AWS architecture blog, "Exponential
 * Backoff And Jitter"), so that many feeds dropped at once do not reconnect in lockstep.
 * It never gives up: a viewer keeps trying; the attempt count resets only once a connection has
 * carried data for a while (the owner decides when and calls `reset`).
 */

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** No delay is shorter than this, so a flapping server is not hammered. */
  readonly floorMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 750, capMs: 30_000, floorMs: 250 };

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  get attempts(): number {
    return this.attempt;
  }

  /** Delay before the next attempt; `retryAfterMs` (HTTP 429/418 Retry-After) is a lower bound. */
  next(retryAfterMs = 0): number {
    const ceiling = Math.min(this.policy.capMs, this.policy.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    const jittered = Math.max(this.policy.floorMs, this.random() * ceiling);
    return Math.max(jittered, retryAfterMs);
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number {
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : 0;
}
