/**
 * The contract between a venue codec and the machinery every venue shares.
 *
 * A codec (src/feeds/venues/*) answers only "how does this exchange speak": URLs, subscribe
 * frames, decode(frame) -> events, symbol mapping, heartbeat policy, sequence and checksum rules.
 * It owns no socket and no timer, so every rule is testable on the docs' own example messages.
 */

export type Market = 'spot' | 'perp';

/** A price level as the venue wrote it: [price, size]. Size "0" removes the level. */
export type RawLevel = readonly [price: string, size: string];

/** A full book. `seq` is the venue's update id the book is valid at, where it has one. */
export interface SnapshotEvent {
  readonly type: 'snapshot';
  readonly bids: readonly RawLevel[];
  readonly asks: readonly RawLevel[];
  readonly seq?: number;
  /** Exchange time of the message, ms since epoch, for latency. */
  readonly exchangeTime?: number;
  /** Checksum the venue sent for the book after this message. */
  readonly checksum?: number;
  /** The instrument the message names, where it names one: a book of another is not this feed's. */
  readonly symbol?: string;
}

/**
 * Changes to apply. `firstSeq`/`lastSeq` are the range of update ids this message covers
 * (Binance `U`/`u`); `prevSeq` is the id of the message before it (Binance futures `pu`,
 * OKX `prevSeqId`). A codec fills what its venue sends; its `sequence` rule reads them.
 */
export interface DeltaEvent {
  readonly type: 'delta';
  readonly bids: readonly RawLevel[];
  readonly asks: readonly RawLevel[];
  readonly firstSeq?: number;
  readonly lastSeq?: number;
  readonly prevSeq?: number;
  readonly exchangeTime?: number;
  readonly checksum?: number;
}

/** The server asked for an answer: send `reply` back as is. */
export interface PingEvent {
  readonly type: 'ping';
  readonly reply: string;
}

/** An answer to our ping, or a heartbeat-channel message: liveness, never market data. */
export interface PongEvent {
  readonly type: 'pong';
}

export interface SubscribedEvent {
  readonly type: 'subscribed';
}

/**
 * Something the venue reported. `notListed` means the venue does not list the symbol: the feed
 * stops trying and shows it. `reconnect` means the server announced it will close (Binance
 * `serverShutdown`): reconnect now rather than wait for the drop.
 */
export interface ErrorEvent {
  readonly type: 'error';
  readonly message: string;
  readonly notListed?: boolean;
  readonly reconnect?: boolean;
}

export interface IgnoredEvent {
  readonly type: 'ignored';
}

export type VenueEvent =
  | SnapshotEvent
  | DeltaEvent
  | PingEvent
  | PongEvent
  | SubscribedEvent
  | ErrorEvent
  | IgnoredEvent;

/** A frame as it came off the socket: text, or bytes for venues that compress (BingX gzip). */
export type Frame = string | Uint8Array;

/**
 * How a venue keeps a connection provably alive.
 * - `client-ping`: we send `frame` every `intervalMs`; no pong within `timeoutMs` is a dead link.
 * - `server-ping`: the venue pings (protocol ping frames, or a `ping` event from decode) and we
 *   answer; `timeoutMs` without any frame at all is a dead link.
 * - `heartbeat-channel`: the venue pushes heartbeats on a channel we subscribe to; `timeoutMs`
 *   without any frame is a dead link (some venues, Kraken, only send heartbeats when idle).
 * Heartbeats prove the link, never the data: the stall watchdog ignores them.
 */
export type HeartbeatPolicy =
  | { readonly kind: 'client-ping'; readonly frame: string; readonly intervalMs: number; readonly timeoutMs: number }
  | { readonly kind: 'server-ping'; readonly timeoutMs: number }
  | { readonly kind: 'heartbeat-channel'; readonly timeoutMs: number };

/**
 * How the book is brought in sync.
 * - `full-snapshot`: every message is a whole book (Hyperliquid `l2Book`).
 * - `ws-snapshot`: the socket sends a snapshot, then deltas (Bybit, OKX, Coinbase, Kraken, BingX).
 * - `rest-snapshot`: the socket sends only deltas; the book starts from a REST snapshot that
 *   buffered deltas are bridged onto (Binance, Aster).
 */
export type SyncModel = 'full-snapshot' | 'ws-snapshot' | 'rest-snapshot';

/**
 * What to do with a delta, given the sequence id the book is at.
 * `skip`: already contained in the book (older than the snapshot); `apply`; `gap`: something
 * was missed, the book is wrong and must be rebuilt.
 */
export type SequenceVerdict = 'skip' | 'apply' | 'gap';

export interface SequenceRule {
  /**
   * @param bookSeq the seq of the snapshot, or of the last applied delta
   * @param firstAfterSnapshot true until one delta has been applied on top of the snapshot
   */
  classify(bookSeq: number, firstAfterSnapshot: boolean, delta: DeltaEvent): SequenceVerdict;
  /** The seq the book is at after applying `delta`. */
  seqAfter(delta: DeltaEvent): number;
}

/** Read-only view of a book a checksum rule may walk (kept raw strings, best first). */
export interface ChecksumBookView {
  topBids(n: number): readonly RawLevel[];
  topAsks(n: number): readonly RawLevel[];
}

export interface RestSnapshot {
  url(symbol: string): string;
  decode(body: string): SnapshotEvent | ErrorEvent;
}

/**
 * What a venue publishes about one instrument, needed before its book makes sense: how sizes
 * convert to base units (OKX swap sizes are contracts), and the precision a checksum formats
 * with (Kraken v2). Fields a venue does not publish stay undefined.
 */
export interface InstrumentFacts {
  /** The venue's instrument id, when the facts name a different one than `symbolFor` guessed. */
  readonly symbol?: string;
  /** Base units per unit of size on the wire: the contract value of a contract-sized market. */
  readonly contractSize?: number;
  readonly tickSize?: number;
  readonly lotSize?: number;
  /** Decimals of price and size as the venue formats them (Kraken v2 `price_precision`, `qty_precision`). */
  readonly priceDecimals?: number;
  readonly sizeDecimals?: number;
}

/**
 * A declarative instrument request, fetched before the socket opens (like `RestSnapshot`: a URL
 * and a pure decode). A venue's "no such instrument" answer decodes to a `notListed` error.
 */
export interface InstrumentRequest {
  url(symbol: string): string;
  decode(body: string, symbol: string): InstrumentFacts | ErrorEvent;
  /**
   * For a venue whose one answer lists every instrument (Binance USDⓈ-M and Aster take no
   * symbol): the whole answer, so feeds of its other symbols can be answered without asking.
   */
  catalog?(body: string): InstrumentCatalog | ErrorEvent;
}

/** What one instrument answer says of each symbol: its facts, or the venue's reason it has none. */
export interface InstrumentCatalog {
  facts(symbol: string): InstrumentFacts | ErrorEvent;
}

export interface VenueAdapter {
  readonly id: string;
  readonly name: string;
  readonly market: Market;
  /** Quote currency of the instruments `symbolFor` names ("USDT", "USD", "USDC"), shown in the venue row. */
  readonly quote: string;
  /** Venue symbol for a base asset ("BTC" -> "BTCUSDT"), or undefined if it cannot be quoted. */
  symbolFor(base: string): string | undefined;
  url(symbol: string): string;
  /** Frames to send right after the socket opens. */
  subscribe(symbol: string): readonly string[];
  /**
   * ws-snapshot venues: frames that make the venue send a fresh snapshot on the open socket
   * (unsubscribe + subscribe, as OKX and Kraken tell clients to do after a checksum mismatch).
   * Without it a resync reconnects, which costs a handshake and the venue's connection budget.
   */
  resubscribe?(symbol: string): readonly string[];
  readonly heartbeat: HeartbeatPolicy;
  /** No market data for this long while connected -> `stale`. Sized for a quiet book. */
  readonly staleAfterMs: number;
  readonly sync: SyncModel;
  readonly sequence?: SequenceRule;
  /**
   * Checksum of the book after applying an event that carried `checksum`; `instrument` is what
   * the instrument request returned (Kraken formats levels to the pair's precision).
   */
  checksum?(book: ChecksumBookView, instrument: InstrumentFacts | undefined): number;
  readonly restSnapshot?: RestSnapshot;
  /** Fetched before the socket opens; the feed keeps the answer for the checksum and the merge. */
  readonly instrument?: InstrumentRequest;
  /**
   * The venue keeps only the best N levels per side and expects clients to do the same after
   * every update (Kraken: "truncate to the subscribed depth"); levels past N are dropped.
   */
  readonly depthLimit?: number;
  /**
   * The venue ends every connection after this long (Binance, Aster: 24 hours). A feed given a
   * second codec replaces the connection shortly before, without a gap (planned-swap.ts).
   */
  readonly connectionLifetimeMs?: number;
  /** Decoding never throws: anything it cannot read becomes an `error` event. */
  decode(frame: Frame): readonly VenueEvent[];
}

/** Where a codec connects: production hosts, or the simulators' loopback addresses. */
export interface VenueEndpoints {
  readonly ws: string;
  readonly rest?: string;
}

/**
 * Makes a codec. Called once per feed, so a codec may keep per-connection state (Coinbase counts
 * `sequence_num` across every channel of one connection); `endpoints` replaces production hosts.
 */
export type CodecFactory = (endpoints?: VenueEndpoints) => VenueAdapter;
