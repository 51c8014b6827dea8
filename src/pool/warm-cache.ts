/**
 * WarmCache: the sessions of symbols the user just left, kept open so flipping back is instant.
 * An LRU of at most `size` sessions (default the last 2 symbols), each closed `ttlMs` (default
 * 60 s) after it was put in, or when a newer one pushes it out. The cache owns what it holds:
 * `take` hands a session back to the caller (and ownership with it), everything else it closes
 * exactly once. One timer per held session; none once empty or closed.
 */

export interface WarmOptions {
  readonly size?: number;
  readonly ttlMs?: number;
}

export const DEFAULT_WARM: Required<WarmOptions> = { size: 2, ttlMs: 60_000 };

export interface Closable {
  readonly base: string;
  close(): void;
}

interface Entry<S> {
  readonly session: S;
  readonly timer: NodeJS.Timeout;
}

export class WarmCache<S extends Closable> {
  readonly size: number;
  readonly ttlMs: number;
  /** Insertion order = recency: the first entry is the least recently left. */
  private readonly entries = new Map<string, Entry<S>>();
  private closed = false;

  constructor(options: WarmOptions = {}) {
    this.size = Math.max(0, options.size ?? DEFAULT_WARM.size);
    this.ttlMs = options.ttlMs ?? DEFAULT_WARM.ttlMs;
  }

  /** The warm session for `base`, removed from the cache; the caller owns it now. */
  take(base: string): S | undefined {
    const entry = this.entries.get(base);
    if (!entry) return undefined;
    this.entries.delete(base);
    clearTimeout(entry.timer);
    return entry.session;
  }

  /** Keeps `session` warm; the least recently left one goes if the cache is full. */
  put(session: S): void {
    if (this.closed || this.size === 0) {
      session.close();
      return;
    }
    // Two sessions for one base is a caller bug, but the older one must still be closed.
    const existing = this.take(session.base);
    if (existing && existing !== session) existing.close();
    const timer = setTimeout(() => this.expire(session.base, session), this.ttlMs);
    this.entries.set(session.base, { session, timer });
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.take(oldest)?.close();
    }
  }

  has(base: string): boolean {
    return this.entries.has(base);
  }

  /** Bases held, least recently left first. */
  bases(): string[] {
    return [...this.entries.keys()];
  }

  get count(): number {
    return this.entries.size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const base of [...this.entries.keys()]) this.take(base)?.close();
  }

  private expire(base: string, session: S): void {
    // Only the entry this timer was made for: a re-put session got a fresh timer.
    if (this.entries.get(base)?.session !== session) return;
    this.take(base)?.close();
  }
}
