/**
 * VenueFeed = one venue's codec + its ResilientSocket + its Book, for one symbol.
 *
 * The hot path (frame -> decode -> book) never renders and never drops an update; it bumps
 * `version` so the frame clock can ask "did anything change" for free. REST snapshots carry a
 * generation: an answer that arrives after a reconnect, a resync or close() is dropped.
 */
import { Book } from '../book/book.js';
import { ResilientSocket, DEFAULT_TUNING, type LinkTuning } from './connection.js';
import { Backoff, parseRetryAfter } from './backoff.js';
import { LatencyMeter, RateMeter, type FeedHealth } from './health.js';
import { BookSync, type SyncOutcome } from './snapshot-sync.js';
import type { Frame, SnapshotEvent, VenueAdapter, VenueEvent } from './types.js';

export interface FeedOptions {
  readonly adapter: VenueAdapter;
  /** Base asset, e.g. "BTC". */
  readonly base: string;
  readonly tuning?: Partial<LinkTuning>;
  readonly now?: () => number;
  /** REST snapshots give up after this long and are asked again. */
  readonly snapshotTimeoutMs?: number;
}

export class VenueFeed {
  readonly book = new Book();
  readonly adapter: VenueAdapter;
  readonly base: string;
  /** The venue's symbol, or undefined when the venue cannot quote this base. */
  readonly symbol: string | undefined;
  /** Bumped on every change to the book: the frame clock compares it. */
  version = 0;
  resyncs = 0;

  private readonly socket: ResilientSocket;
  private readonly sync: BookSync;
  private readonly rate = new RateMeter();
  private readonly latency = new LatencyMeter();
  private readonly snapshotBackoff = new Backoff({ baseMs: 500, capMs: 30_000, floorMs: 200 });
  private readonly now: () => number;
  private readonly snapshotTimeoutMs: number;
  private lastMessageAt: number | undefined;
  private snapshotGeneration = 0;
  private snapshotAbort: AbortController | undefined;
  private snapshotRetryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: FeedOptions) {
    this.adapter = options.adapter;
    this.base = options.base;
    this.now = options.now ?? Date.now;
    this.snapshotTimeoutMs = options.snapshotTimeoutMs ?? 10_000;
    this.symbol = this.adapter.symbolFor(options.base);
    this.sync = new BookSync(this.adapter, this.book);
    const tuning: LinkTuning = {
      ...DEFAULT_TUNING,
      heartbeat: this.adapter.heartbeat,
      staleAfterMs: this.adapter.staleAfterMs,
      ...options.tuning,
    };
    this.socket = new ResilientSocket(() => this.adapter.url(this.symbol ?? ''), tuning, {
      opened: () => this.onOpened(),
      frame: (frame, at) => this.onFrame(frame, at),
      lost: () => this.onLost(),
    }, this.now);
  }

  start(): void {
    if (this.symbol === undefined) {
      this.socket.fail(`${this.adapter.name} cannot quote ${this.base}`);
      return;
    }
    this.socket.start();
  }

  /** True while the book is consistent with the venue (live or stale). */
  get synced(): boolean {
    return this.sync.synced && !this.closed;
  }

  /** The venue is done with this symbol: not listed, or closed. */
  get settledFailed(): boolean {
    return this.socket.failed;
  }

  health(): FeedHealth {
    const now = this.now();
    return {
      state: this.socket.state,
      connectedSince: this.socket.connectedSince,
      lastMessageAt: this.lastMessageAt,
      msgsPerSec: this.rate.perSecond(now),
      latencyMs: this.latency.ms,
      reconnects: this.socket.reconnects,
      resyncs: this.resyncs,
      lastError: this.socket.lastError,
      retryAt: this.socket.retryAt,
      notListed: this.socket.failed,
    };
  }

  /** The user asked for a fresh connection. */
  reconnect(): void {
    if (this.closed || this.symbol === undefined) return;
    this.socket.reconnect('reconnect requested', { immediate: true });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelSnapshot();
    this.socket.close();
    this.version++;
  }

  private onOpened(): void {
    for (const frame of this.adapter.subscribe(this.symbol ?? '')) this.socket.send(frame);
    this.settle(this.sync.begin());
  }

  private onLost(): void {
    this.cancelSnapshot();
    this.sync.reset();
    this.version++;
  }

  private onFrame(frame: Frame, receivedAt: number): void {
    this.lastMessageAt = receivedAt;
    this.rate.mark(receivedAt);
    for (const event of this.adapter.decode(frame)) {
      this.handle(event, receivedAt);
      if (this.closed) return;
    }
  }

  private handle(event: VenueEvent, receivedAt: number): void {
    switch (event.type) {
      case 'snapshot':
        this.marketData(event.exchangeTime, receivedAt);
        this.settle(this.sync.onSnapshot(event));
        return;
      case 'delta':
        this.marketData(event.exchangeTime, receivedAt);
        this.settle(this.sync.onDelta(event));
        return;
      case 'ping':
        this.socket.send(event.reply);
        return;
      case 'pong':
        this.socket.markPong(receivedAt);
        return;
      case 'subscribed':
      case 'ignored':
        return;
      case 'error':
        this.onVenueError(event.message, event.notListed === true, event.reconnect === true);
        return;
      default:
        throw new Error(`unhandled venue event ${JSON.stringify(event satisfies never)}`);
    }
  }

  private marketData(exchangeTime: number | undefined, receivedAt: number): void {
    this.socket.markData(receivedAt);
    if (exchangeTime !== undefined) this.latency.sample(exchangeTime, receivedAt);
  }

  private onVenueError(message: string, notListed: boolean, reconnect: boolean): void {
    if (notListed) {
      this.cancelSnapshot();
      this.sync.reset();
      this.book.clear();
      this.version++;
      this.socket.fail(`not listed: ${message}`);
      return;
    }
    if (reconnect) {
      this.socket.reconnect(message, { immediate: true });
      return;
    }
    this.socket.lastError = message;
  }

  private settle(outcome: SyncOutcome): void {
    switch (outcome.kind) {
      case 'changed':
        this.version++;
        this.socket.markSynced();
        return;
      case 'unchanged':
        return;
      case 'need-snapshot':
        this.fetchSnapshot();
        return;
      case 'resync':
        this.resync(outcome.reason);
        return;
      default:
        throw new Error(`unhandled sync outcome ${JSON.stringify(outcome satisfies never)}`);
    }
  }

  /** The book is wrong: mark it resyncing and rebuild from a fresh snapshot. */
  private resync(reason: string): void {
    this.resyncs++;
    this.socket.lastError = reason;
    this.cancelSnapshot();
    this.sync.reset();
    this.socket.markUnsynced();
    this.version++;
    // A REST-snapshot venue rebuilds on the same socket (the next diff asks for a snapshot);
    // the others only send a snapshot on subscribe, so the subscription is made anew.
    if (this.adapter.sync !== 'rest-snapshot') {
      this.socket.reconnect(reason, { countAsReconnect: false, immediate: true });
    }
  }

  private fetchSnapshot(delayMs = 0): void {
    const rest = this.adapter.restSnapshot;
    if (!rest || this.symbol === undefined) return;
    this.cancelSnapshot();
    const generation = ++this.snapshotGeneration;
    const run = (): void => {
      this.snapshotRetryTimer = undefined;
      const abort = new AbortController();
      this.snapshotAbort = abort;
      const timeout = setTimeout(() => abort.abort(), this.snapshotTimeoutMs);
      requestSnapshot(rest.url(this.symbol ?? ''), abort.signal, this.now)
        .then((answer) => {
          if (generation !== this.snapshotGeneration || this.closed) return;
          this.onSnapshotAnswer(answer, rest.decode);
        })
        .finally(() => clearTimeout(timeout));
    };
    if (delayMs > 0) this.snapshotRetryTimer = setTimeout(run, delayMs);
    else run();
  }

  private onSnapshotAnswer(answer: SnapshotAnswer, decode: (body: string) => VenueEvent): void {
    this.snapshotAbort = undefined;
    if (answer.kind === 'failed') {
      this.socket.lastError = `snapshot: ${answer.reason}`;
      this.fetchSnapshot(this.snapshotBackoff.next(answer.retryAfterMs));
      return;
    }
    const event = decode(answer.body);
    if (event.type === 'error') {
      this.onVenueError(event.message, event.notListed === true, false);
      if (!event.notListed) this.fetchSnapshot(this.snapshotBackoff.next());
      return;
    }
    if (event.type !== 'snapshot') return;
    const outcome = this.sync.onRestSnapshot(event as SnapshotEvent);
    if (outcome.kind === 'need-snapshot') {
      this.fetchSnapshot(this.snapshotBackoff.next());
      return;
    }
    this.snapshotBackoff.reset();
    this.settle(outcome);
  }

  private cancelSnapshot(): void {
    this.snapshotGeneration++;
    this.snapshotAbort?.abort();
    this.snapshotAbort = undefined;
    if (this.snapshotRetryTimer !== undefined) clearTimeout(this.snapshotRetryTimer);
    this.snapshotRetryTimer = undefined;
  }
}

type SnapshotAnswer =
  | { readonly kind: 'ok'; readonly body: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly retryAfterMs: number };

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
