/**
 * VenueFeed = one venue's codec + its ResilientSocket + its Book, for one symbol.
 *
 * The hot path (frame -> decode -> book) never renders and never drops an update; it bumps
 * `version` so the frame clock can ask "did anything change" for free. A REST snapshot asked
 * before a reconnect, a resync or close() is cancelled, and its answer dropped (SnapshotFetcher).
 * A book found wrong is rebuilt the cheapest way its sync model allows (REST snapshot, resubscribe,
 * or the next whole book), and resyncs that follow each other back off, so a venue that keeps
 * failing a check is not hammered with snapshot requests or subscriptions.
 */
import { Book } from '../book/book.js';
import { ResilientSocket, DEFAULT_TUNING, type LinkTuning } from './connection.js';
import { Backoff } from './backoff.js';
import { LatencyMeter, RateMeter, type FeedHealth } from './health.js';
import { SnapshotFetcher } from './snapshot-fetcher.js';
import { BookSync, type SyncOutcome } from './snapshot-sync.js';
import type { ErrorEvent, Frame, InstrumentFacts, SnapshotEvent, VenueAdapter, VenueEvent } from './types.js';

export interface FeedOptions {
  readonly adapter: VenueAdapter;
  /** Base asset, e.g. "BTC". */
  readonly base: string;
  readonly tuning?: Partial<LinkTuning>;
  readonly now?: () => number;
  /** REST snapshots give up after this long and are asked again. */
  readonly snapshotTimeoutMs?: number;
  /** Per-venue connection-rate limit every (re)connect waits on (the pool's ConnectLimiter). */
  readonly connectGate?: VenueConnectGate;
}

/** A ConnectGate shared by venues: the venue id picks the budget. */
export type VenueConnectGate = (venueId: string, open: () => void) => () => void;

/** A rebuilt book that stays in sync this long was rebuilt fine: its next failure is news, not a loop. */
const RESYNC_SETTLED_MS = 2_000;

export class VenueFeed {
  readonly book = new Book();
  readonly adapter: VenueAdapter;
  readonly base: string;
  /** The venue's symbol, or undefined when the venue cannot quote this base. */
  private venueSymbol: string | undefined;
  /** What the venue's instrument request said, once it answered. */
  private instrumentFacts: InstrumentFacts | undefined;
  /** Bumped on every change to the book: the frame clock compares it. */
  version = 0;
  resyncs = 0;

  private readonly socket: ResilientSocket;
  private readonly sync: BookSync;
  private readonly rate = new RateMeter();
  private readonly latency = new LatencyMeter();
  private readonly resyncBackoff: Backoff;
  private readonly now: () => number;
  private readonly snapshots: SnapshotFetcher;
  private readonly instruments: SnapshotFetcher;
  private lastMessageAt: number | undefined;
  /** When the book last came (back) in sync; undefined while it is not. */
  private syncedAt: number | undefined;
  /** Bumped when a connection is lost: the rest of an old connection's frame is not applied. */
  private connectionEpoch = 0;
  private resubscribeTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The venue said it does not list the symbol (as opposed to any other reason to stop). */
  private notListed = false;

  constructor(options: FeedOptions) {
    this.adapter = options.adapter;
    this.base = options.base;
    this.now = options.now ?? Date.now;
    this.snapshots = new SnapshotFetcher(options.snapshotTimeoutMs ?? 10_000, this.now);
    this.instruments = new SnapshotFetcher(options.snapshotTimeoutMs ?? 10_000, this.now);
    this.venueSymbol = this.adapter.symbolFor(options.base);
    this.sync = new BookSync(this.adapter, this.book, () => this.instrumentFacts);
    const tuning: LinkTuning = {
      ...DEFAULT_TUNING,
      heartbeat: this.adapter.heartbeat,
      staleAfterMs: this.adapter.staleAfterMs,
      ...options.tuning,
    };
    this.resyncBackoff = new Backoff(tuning.backoff);
    this.socket = new ResilientSocket(() => this.adapter.url(this.symbol ?? ''), tuning, {
      opened: () => this.onOpened(),
      frame: (frame, at) => this.onFrame(frame, at),
      lost: () => this.onLost(),
    }, this.now, options.connectGate && ((open) => options.connectGate!(this.adapter.id, open)));
  }

  start(): void {
    if (this.symbol === undefined) {
      this.notListed = true;
      this.socket.fail(`${this.adapter.name} cannot quote ${this.base}`);
      return;
    }
    if (this.adapter.instrument && !this.instrumentFacts) return this.fetchInstrument();
    this.socket.start();
  }

  get symbol(): string | undefined {
    return this.venueSymbol;
  }

  get instrument(): InstrumentFacts | undefined {
    return this.instrumentFacts;
  }

  /** Base units per unit of size on the wire: a contract's value, else 1. */
  get sizeScale(): number {
    return this.instrumentFacts?.contractSize ?? 1;
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
      lastErrorAt: this.socket.lastErrorAt,
      retryAt: this.socket.retryAt,
      notListed: this.notListed,
    };
  }

  /** The user asked for a fresh connection. */
  reconnect(): void {
    if (this.closed || this.symbol === undefined) return;
    this.socket.reconnect('reconnect requested', { immediate: true, isError: false });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.snapshots.cancel();
    this.instruments.cancel();
    this.cancelResubscribe();
    this.socket.close();
    this.version++;
  }

  private onOpened(): void {
    for (const frame of this.adapter.subscribe(this.symbol ?? '')) this.socket.send(frame);
    this.settle(this.sync.begin());
  }

  private onLost(): void {
    this.connectionEpoch++;
    this.syncedAt = undefined;
    this.snapshots.cancel();
    this.cancelResubscribe();
    this.sync.reset();
    this.version++;
  }

  /**
   * The hot path. Nothing thrown here may reach the socket's event handler (it would be an
   * uncaught exception): a level the book cannot hold, or a codec bug, leaves the book
   * half-applied, so it is rebuilt.
   */
  private onFrame(frame: Frame, receivedAt: number): void {
    this.lastMessageAt = receivedAt;
    this.rate.mark(receivedAt);
    const epoch = this.connectionEpoch;
    try {
      for (const event of this.adapter.decode(frame)) {
        this.handle(event, receivedAt);
        if (this.closed || epoch !== this.connectionEpoch) return;
      }
    } catch (error) {
      if (!this.closed && epoch === this.connectionEpoch) this.resync(`frame could not be applied: ${messageOf(error)}`);
    }
  }

  private handle(event: VenueEvent, receivedAt: number): void {
    switch (event.type) {
      case 'snapshot':
        this.marketData(event.exchangeTime, receivedAt);
        this.settle(this.sync.onSnapshot(event));
        return;
      case 'delta':
        // A ws-snapshot feed drops diffs until its snapshot comes: those are not data for the
        // stall watchdog, so a venue that never sends the snapshot is caught as stale.
        if (this.sync.synced || this.adapter.sync === 'rest-snapshot') this.marketData(event.exchangeTime, receivedAt);
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
      this.snapshots.cancel();
      this.sync.reset();
      this.book.clear();
      this.version++;
      this.notListed = true;
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
        this.syncedAt ??= this.now();
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

  /**
   * The book is wrong: mark it resyncing and rebuild it. A book that had stayed in sync a while
   * is rebuilt at once; one that fails again right after its rebuild (a check that can never
   * pass, a codec bug) waits the backoff first, so the venue is not asked in a tight loop.
   */
  private resync(reason: string): void {
    const now = this.now();
    if (this.syncedAt !== undefined && now - this.syncedAt >= RESYNC_SETTLED_MS) this.resyncBackoff.reset();
    this.syncedAt = undefined;
    this.resyncs++;
    this.socket.lastError = reason;
    this.snapshots.cancel();
    this.cancelResubscribe();
    this.sync.reset();
    this.socket.markUnsynced();
    this.version++;
    const first = this.resyncBackoff.attempts === 0;
    const wait = this.resyncBackoff.next();
    this.rebuild(reason, first ? 0 : wait);
  }

  private rebuild(reason: string, delayMs: number): void {
    switch (this.adapter.sync) {
      // The next message is a whole book.
      case 'full-snapshot':
        return;
      // Rebuilt on the same socket from a REST snapshot, asked at once: a quiet symbol may send
      // no diff for many seconds.
      case 'rest-snapshot':
        if (this.sync.begin().kind === 'need-snapshot') this.fetchSnapshot(delayMs);
        return;
      // The venue sends a snapshot on subscribe: subscribe anew, on this socket if it can.
      case 'ws-snapshot': {
        const frames = this.adapter.resubscribe?.(this.symbol ?? '');
        if (!frames) {
          this.socket.reconnect(reason, { countAsReconnect: false, immediate: delayMs === 0 });
          return;
        }
        const resubscribe = (): void => {
          this.resubscribeTimer = undefined;
          if (!frames.every((frame) => this.socket.send(frame))) this.socket.reconnect(reason, { countAsReconnect: false });
        };
        if (delayMs > 0) this.resubscribeTimer = setTimeout(resubscribe, delayMs);
        else resubscribe();
        return;
      }
      default:
        throw new Error(`unknown sync model ${JSON.stringify(this.adapter.sync satisfies never)}`);
    }
  }

  private cancelResubscribe(): void {
    if (this.resubscribeTimer !== undefined) clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = undefined;
  }

  private fetchSnapshot(delayMs = 0): void {
    const rest = this.adapter.restSnapshot;
    if (!rest || this.symbol === undefined) return;
    this.snapshots.fetch(rest.url(this.symbol), delayMs, {
      body: (body) => this.onSnapshotBody(rest.decode(body)),
      failed: (reason) => (this.socket.lastError = `snapshot: ${reason}`),
      threw: (error) => this.resync(`snapshot could not be applied: ${messageOf(error)}`),
    });
  }

  /**
   * The instrument facts come before the socket opens: sizes and checksums mean nothing without
   * them. A venue that says it has no such instrument ends the feed as "not listed".
   */
  private fetchInstrument(): void {
    const request = this.adapter.instrument;
    const symbol = this.symbol;
    if (!request || symbol === undefined) return;
    this.instruments.fetch(request.url(symbol), 0, {
      body: (body) => {
        const answer = request.decode(body, symbol);
        if ('type' in answer) {
          this.onVenueError(answer.message, answer.notListed === true, false);
          if (!answer.notListed) this.instruments.retry();
          return;
        }
        this.instruments.succeeded();
        this.instrumentFacts = answer;
        if (answer.symbol !== undefined) this.venueSymbol = answer.symbol;
        if (!this.closed) this.socket.start();
      },
      failed: (reason) => (this.socket.lastError = `instrument: ${reason}`),
      threw: (error) => {
        this.socket.lastError = `instrument could not be read: ${messageOf(error)}`;
        this.instruments.retry();
      },
    });
  }

  private onSnapshotBody(event: SnapshotEvent | ErrorEvent): void {
    if (event.type === 'error') {
      this.onVenueError(event.message, event.notListed === true, false);
      if (!event.notListed) this.snapshots.retry();
      return;
    }
    const outcome = this.sync.onRestSnapshot(event);
    if (outcome.kind === 'need-snapshot') return this.snapshots.retry();
    this.snapshots.succeeded();
    this.settle(outcome);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
