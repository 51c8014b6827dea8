/**
 * A feed's REST snapshot requests, one at a time. It owns the request's abort controller, its
 * timeout and the timer of a delayed attempt; a new fetch() or cancel() supersedes the one
 * before, whose answer is then dropped, never handed over. Every failure of the request is an
 * answer (a value), so nothing it starts can end in an unhandled rejection.
 */
import { parseRetryAfter } from './backoff.js';

export type SnapshotAnswer =
  | { readonly kind: 'ok'; readonly body: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly retryAfterMs: number };

export class SnapshotFetcher {
  private generation = 0;
  private abort: AbortController | undefined;
  private timeout: NodeJS.Timeout | undefined;
  private delayTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * GET `url` after `delayMs`. `onAnswer` gets the answer unless superseded meanwhile; a throw
   * from it (a bug: a snapshot the book cannot take) goes to `onThrow`.
   */
  fetch(url: string, delayMs: number, onAnswer: (answer: SnapshotAnswer) => void, onThrow: (error: unknown) => void): void {
    this.cancel();
    const generation = this.generation;
    const current = (): boolean => generation === this.generation;
    const run = (): void => {
      this.delayTimer = undefined;
      const abort = new AbortController();
      this.abort = abort;
      this.timeout = setTimeout(() => abort.abort(), this.timeoutMs);
      requestSnapshot(url, abort.signal, this.now)
        .then((answer) => {
          if (!current()) return;
          this.settle();
          onAnswer(answer);
        })
        .catch((error: unknown) => {
          if (current()) onThrow(error);
        });
    };
    if (delayMs > 0) this.delayTimer = setTimeout(run, delayMs);
    else run();
  }

  /** Abort the request in flight, or the attempt still waiting; its answer is dropped. */
  cancel(): void {
    this.generation++;
    this.abort?.abort();
    this.settle();
    if (this.delayTimer !== undefined) clearTimeout(this.delayTimer);
    this.delayTimer = undefined;
  }

  private settle(): void {
    this.abort = undefined;
    if (this.timeout !== undefined) clearTimeout(this.timeout);
    this.timeout = undefined;
  }
}

/** One REST snapshot request; every failure is a value (429/418 carry their Retry-After). */
async function requestSnapshot(url: string, signal: AbortSignal, now: () => number): Promise<SnapshotAnswer> {
  try {
    const response = await fetch(url, { signal });
    const body = await response.text();
    if (response.ok) return { kind: 'ok', body };
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
    // A 4xx other than rate limits carries the venue's own error (e.g. unknown symbol): decode it.
    if (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 418) {
      return { kind: 'ok', body };
    }
    return { kind: 'failed', reason: `HTTP ${response.status}`, retryAfterMs };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error), retryAfterMs: 0 };
  }
}
