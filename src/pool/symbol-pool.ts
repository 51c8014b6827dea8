/**
 * SymbolPool: which symbol sessions exist and when the screen moves from one to the next.
 *
 * The screen shows `current` until the session of the symbol switched to is READY, then swaps in
 * one step and keeps the old one warm (WarmCache), so the book never goes blank:
 *   - READY = every venue is live or has failed for good (not listed), with at least one live
 *     (venues the user left out of the merged book are not waited on: symbol-session.ts);
 *   - or, once `readinessTimeoutMs` has passed since the switch began, at least one venue is
 *     live (the rest join the screen as they get there). With none live it keeps waiting.
 * A symbol no venue lists never swaps in: the switch ends with `unlisted` and the screen keeps
 * what it shows (a blank book that says "not listed" everywhere helps nobody).
 * A switch superseded before it is ready (holding `]`) closes its session at once, unless that
 * session was revived from the warm cache, which gets it back: at most one pending session exists.
 * A fresh session that supersedes another switch waits `landingMs` before it connects: while a
 * key repeats, every symbol passed over is superseded within that time and never opens a socket,
 * so a burst of switches spends a venue's connection budget (Hyperliquid: 30 new connections a
 * minute) only on the symbol the user lands on. A lone switch connects at once.
 *
 * Readiness is polled: a `pollMs` interval runs only while a switch is pending (sessions have no
 * change hook, and readiness is a cheap count over a handful of feeds). The pool owns every session
 * it made; close() closes them all and its timers, and after it nothing emits.
 */
import type { ConnectLimiter } from './connect-limiter.js';
import type { SessionReadiness } from './symbol-session.js';
import { WarmCache, type WarmOptions } from './warm-cache.js';

/** What the pool needs of a session (SymbolSession fits; tests use fakes). */
export interface PoolSession {
  readonly base: string;
  start(): void;
  readiness(): SessionReadiness;
  close(): void;
}

export type PoolChange =
  | { readonly type: 'switching'; readonly base: string }
  | { readonly type: 'progress'; readonly base: string; readonly readiness: SessionReadiness }
  | { readonly type: 'swapped'; readonly base: string; readonly previous: string }
  | { readonly type: 'cancelled'; readonly base: string }
  | { readonly type: 'unlisted'; readonly base: string };

/** For "switching to ETH — 4/9 venues ready". */
export interface PendingReadiness extends SessionReadiness {
  readonly base: string;
  readonly waitingMs: number;
  /** The readiness timeout has passed: one live venue is now enough. */
  readonly overdue: boolean;
}

export interface SymbolPoolOptions<S extends PoolSession> {
  /** The symbol shown first; its session opens in the constructor. */
  readonly symbol: string;
  /** Makes an unstarted session; the pool starts it. `limiter` is passed through as given. */
  readonly makeSession: (base: string, limiter: ConnectLimiter | undefined) => S;
  readonly warm?: WarmOptions;
  readonly readinessTimeoutMs?: number;
  readonly pollMs?: number;
  /** How long a fresh session that superseded another switch waits before it connects. */
  readonly landingMs?: number;
  readonly now?: () => number;
  /** Shared with whatever else connects to the venues; borrowed, never closed by the pool. */
  readonly limiter?: ConnectLimiter;
}

export const DEFAULT_READINESS_TIMEOUT_MS = 5_000;
export const DEFAULT_POLL_MS = 50;
/** Longer than a key's auto-repeat period (30 Hz on most systems, 25 Hz on X11 by default). */
export const DEFAULT_LANDING_MS = 100;

/** The readiness rule above, as a pure function. */
export function isReady(readiness: SessionReadiness, overdue: boolean): boolean {
  if (readiness.live === 0) return false;
  if (readiness.live + readiness.failed >= readiness.total) return true;
  return overdue && readiness.live > 0;
}

export class SymbolPool<S extends PoolSession> {
  private currentSession: S;
  private pendingSession: S | undefined;
  private pendingFromWarm = false;
  private pendingSince = 0;
  private lastProgress = '';
  private poll: NodeJS.Timeout | undefined;
  /** A fresh pending session not yet started (superseded a switch less than landingMs ago). */
  private landing: NodeJS.Timeout | undefined;
  private readonly warm: WarmCache<S>;
  private readonly listeners = new Set<(change: PoolChange) => void>();
  private readonly options: SymbolPoolOptions<S>;
  private readonly now: () => number;
  private closed = false;

  constructor(options: SymbolPoolOptions<S>) {
    this.options = options;
    this.now = options.now ?? (() => Date.now());
    this.warm = new WarmCache<S>(options.warm);
    this.currentSession = this.open(options.symbol);
  }

  /** The session on screen. */
  get current(): S {
    return this.currentSession;
  }

  /** The session being switched to, until it is ready. */
  get pending(): S | undefined {
    return this.pendingSession;
  }

  pendingReadiness(): PendingReadiness | undefined {
    const session = this.pendingSession;
    if (!session) return undefined;
    const waitingMs = this.now() - this.pendingSince;
    return { ...session.readiness(), base: session.base, waitingMs, overdue: this.overdue(waitingMs) };
  }

  /** Bases kept warm, least recently left first. */
  warmBases(): string[] {
    return this.warm.bases();
  }

  switchTo(base: string): void {
    if (this.closed || base === this.pendingSession?.base) return;
    if (base === this.currentSession.base) {
      const cancelled = this.pendingSession?.base;
      this.dropPending();
      if (cancelled !== undefined) this.emit({ type: 'cancelled', base: cancelled });
      return;
    }
    const superseding = this.pendingSession !== undefined;
    this.dropPending();
    const revived = this.warm.take(base);
    this.pendingSession = revived ?? this.open(base, superseding ? (this.options.landingMs ?? DEFAULT_LANDING_MS) : 0);
    this.pendingFromWarm = revived !== undefined;
    this.pendingSince = this.now();
    this.lastProgress = '';
    this.emit({ type: 'switching', base });
    // A warm session that is still ready swaps in now; anything else is polled.
    if (this.check() && this.poll === undefined && !this.closed) {
      this.poll = setInterval(() => this.check(), this.options.pollMs ?? DEFAULT_POLL_MS);
    }
  }

  /** Called on every change; returns its own unsubscribe. */
  onChange(listener: (change: PoolChange) => void): () => void {
    if (this.closed) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.stopPolling();
    this.stopLanding();
    const pending = this.pendingSession;
    this.pendingSession = undefined;
    pending?.close();
    this.currentSession.close();
    this.warm.close();
  }

  /** Swaps if the pending session is ready. True while there is still something to wait for. */
  private check(): boolean {
    const session = this.pendingSession;
    if (!session || this.closed) {
      this.stopPolling();
      return false;
    }
    const readiness = session.readiness();
    if (readiness.total > 0 && readiness.failed === readiness.total) {
      this.dropPending();
      this.emit({ type: 'unlisted', base: session.base });
      return false;
    }
    if (isReady(readiness, this.overdue(this.now() - this.pendingSince))) {
      this.swap(session);
      return false;
    }
    const progress = `${readiness.live}/${readiness.failed}/${readiness.total}`;
    if (progress !== this.lastProgress) {
      this.lastProgress = progress;
      this.emit({ type: 'progress', base: session.base, readiness });
    }
    return this.pendingSession !== undefined;
  }

  private swap(session: S): void {
    const previous = this.currentSession;
    this.currentSession = session;
    this.pendingSession = undefined;
    this.stopPolling();
    this.warm.put(previous);
    this.emit({ type: 'swapped', base: session.base, previous: previous.base });
  }

  /** A superseded switch: a fresh session closes at once, a revived one goes back warm. */
  private dropPending(): void {
    const session = this.pendingSession;
    if (!session) return;
    this.pendingSession = undefined;
    this.stopPolling();
    this.stopLanding();
    if (this.pendingFromWarm) this.warm.put(session);
    else session.close();
  }

  private overdue(waitingMs: number): boolean {
    return waitingMs >= (this.options.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS);
  }

  /** A new session, started now or after `delayMs` unless it is dropped first. */
  private open(base: string, delayMs = 0): S {
    const session = this.options.makeSession(base, this.options.limiter);
    if (delayMs <= 0) {
      session.start();
      return session;
    }
    this.landing = setTimeout(() => {
      this.landing = undefined;
      session.start();
    }, delayMs);
    return session;
  }

  private stopLanding(): void {
    if (this.landing !== undefined) clearTimeout(this.landing);
    this.landing = undefined;
  }

  private stopPolling(): void {
    if (this.poll !== undefined) clearInterval(this.poll);
    this.poll = undefined;
  }

  private emit(change: PoolChange): void {
    for (const listener of [...this.listeners]) {
      if (this.closed) return;
      listener(change);
    }
  }
}
