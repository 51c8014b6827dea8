/**
 * How far behind its venue a book is, judged by the venue's own clock. Exchange time to receipt
 * is the lag plus the skew between the venue's clock and ours, and the skew is unknown; so the
 * baseline is the smallest lag seen recently (the fastest a message came, skew included), and a
 * book is behind when its latest message lags that baseline by more than BEHIND_AFTER_MS. A venue
 * whose clock differs from ours has a baseline that differs by as much, so it is not punished; a
 * book a minute older than the venue's usual lag is not live.
 *
 * The baseline outlives a reconnect (the venue's clock does not change with a new socket), so a
 * connection that opens on an old book is caught. It is the minimum over the last few windows of
 * data, so a lag that settles at a new level (a clock that was stepped) becomes the usual one
 * after that much data. Pure: the feed hands it each message's times.
 */
import type { SyncModel } from './types.js';

/** Further behind than usual than this is not live: a loaded machine or a slow block is seconds, not more. */
export const BEHIND_AFTER_MS = 5_000;
/** The baseline is the minimum over this many windows of this length, counted in data received. */
const WINDOW_MS = 10_000;
const WINDOWS = 3;

export class BookLag {
  /** The smallest lag in each recent window, oldest first. */
  private readonly windows: Array<{ readonly start: number; min: number }> = [];
  private lastLag: number | undefined;

  constructor(private readonly sync: SyncModel) {}

  /**
   * A market data message with the venue's time. A snapshot on a venue that sends deltas is not
   * judged: it may carry the time of the book's last change, which is old on a quiet book.
   * Returns what to tell the user when this message puts the book behind.
   */
  sample(kind: 'snapshot' | 'delta', exchangeTime: number, receivedAt: number): string | undefined {
    if (kind === 'snapshot' && this.sync !== 'full-snapshot') return undefined;
    const wasBehind = this.behind;
    const lag = receivedAt - exchangeTime;
    const current = this.windows.at(-1);
    if (current && receivedAt - current.start < WINDOW_MS) current.min = Math.min(current.min, lag);
    else {
      this.windows.push({ start: receivedAt, min: lag });
      if (this.windows.length > WINDOWS) this.windows.shift();
    }
    this.lastLag = lag;
    if (wasBehind || !this.behind) return undefined;
    return `book ${(this.behindMs / 1000).toFixed(1)} s older than the venue's usual lag: not live until a current one comes`;
  }

  /** The connection is gone: its messages say nothing of the next one's book. */
  connectionLost(): void {
    this.lastLag = undefined;
  }

  /** How much longer than usual the latest message took, by the venue's clock; 0 before one. */
  get behindMs(): number {
    if (this.lastLag === undefined) return 0;
    return this.lastLag - Math.min(...this.windows.map((window) => window.min));
  }

  get behind(): boolean {
    return this.behindMs > BEHIND_AFTER_MS;
  }
}
