/**
 * ConnectLimiter: paces new WebSocket connections per venue so depthmux never opens more than a
 * venue accepts from one IP. Symbol switching, warm revivals and reconnect storms all open
 * connections; the limiter queues the excess (FIFO per venue) instead of letting the venue refuse
 * or ban the address. It owns only its timers, one per venue and only while someone waits; a
 * request dropped by its owner (a closed socket) leaves nothing behind and spends nothing.
 *
 * Each budget "N connections per T ms" is kept as the venue states it: at most N grants in any
 * window of T (plus HANDSHAKE_SLACK_MS). A sliding window holds every fixed window the venue may
 * count in, so it is exactly as strict as the venue and no stricter: a switch's connections to one
 * host (OKX spot and swaps share 3 a second) all go out at once while the window has room.
 */

export interface ConnectBudget {
  /** New connections the venue accepts from one IP per `perMs`. */
  readonly connections: number;
  readonly perMs: number;
  /** Venues counted together by the exchange (one host, one per-IP counter) share one window. */
  readonly sharedLimit?: string;
}

const MINUTE = 60_000;

/** For venues without a documented figure: as strict as the strictest documented one. */
export const FALLBACK_BUDGET: ConnectBudget = { connections: 30, perMs: MINUTE };

/**
 * How much longer than the venue's window a grant keeps its slot. The venue counts a connection
 * when its handshake (TCP, TLS, HTTP upgrade: a few round trips) reaches it, so two grants exactly
 * a window apart can land closer together by the difference of their handshake times.
 */
export const HANDSHAKE_SLACK_MS = 100;

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

const windowMs = (budget: ConnectBudget): number => budget.perMs + HANDSHAKE_SLACK_MS;

/** The gap between new connections a budget sustains over many windows. */
export const sustainedIntervalMs = (budget: ConnectBudget): number => windowMs(budget) / Math.max(1, budget.connections);

/** One venue's (or one shared limit's) grants in the current window, and who waits for a slot. */
class SlidingWindow {
  readonly queue: Waiter[] = [];
  timer: NodeJS.Timeout | undefined;
  /** Grant times still inside the window, oldest first. */
  private readonly grants: number[] = [];
  private readonly capacity: number;
  private readonly lengthMs: number;

  constructor(budget: ConnectBudget) {
    this.capacity = Math.max(1, budget.connections);
    this.lengthMs = windowMs(budget);
  }

  /** Takes a slot if the window has one. */
  take(now: number): boolean {
    while (this.grants.length > 0 && now - this.grants[0]! >= this.lengthMs) this.grants.shift();
    if (this.grants.length >= this.capacity) return false;
    this.grants.push(now);
    return true;
  }

  /** Milliseconds until the oldest grant leaves the window (only called when it is full). */
  waitMs(now: number): number {
    return Math.max(1, this.grants[0]! + this.lengthMs - now);
  }
}

export class ConnectLimiter {
  private readonly budgets: Readonly<Record<string, ConnectBudget>>;
  private readonly fallback: ConnectBudget;
  private readonly now: () => number;
  private readonly windows = new Map<string, SlidingWindow>();
  private closed = false;

  constructor(options: ConnectLimiterOptions = {}) {
    this.budgets = options.budgets ?? {};
    this.fallback = options.fallback ?? FALLBACK_BUDGET;
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * Calls `open` once `venueId` may open a connection: synchronously when the window has room and no
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

  /** Requests waiting for a slot in `venueId`'s window. */
  queued(venueId: string): number {
    return this.windows.get(this.limitKey(venueId))?.queue.length ?? 0;
  }

  /** Drops every queued request and timer; nothing is granted afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const window of this.windows.values()) {
      if (window.timer !== undefined) clearTimeout(window.timer);
      window.timer = undefined;
      const dropped = window.queue.splice(0);
      for (const waiter of dropped) waiter.dropped?.();
    }
  }

  private enqueue(venueId: string, waiter: Waiter): CancelConnect {
    if (this.closed) {
      waiter.dropped?.();
      return () => {};
    }
    const window = this.window(venueId);
    if (window.queue.length === 0 && window.take(this.now())) {
      waiter.open();
      return () => {};
    }
    window.queue.push(waiter);
    this.schedule(window);
    return () => {
      const index = window.queue.indexOf(waiter);
      if (index < 0) return;
      window.queue.splice(index, 1);
      // The last waiter left: no timer may outlive the need for it.
      if (window.queue.length === 0 && window.timer !== undefined) {
        clearTimeout(window.timer);
        window.timer = undefined;
      }
    };
  }

  private schedule(window: SlidingWindow): void {
    if (window.timer !== undefined || window.queue.length === 0 || this.closed) return;
    window.timer = setTimeout(() => {
      window.timer = undefined;
      this.drain(window);
    }, window.waitMs(this.now()));
  }

  private drain(window: SlidingWindow): void {
    try {
      while (!this.closed && window.queue.length > 0 && window.take(this.now())) {
        window.queue.shift()?.open();
      }
    } finally {
      // Even if a grant threw, the ones still queued keep their timer.
      this.schedule(window);
    }
  }

  private limitKey(venueId: string): string {
    return this.budgets[venueId]?.sharedLimit ?? venueId;
  }

  private window(venueId: string): SlidingWindow {
    const key = this.limitKey(venueId);
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(this.budgets[venueId] ?? this.fallback);
      this.windows.set(key, window);
    }
    return window;
  }
}
