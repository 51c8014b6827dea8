/**
 * ConnectLimiter: paces new WebSocket connections per venue so depthmux never opens more than a
 * venue accepts from one IP. Symbol switching, warm revivals and reconnect storms all open
 * connections; the limiter queues the excess (FIFO per venue) instead of letting the venue refuse
 * or ban the address. It owns only its refill timers, one per venue and only while someone waits;
 * a request dropped by its owner (a closed socket) leaves nothing behind.
 *
 * Each budget "N connections per T ms" becomes a token bucket of `burst = max(1, floor(N / 4))`
 * tokens refilled at `(N - burst) / T`: in any window of length T at most burst + (N - burst) = N
 * connections are granted, so the venue's own window (fixed or sliding) is never exceeded, while a
 * single switch (one connection per venue) still goes out at once.
 */

export interface ConnectBudget {
  /** New connections the venue accepts from one IP per `perMs`. */
  readonly connections: number;
  readonly perMs: number;
  /** Venues sharing one limit (same host / same per-IP counter) share a bucket. */
  readonly bucket?: string;
}

const MINUTE = 60_000;

/** For venues without a documented figure: as strict as the strictest documented one. */
export const FALLBACK_BUDGET: ConnectBudget = { connections: 30, perMs: MINUTE };

export interface ConnectLimiterOptions {
  /** Per venue id, from the venue registry; a venue not named gets `fallback`. */
  readonly budgets?: Readonly<Record<string, ConnectBudget>>;
  readonly fallback?: ConnectBudget;
  readonly now?: () => number;
}

/** Drops a queued request; a no-op once the request was granted or dropped. */
export type CancelConnect = () => void;

interface Waiter {
  readonly open: () => void;
  /** Told when the limiter closes with the request still queued. */
  readonly dropped?: () => void;
}

/** Tokens a bucket starts with and holds at most: a single switch still goes out at once. */
const burstOf = (budget: ConnectBudget): number => Math.max(1, Math.floor(budget.connections / 4));

/** Tokens per millisecond once the burst is spent; at least one per window, so 1/min still refills. */
const refillPerMs = (budget: ConnectBudget): number => Math.max(1, budget.connections - burstOf(budget)) / budget.perMs;

/** The gap between new connections a budget sustains once its burst is spent. */
export const sustainedIntervalMs = (budget: ConnectBudget): number => 1 / refillPerMs(budget);

class Bucket {
  readonly queue: Waiter[] = [];
  timer: NodeJS.Timeout | undefined;
  private tokens: number;
  private readonly burst: number;
  private readonly perMs: number;
  private updatedAt: number;

  constructor(budget: ConnectBudget, now: number) {
    this.burst = burstOf(budget);
    this.perMs = refillPerMs(budget);
    this.tokens = this.burst;
    this.updatedAt = now;
  }

  /** Takes a token if one is there. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
    // Float refills land a hair below 1 at the exact moment a token is due.
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }

  /** Milliseconds until the next token. */
  waitMs(): number {
    return this.perMs > 0 ? Math.max(1, Math.ceil((1 - this.tokens) / this.perMs)) : Number.POSITIVE_INFINITY;
  }
}

export class ConnectLimiter {
  private readonly budgets: Readonly<Record<string, ConnectBudget>>;
  private readonly fallback: ConnectBudget;
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();
  private closed = false;

  constructor(options: ConnectLimiterOptions = {}) {
    this.budgets = options.budgets ?? {};
    this.fallback = options.fallback ?? FALLBACK_BUDGET;
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * Calls `open` once `venueId` may open a connection: synchronously when a token is free and no
   * one is queued ahead, otherwise later in FIFO order. The returned cancel drops the request if it
   * is still queued; a closed socket must call it. An arrow so it can be handed over as is.
   */
  readonly request = (venueId: string, open: () => void): CancelConnect => this.enqueue(venueId, { open });

  /** Promise form: true when granted, false when `signal` aborted or the limiter closed first. */
  acquire(venueId: string, signal?: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      if (signal?.aborted || this.closed) return resolve(false);
      let settled = false;
      const finish = (granted: boolean): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(granted);
      };
      const onAbort = (): void => {
        cancel();
        finish(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const cancel = this.enqueue(venueId, { open: () => finish(true), dropped: () => finish(false) });
    });
  }

  /** Requests waiting for `venueId`'s bucket. */
  queued(venueId: string): number {
    return this.buckets.get(this.bucketKey(venueId))?.queue.length ?? 0;
  }

  /** Drops every queued request and timer; nothing is granted afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const bucket of this.buckets.values()) {
      if (bucket.timer !== undefined) clearTimeout(bucket.timer);
      bucket.timer = undefined;
      const dropped = bucket.queue.splice(0);
      for (const waiter of dropped) waiter.dropped?.();
    }
  }

  private enqueue(venueId: string, waiter: Waiter): CancelConnect {
    if (this.closed) {
      waiter.dropped?.();
      return () => {};
    }
    const bucket = this.bucket(venueId);
    if (bucket.queue.length === 0 && bucket.take(this.now())) {
      waiter.open();
      return () => {};
    }
    bucket.queue.push(waiter);
    this.schedule(bucket);
    return () => {
      const index = bucket.queue.indexOf(waiter);
      if (index < 0) return;
      bucket.queue.splice(index, 1);
      // The last waiter left: no timer may outlive the need for it.
      if (bucket.queue.length === 0 && bucket.timer !== undefined) {
        clearTimeout(bucket.timer);
        bucket.timer = undefined;
      }
    };
  }

  private schedule(bucket: Bucket): void {
    if (bucket.timer !== undefined || bucket.queue.length === 0 || this.closed) return;
    bucket.timer = setTimeout(() => {
      bucket.timer = undefined;
      this.drain(bucket);
    }, bucket.waitMs());
  }

  private drain(bucket: Bucket): void {
    try {
      while (!this.closed && bucket.queue.length > 0 && bucket.take(this.now())) {
        bucket.queue.shift()?.open();
      }
    } finally {
      // Even if a grant threw, the ones still queued keep their timer.
      this.schedule(bucket);
    }
  }

  private bucketKey(venueId: string): string {
    return this.budgets[venueId]?.bucket ?? venueId;
  }

  private bucket(venueId: string): Bucket {
    const key = this.bucketKey(venueId);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(this.budgets[venueId] ?? this.fallback, this.now());
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
