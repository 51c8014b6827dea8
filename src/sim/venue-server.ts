/**
 * A simulated venue on loopback: one HTTP server (REST) with a WebSocket endpoint, port 0
 * (a LoopbackServer), that speaks one exchange's wire protocol through a `SimProtocol`. The
 * server owns the venue's authoritative books, the sockets and the generic faults (drop, stall,
 * heartbeat-only, refuse, 429, garbage, burst, slow-snapshot); the protocol owns the wire format
 * and the faults only it can commit (gap, bad-checksum, no-pong, server-shutdown).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { FaultSwitches, type FaultName } from './faults.js';
import { LoopbackServer, readBody } from './loopback-server.js';
import type { BookSpec, LevelChange, MarketModel, SimBook } from './market-model.js';

/** What a simulated socket sends: market data is withheld by stall and heartbeat-only faults. */
export type SendKind = 'market' | 'control';

export interface SimClient {
  send(data: string | Uint8Array, kind: SendKind): void;
  close(code?: number, reason?: string): void;
  /** WebSocket protocol ping (Binance pings every 20 s). */
  ping(): void;
}

/** A venue symbol's shared state: the authoritative book and its update id. */
export interface SimSymbol {
  readonly base: string;
  readonly book: SimBook;
  /** Update id of the last change (Binance `u`, OKX `seqId`...). */
  seq: number;
}

export interface SimSession {
  message(text: string): void;
  /** The book of `symbol` changed by `changes`; ids firstSeq..lastSeq cover them. */
  publish(symbol: SimSymbol, changes: readonly LevelChange[], firstSeq: number): void;
  /** A protocol pong came back (a venue that pings may drop a client that does not answer). */
  pong?(): void;
  close(): void;
}

export interface SimHttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

export interface SimVenueContext {
  readonly faults: FaultSwitches;
  /** The venue's state for a base asset, or undefined when it does not list it. */
  symbol(base: string): SimSymbol | undefined;
}

/** Faults a protocol commits itself, on its own wire format; the server commits the rest. */
export type ProtocolFault = Extract<FaultName, 'gap' | 'bad-checksum' | 'no-pong' | 'server-shutdown'>;

export interface SimProtocol {
  readonly venue: string;
  /** The protocol faults this venue's simulator can commit (a venue without checksums has no bad-checksum). */
  readonly faults: readonly ProtocolFault[];
  /** Levels per side the venue publishes (Hyperliquid l2Book: 20); undefined = the whole book. */
  readonly publishedDepth?: number;
  /** Path of the WebSocket endpoint as the venue's production URL has it (Hyperliquid: "/ws"). */
  readonly wsPath?: string;
  /** How this venue quotes each base (tick size, size precision). */
  bookSpec(base: string): BookSpec;
  /** Bases this venue does not list (the rest of the model's universe is listed). */
  readonly unlisted?: readonly string[];
  connect(url: URL, client: SimClient, context: SimVenueContext): SimSession;
  http?(url: URL, body: string, context: SimVenueContext): Promise<SimHttpAnswer> | SimHttpAnswer;
}

/**
 * How a test or the demo runs a simulator; each default is the venue's real cadence. A venue
 * reads the options that mean something for its protocol and ignores the others.
 */
export interface SimulatorOptions {
  /** Period of the venue's own pings or heartbeats (Binance protocol pings: 20 s). */
  readonly heartbeatEveryMs?: number;
  /** Shortest time between two pushes of a throttled book channel (Hyperliquid l2Book: 500 ms). */
  readonly minPushIntervalMs?: number;
  /**
   * When a venue that limits a connection's life ends each one (Binance, Aster: 24 hours). By
   * default its own lifetime, scaled like its heartbeats by `heartbeatEveryMs`.
   */
  readonly connectionLifetimeMs?: number;
}

export interface VenueServerOptions {
  readonly slowSnapshotMs?: number;
  readonly burstSize?: number;
  /** Retry-After (whole seconds, RFC 9110 delta-seconds) sent with a 429; 2 by default. */
  readonly retryAfterSeconds?: number;
}

interface Connection {
  readonly socket: WebSocket;
  readonly session: SimSession;
}

export class VenueServer extends LoopbackServer {
  readonly faults = new FaultSwitches();
  private readonly connections = new Set<Connection>();
  private readonly symbols = new Map<string, SimSymbol>();
  private readonly context: SimVenueContext;
  private closed = false;
  private upgrades = 0;
  private lastUpgrade: number | undefined;
  private lastMarketSent: number | undefined;
  private httpInFlight = 0;

  constructor(
    readonly protocol: SimProtocol,
    private readonly model: MarketModel,
    private readonly options: VenueServerOptions = {},
  ) {
    super();
    this.context = { faults: this.faults, symbol: (base) => this.symbol(base) };
  }

  get clientCount(): number {
    return this.connections.size;
  }

  /** WebSocket handshakes asked for so far, refused ones included: each is a connection attempt. */
  get upgradeAttempts(): number {
    return this.upgrades;
  }

  /** When the last handshake was asked for (ms since epoch). */
  get lastUpgradeAt(): number | undefined {
    return this.lastUpgrade;
  }

  /** When market data last went out to a client (ms since epoch); faults that withhold it do not count. */
  get lastMarketSentAt(): number | undefined {
    return this.lastMarketSent;
  }

  /** REST requests being answered: one ends when its answer is sent or its client goes away. */
  get openHttpRequests(): number {
    return this.httpInFlight;
  }

  /** Send one raw frame to every client now, as market data (a test's malformed frame). */
  inject(data: string | Uint8Array): void {
    this.broadcast(data, 'market');
  }

  /** The venue's authoritative state for a base, created on first use. */
  symbol(base: string): SimSymbol | undefined {
    if (this.protocol.unlisted?.includes(base) || !this.model.lists(base)) return undefined;
    let state = this.symbols.get(base);
    if (!state) {
      state = { base, book: this.model.openBook(this.protocol.venue, base, this.protocol.bookSpec(base)), seq: 1_000_000 };
      this.symbols.set(base, state);
    }
    return state;
  }

  /** Follow the model one step: every open book moves and every session hears of it. */
  step(): void {
    if (this.closed) return;
    for (const state of this.symbols.values()) this.advance(state, state.book.moveTo(this.model.mid(state.base)));
    if (this.faults.take('burst')) this.burst();
    if (this.faults.take('drop')) this.dropAll();
    if (this.faults.take('garbage')) this.broadcast('{"this is not": json', 'market');
  }

  /**
   * `count` book changes on every symbol in use, each published as its own message with its own
   * update ids: a stress source as fast as the caller asks. Returns the messages made per symbol.
   */
  flood(count: number): number {
    if (this.closed) return 0;
    let made = 0;
    for (const state of this.symbols.values()) {
      const mid = this.model.mid(state.base);
      made = 0;
      // A step that changes nothing sends nothing; bounded so a frozen book cannot spin forever.
      for (let attempt = 0; made < count && attempt < count * 2; attempt++) if (this.advance(state, state.book.moveTo(mid))) made++;
    }
    return made;
  }

  /** The update id of each symbol in use. */
  seqs(): Record<string, number> {
    return Object.fromEntries([...this.symbols.values()].map((state) => [state.base, state.seq]));
  }

  /** Close every client connection abruptly (the client sees 1006). */
  dropAll(): void {
    for (const { socket } of this.connections) socket.terminate();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.connections) {
      connection.session.close();
      connection.socket.terminate();
    }
    this.connections.clear();
    await this.closeLoopback();
  }

  private advance(state: SimSymbol, changes: readonly LevelChange[]): boolean {
    if (changes.length === 0) return false;
    const firstSeq = state.seq + 1;
    state.seq += changes.length;
    for (const { session } of this.connections) session.publish(state, changes, firstSeq);
    return true;
  }

  /** Many small updates at once, as a venue does on a volatile print. */
  private burst(): void {
    this.flood(this.options.burstSize ?? 10_000);
  }

  private broadcast(data: string | Uint8Array, kind: SendKind): void {
    for (const { socket } of this.connections) this.clientFor(socket).send(data, kind);
  }

  private clientFor(socket: WebSocket): SimClient {
    return {
      send: (data, kind) => {
        if (socket.readyState !== socket.OPEN) return;
        if (this.faults.active('stall')) return;
        if (kind === 'market' && this.faults.active('heartbeat-only')) return;
        if (kind === 'market') this.lastMarketSent = Date.now();
        socket.send(data);
      },
      close: (code, reason) => socket.close(code, reason),
      ping: () => {
        if (socket.readyState === socket.OPEN && !this.faults.active('stall')) socket.ping();
      },
    };
  }

  protected override answersPing(): boolean {
    return !this.faults.active('stall');
  }

  protected override onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.upgrades++;
    this.lastUpgrade = Date.now();
    const refusal = this.faults.active('429') ? 429 : this.faults.active('refuse') ? 503 : 0;
    if (this.closed || refusal) {
      const retryAfter = refusal === 429 ? `Retry-After: ${this.retryAfterSeconds}\r\n` : '';
      socket.end(`HTTP/1.1 ${refusal || 503} ${refusal === 429 ? 'Too Many Requests' : 'Service Unavailable'}\r\n${retryAfter}Connection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.acceptUpgrade(request, socket, head, (ws) => {
      const url = new URL(request.url ?? '/', this.wsUrl);
      const session = this.protocol.connect(url, this.clientFor(ws), this.context);
      const connection: Connection = { socket: ws, session };
      this.connections.add(connection);
      ws.on('message', (data, isBinary) => {
        if (!isBinary) session.message(data.toString());
      });
      ws.on('pong', () => session.pong?.());
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        this.connections.delete(connection);
        session.close();
      });
    });
  }

  protected override async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.httpInFlight++;
    response.once('close', () => this.httpInFlight--);
    const url = new URL(request.url ?? '/', this.httpUrl);
    const body = await readBody(request);
    if (!this.protocol.http) return reply(response, { status: 404, body: 'not found' });
    if (this.faults.active('429')) return reply(response, { status: 429, body: '{"code":-1003,"msg":"Too many requests."}', headers: { 'Retry-After': String(this.retryAfterSeconds) } });
    // The answer is made when asked and arrives late, as a slow network delivers it: by then the
    // stream has moved on, and the client must bridge its buffered diffs onto an old snapshot.
    const answer = await this.protocol.http(url, body, this.context);
    if (this.faults.active('slow-snapshot')) await delay(this.options.slowSnapshotMs ?? 3_000);
    if (this.closed) return reply(response, { status: 503, body: '' });
    reply(response, answer);
  }

  private get retryAfterSeconds(): number {
    return this.options.retryAfterSeconds ?? 2;
  }
}

function reply(response: ServerResponse, answer: SimHttpAnswer): void {
  if (response.destroyed) return;
  response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
  response.end(answer.body);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
