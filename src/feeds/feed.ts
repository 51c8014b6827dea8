/**
 * VenueFeed = one venue's codec + its ResilientSocket + its Book, for one symbol, over one
 * transport (live, recorded or replayed: the same code path for all three).
 *
 * The hot path (frame -> decode -> book) never renders and never drops an update; it bumps
 * `version` so the frame clock can ask "did anything change" for free. The feed is the one owner
 * of what a user sees of it: health() joins the link's phase and the book's sync into one state.
 * A REST snapshot asked before a reconnect, a resync or close() is cancelled, and its answer
 * dropped (SnapshotFetcher); a book found wrong is rebuilt by the BookRebuilder.
 */
import { Book } from '../book/book.js';
import { errorMessage } from '../wire/json.js';
import { BookRebuilder } from './book-rebuilder.js';
import { ResilientSocket } from './connection.js';
import type { FeedHealth } from './health.js';
import { InstrumentLoader } from './instrument-loader.js';
import type { FeedOptions } from './feed-options.js';
import { FrozenBookWatch } from './frozen-book-watch.js';
import { venueTuning } from './link-tuning.js';
import { liveTransport } from './live-transport.js';
import { MessageMeters } from './message-meters.js';
import { PlannedSwap, type HeldDiff } from './planned-swap.js';
import { SnapshotFetcher } from './snapshot-fetcher.js';
import { SnapshotLoader } from './snapshot-loader.js';
import type { StandbyLink } from './standby-link.js';
import { BookSync, type SyncCounts, type SyncOutcome } from './snapshot-sync.js';
import type { FeedTransport } from './transport.js';
import type { Frame, InstrumentFacts, VenueAdapter, VenueEvent } from './types.js';

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

  private readonly socket: ResilientSocket;
  /** The current connection's codec: `adapter`, until a planned swap hands over to the standby's. */
  private codec: VenueAdapter;
  private readonly swap: PlannedSwap | undefined;
  private readonly sync: BookSync;
  private readonly rebuilder: BookRebuilder;
  private readonly meters: MessageMeters;
  private readonly frozen = new FrozenBookWatch();
  private readonly transport: FeedTransport;
  private readonly snapshots: SnapshotLoader | undefined;
  private readonly instruments: InstrumentLoader | undefined;
  /** Bumped when a connection is lost: the rest of an old connection's frame is not applied. */
  private connectionEpoch = 0;
  private closed = false;
  /** The venue said it does not list the symbol (as opposed to any other reason to stop). */
  private notListed = false;

  constructor(options: FeedOptions) {
    this.adapter = options.adapter;
    this.codec = options.adapter;
    this.base = options.base;
    this.transport = options.transport ?? liveTransport;
    const timeoutMs = options.snapshotTimeoutMs ?? 10_000;
    this.venueSymbol = options.symbol ?? this.adapter.symbolFor(options.base);
    this.instrumentFacts = options.instrument;
    this.sync = new BookSync(this.adapter, this.book, () => this.instrumentFacts);
    this.meters = new MessageMeters(this.adapter.sync);
    const tuning = venueTuning(this.adapter, options.tuning);
    const gate = options.connectGate && ((open: () => void) => options.connectGate!(this.adapter.id, open));
    this.socket = new ResilientSocket(() => this.adapter.url(this.symbol ?? ''), tuning, {
      opened: () => this.onOpened(),
      frame: (frame, at) => this.onFrame(frame, at),
      lost: () => this.onLost(),
      healthy: () => this.sync.synced,
    }, this.transport, gate);
    this.swap = PlannedSwap.plan({
      adapter: this.adapter,
      makeCodec: options.standbyCodec,
      transport: this.transport,
      gate,
      handshakeTimeoutMs: tuning.connectTimeoutMs,
      symbol: () => this.symbol ?? '',
      host: { meet: (event) => this.sync.meet(event), takeOver: (link, codec, held) => this.takeOver(link, codec, held) },
    });
    this.rebuilder = new BookRebuilder({
      adapter: this.adapter,
      socket: this.socket,
      clock: this.transport.clock,
      backoff: tuning.backoff,
      symbol: () => this.symbol ?? '',
      fetchSnapshot: (delayMs) => {
        if (this.sync.begin().kind === 'need-snapshot') this.fetchSnapshot(delayMs);
      },
    });
    const rest = this.adapter.restSnapshot;
    this.snapshots = rest && new SnapshotLoader(rest, new SnapshotFetcher(timeoutMs, this.transport), {
      bridge: (snapshot) => this.sync.onRestSnapshot(snapshot),
      settle: (outcome) => this.settle(outcome),
      refused: (message, notListed) => this.onVenueError(message, notListed, false),
      failed: (message) => (this.socket.lastError = message),
      broken: (message) => this.resync(message),
    });
    const request = this.adapter.instrument;
    this.instruments = request && new InstrumentLoader(request, new SnapshotFetcher(timeoutMs, this.transport), {
      loaded: (facts) => {
        this.instrumentFacts = facts;
        if (facts.symbol !== undefined) this.venueSymbol = facts.symbol;
        if (!this.closed) this.socket.start();
      },
      refused: (message, notListed) => this.onVenueError(message, notListed, false),
      failed: (message) => (this.socket.lastError = message),
    }, options.instrumentCatalogs);
  }

  start(): void {
    if (this.symbol === undefined) {
      this.notListed = true;
      this.socket.fail(`${this.adapter.name} cannot quote ${this.base}`);
      return;
    }
    if (this.instruments && !this.instrumentFacts) return this.instruments.load(this.symbol);
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

  get resyncs(): number {
    return this.rebuilder.count;
  }

  /** Book states, gaps and checksums seen so far (snapshot-sync.ts defines each). */
  get counts(): Readonly<SyncCounts> {
    return this.sync.counts;
  }

  health(): FeedHealth {
    const book = { synced: this.sync.synced, resyncs: this.rebuilder.count, notListed: this.notListed };
    return this.meters.health(this.socket, book, this.transport.clock.now());
  }

  /** The user asked for a fresh connection. */
  reconnect(): void {
    if (this.closed || this.symbol === undefined) return;
    this.socket.reconnect('reconnect requested', { immediate: true, isError: false });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.snapshots?.cancel();
    this.instruments?.cancel();
    this.rebuilder.cancel();
    this.swap?.close();
    this.socket.close();
    this.version++;
  }

  private onOpened(): void {
    for (const frame of this.adapter.subscribe(this.symbol ?? '')) this.socket.send(frame);
    this.rebuilder.subscribed();
    this.swap?.connected(this.socket.connectedSince ?? this.transport.clock.now());
    this.settle(this.sync.begin());
  }

  private onLost(): void {
    this.connectionEpoch++;
    this.meters.connectionLost();
    this.swap?.stop();
    this.snapshots?.cancel();
    this.rebuilder.cancel();
    this.sync.reset();
    this.version++;
  }

  /**
   * The hot path. Nothing thrown here may reach the socket's event handler (it would be an
   * uncaught exception): a level the book cannot hold, or a codec bug, leaves the book
   * half-applied, so it is rebuilt.
   */
  private onFrame(frame: Frame, receivedAt: number): void {
    this.meters.received(receivedAt);
    this.apply(() => this.codec.decode(frame), receivedAt);
    this.swap?.bookMoved();
  }

  private apply(events: () => readonly VenueEvent[], receivedAt: number): void {
    const epoch = this.connectionEpoch;
    try {
      for (const event of events()) {
        this.handle(event, receivedAt);
        if (this.closed || epoch !== this.connectionEpoch) return;
      }
    } catch (error) {
      if (!this.closed && epoch === this.connectionEpoch) this.resync(`frame could not be applied: ${errorMessage(error)}`);
    }
  }

  /**
   * A planned swap: the standby's stream met the book, so its diffs after `held` continue it. The
   * rest of an old connection's frame is not applied; the held diffs are, in order, as if they
   * had just come.
   */
  private takeOver(link: StandbyLink, codec: VenueAdapter, held: readonly HeldDiff[]): void {
    if (!this.socket.adopt(link)) return;
    this.connectionEpoch++;
    this.codec = codec;
    for (const { event, receivedAt } of held) this.apply(() => [event], receivedAt);
  }

  private handle(event: VenueEvent, receivedAt: number): void {
    switch (event.type) {
      case 'snapshot':
        this.marketData('snapshot', event.exchangeTime, receivedAt);
        this.settle(this.sync.onSnapshot(event));
        return;
      case 'delta':
        // A ws-snapshot feed drops diffs until its snapshot comes: those are not data for the
        // stall watchdog, so a venue that never sends the snapshot is caught as stale.
        if (this.sync.synced || this.adapter.sync === 'rest-snapshot') this.marketData('delta', event.exchangeTime, receivedAt);
        this.settle(this.frozen.judge(this.sync.onDelta(event), receivedAt));
        return;
      case 'ping':
        this.socket.send(event.reply);
        return;
      case 'pong':
        this.socket.markPong();
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

  private marketData(kind: 'snapshot' | 'delta', exchangeTime: number | undefined, receivedAt: number): void {
    this.socket.markData(receivedAt);
    const behind = this.meters.marketData(kind, exchangeTime, receivedAt);
    if (behind !== undefined) this.socket.lastError = behind;
  }

  private onVenueError(message: string, notListed: boolean, reconnect: boolean): void {
    if (notListed) {
      this.snapshots?.cancel();
      this.rebuilder.cancel();
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
        this.rebuilder.synced();
        return;
      case 'unchanged':
      case 'skipped':
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

  /** The book is wrong: it leaves the ladder now (not in sync) and is rebuilt. */
  private resync(reason: string): void {
    this.socket.lastError = reason;
    this.snapshots?.cancel();
    this.sync.reset();
    this.version++;
    this.rebuilder.rebuild(reason);
  }

  private fetchSnapshot(delayMs = 0): void {
    if (this.symbol !== undefined) this.snapshots?.load(this.symbol, delayMs);
  }
}
