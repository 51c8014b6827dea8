/**
 * A feed's REST snapshot requests, one at a time, retried with backoff. It owns the request's
 * abort controller, its timeout, the timer of a delayed attempt and the backoff between
 * attempts; a new fetch() or cancel() supersedes the one before, whose answer is then dropped,
 * never handed over. Every failure of the request is a value, so nothing it starts can end in an
 * unhandled rejection.
 */
import { errorMessage } from '../wire/json.js';
import { Backoff, parseRetryAfter } from './backoff.js';
import { TimerSlot } from './timer-slot.js';
import type { FeedTransport } from './transport.js';

type SnapshotAnswer =
  | { readonly kind: 'ok'; readonly body: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly retryAfterMs: number };

/** Why a request failed: it took longer than the timeout, or anything else the network said. */
export type RequestFailure =
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'error'; readonly reason: string };

interface SnapshotHandlers {
  /** A body to decode: the snapshot, or the venue's own error (an unknown symbol is a 4xx). */
  readonly body: (body: string) => void;
  /** The request failed (network, timeout, 5xx, 429); a retry is already scheduled `retryInMs` from now. */
  readonly failed: (failure: RequestFailure, retryInMs: number) => void;
  /** `body` threw: a bug, or a snapshot the book cannot take. */
  readonly threw: (error: unknown) => void;
}

export class SnapshotFetcher {
  private generation = 0;
  private abort: AbortController | undefined;
  private readonly timeout: TimerSlot;
  private readonly delayTimer: TimerSlot;
  private readonly backoff = new Backoff({ baseMs: 500, capMs: 30_000, floorMs: 200 });
  private last: { readonly url: string; readonly handlers: SnapshotHandlers } | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly transport: FeedTransport,
  ) {
    this.timeout = new TimerSlot(transport.clock);
    this.delayTimer = new TimerSlot(transport.clock);
  }

  /** GET `url` after `delayMs`; its body goes to `handlers.body` unless superseded meanwhile. */
  fetch(url: string, delayMs: number, handlers: SnapshotHandlers): void {
    this.cancel();
    this.last = { url, handlers };
    const generation = this.generation;
    const current = (): boolean => generation === this.generation;
    const run = (): void => {
      const abort = new AbortController();
      this.abort = abort;
      // Our own timeout aborts the request too: told apart here, so the user reads "took longer
      // than 10 s" rather than the AbortError's "This operation was aborted".
      let timedOut = false;
      this.timeout.after(this.timeoutMs, () => {
        timedOut = true;
        abort.abort();
      });
      requestSnapshot(this.transport, url, abort.signal)
        .then((answer) => {
          if (!current()) return;
          this.settle();
          if (answer.kind === 'ok') return handlers.body(answer.body);
          const retryInMs = this.retry(answer.retryAfterMs);
          handlers.failed(timedOut ? { kind: 'timeout', afterMs: this.timeoutMs } : { kind: 'error', reason: answer.reason }, retryInMs);
        })
        .catch((error: unknown) => {
          if (current()) handlers.threw(error);
        });
    };
    if (delayMs > 0) this.delayTimer.after(delayMs, run);
    else run();
  }

  /** Ask again after the backoff (at least `retryAfterMs`): the last answer was no good. Returns the wait. */
  retry(retryAfterMs = 0): number {
    if (!this.last) return 0;
    const delayMs = this.backoff.next(retryAfterMs);
    this.fetch(this.last.url, delayMs, this.last.handlers);
    return delayMs;
  }

  /** The last snapshot was taken: the next failure starts the backoff afresh. */
  succeeded(): void {
    this.backoff.reset();
  }

  /** Abort the request in flight, or the attempt still waiting; its answer is dropped. */
  cancel(): void {
    this.generation++;
    this.abort?.abort();
    this.settle();
    this.delayTimer.clear();
  }

  private settle(): void {
    this.abort = undefined;
    this.timeout.clear();
  }
}

/** One REST snapshot request; every failure is a value (429/418 carry their Retry-After). */
async function requestSnapshot(transport: FeedTransport, url: string, signal: AbortSignal): Promise<SnapshotAnswer> {
  try {
    const response = await transport.get(url, signal);
    const body = response.body;
    if (response.status >= 200 && response.status < 300) return { kind: 'ok', body };
    const retryAfterMs = parseRetryAfter(response.retryAfter, transport.clock.now());
    // A 4xx other than rate limits carries the venue's own error (e.g. unknown symbol): decode it.
    if (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 418) {
      return { kind: 'ok', body };
    }
    return { kind: 'failed', reason: `HTTP ${response.status}`, retryAfterMs };
  } catch (error) {
    return { kind: 'failed', reason: errorMessage(error), retryAfterMs: 0 };
  }
}

/**
 * A failed request as a user can act on it: what was asked, what went wrong and when it is asked
 * again ("REST snapshot took longer than 10 s; retrying in 0.5 s").
 */
export function describeFailure(what: string, failure: RequestFailure, retryInMs: number): string {
  const problem = failure.kind === 'timeout' ? ` took longer than ${seconds(failure.afterMs)}` : `: ${failure.reason}`;
  return `${what}${problem}; retrying in ${seconds(retryInMs)}`;
}

/** 10000 -> "10 s", 500 -> "0.5 s": tenths only where they matter. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
}
