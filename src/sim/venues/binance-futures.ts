/**
 * A Binance-USDⓈ-M-style futures venue, simulated: the diff-depth WebSocket streams with their
 * `pu` chain, the protocol ping with its pong deadline, the 24-hour connection lifetime, and (in
 * binance-futures-rest.ts) the REST depth snapshot and exchangeInfo. Binance USDⓈ-M and Aster
 * are this one encoder with their facts (binance-usdm.ts, aster.ts), read from the venues' docs
 * and not from src/feeds (DESIGN.md, sim/): a misreading on either side must fail a test.
 *
 * Binance: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 * Aster:   github.com/asterdex/api-docs V3(Recommended)/EN/aster-finance-futures-api-v3.md @ 265e024
 */
import type { LevelChange } from '../market-model.js';
import type { SimClient, SimProtocol, SimSession, SimSymbol, SimulatorOptions, SimVenueContext } from '../venue-server.js';
import { ID_STRIDE, futuresSpec, type FuturesSimFacts } from './binance-futures-facts.js';
import { futuresHttp } from './binance-futures-rest.js';
import { WIRE_LEVELS_BEST_FIRST } from '../best-first.js';

/** "<symbol>@depth OR <symbol>@depth@500ms OR <symbol>@depth@100ms"; "All symbols for streams are lowercase". */
const DEPTH_STREAM = /^([a-z0-9]+)usdt@depth(?:@500ms|@100ms)?$/;
const UNKNOWN_VARIANT = '`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`';

type Reply = Readonly<Record<string, unknown>>;

function baseOf(stream: string): string | undefined {
  return DEPTH_STREAM.exec(stream)?.[1]?.toUpperCase();
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * "Diff. Book Depth Streams": {"e":"depthUpdate","E":..,"T":..,"s":"BTCUSDT","U":157,"u":160,
 * "pu":149,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}; one entry per price with its final
 * quantity, "0" for a removed level ("If the quantity is 0, remove the price level").
 */
function depthUpdate(symbol: SimSymbol, changes: readonly LevelChange[], firstSeq: number): Reply {
  const bids = new Map<string, string>();
  const asks = new Map<string, string>();
  for (const change of changes) (change.side === 'bid' ? bids : asks).set(change.price, change.size);
  const lastSeq = firstSeq + changes.length - 1;
  const now = Date.now();
  return {
    e: 'depthUpdate', E: now, T: now, s: `${symbol.base}USDT`,
    U: firstSeq * ID_STRIDE, u: lastSeq * ID_STRIDE, pu: (firstSeq - 1) * ID_STRIDE,
    b: [...bids].sort(WIRE_LEVELS_BEST_FIRST.bid),
    a: [...asks].sort(WIRE_LEVELS_BEST_FIRST.ask),
  };
}

interface Timing {
  readonly pingEveryMs: number;
  readonly pongWithinMs: number;
  readonly lifetimeMs: number;
}

class FuturesSession implements SimSession {
  private readonly streams = new Set<string>();
  private readonly pinger: NodeJS.Timeout;
  private readonly lifetime: NodeJS.Timeout;
  private awaitingPongSince: number | undefined;
  private closed = false;

  constructor(
    /** /stream wraps every event as {"stream":"<streamName>","data":<rawPayload>}; /ws does not. */
    private readonly combined: boolean,
    /** A route that does not carry depth streams: they are accepted and stay silent. */
    private readonly silent: boolean,
    streams: readonly string[],
    private readonly facts: FuturesSimFacts,
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly timing: Timing,
  ) {
    this.add(streams);
    this.pinger = setInterval(() => this.ping(), timing.pingEveryMs);
    this.pinger.unref();
    // "A single connection is only valid for 24 hours; expect to be disconnected at the 24 hour mark."
    this.lifetime = setTimeout(() => this.client.close(1000, 'connection lifetime reached'), timing.lifetimeMs);
    this.lifetime.unref();
  }

  /**
   * "Live Subscribing/Unsubscribing to streams": {"method":"SUBSCRIBE","params":["btcusdt@depth"],"id":1}
   * -> {"result":null,"id":1}; the "Error Messages" table for the rest.
   */
  message(text: string): void {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return this.reply({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' });
    }
    if (!isRecord(request)) return this.reply({ code: 2, msg: 'Invalid request: missing field `method` at line 1 column 1' });
    const id = request['id'] ?? null;
    const params = Array.isArray(request['params']) ? request['params'].filter((p): p is string => typeof p === 'string') : [];
    switch (request['method']) {
      case 'SUBSCRIBE':
        this.add(params);
        return this.closed ? undefined : this.reply({ result: null, id });
      case 'UNSUBSCRIBE':
        params.forEach((stream) => this.streams.delete(stream));
        return this.reply({ result: null, id });
      case 'LIST_SUBSCRIPTIONS':
        return this.reply({ result: [...this.streams], id });
      case undefined:
        return this.reply({ code: 2, msg: 'Invalid request: missing field `method` at line 1 column 1' });
      default: {
        // Not String(): a client's {"method":{"toString":1}} would make it throw in the server.
        const method = typeof request['method'] === 'string' ? request['method'] : JSON.stringify(request['method']);
        return this.reply({ code: 2, msg: `Invalid request: unknown variant ${method}, expected one of ${UNKNOWN_VARIANT} at line 1 column 28` });
      }
    }
  }

  publish(symbol: SimSymbol, changes: readonly LevelChange[], firstSeq: number): void {
    if (this.closed || this.silent) return;
    const streams = [...this.streams].filter((stream) => baseOf(stream) === symbol.base);
    if (streams.length === 0) return;
    // A lost event: the next one's pu is not the u the client holds ("otherwise initialize the process").
    if (this.context.faults.take('gap')) return;
    const event = depthUpdate(symbol, changes, firstSeq);
    for (const stream of streams) this.client.send(JSON.stringify(this.combined ? { stream, data: event } : event), 'market');
  }

  /** A pong frame came back. */
  pong(): void {
    this.awaitingPongSince = undefined;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.pinger);
    clearTimeout(this.lifetime);
  }

  /**
   * "The websocket server will send a ping frame every 3 minutes [Aster: 5]. If the websocket
   * server does not receive a pong frame back from the connection within a 10 minute period
   * [Aster: 15], the connection will be disconnected." The close code is not documented. A stalled
   * server sends no pings, so it expects no pongs either.
   */
  private ping(): void {
    if (this.context.faults.active('stall')) {
      this.awaitingPongSince = undefined;
      return;
    }
    const now = Date.now();
    if (this.awaitingPongSince !== undefined && now - this.awaitingPongSince > this.timing.pongWithinMs) {
      this.client.close(1008, 'pong timeout');
      return;
    }
    this.awaitingPongSince ??= now;
    this.client.ping();
  }

  /**
   * Streams beyond "A single connection can listen to a maximum of N streams" end the connection
   * (the futures docs state only the maximum; the spot docs say such a connection is disconnected).
   * An unknown symbol's stream is accepted and stays silent, as on the real venue.
   */
  private add(streams: readonly string[]): void {
    for (const stream of streams) {
      this.streams.add(stream);
      const base = baseOf(stream);
      if (base) this.context.symbol(base);
    }
    if (this.streams.size > this.facts.maxStreams) {
      this.closed = true;
      this.client.close(1008, 'too many streams');
    }
  }

  private reply(payload: Reply): void {
    this.client.send(JSON.stringify(payload), 'control');
  }
}

/** Raw streams at <route>/ws/<a>/<b>; combined at <route>/stream?streams=<a>/<b>. */
function parsePath(url: URL, facts: FuturesSimFacts): { combined: boolean; silent: boolean; streams: string[] } | undefined {
  const match = /^(\/[a-z]+)?\/(ws|stream)(?:\/(.*))?$/.exec(url.pathname);
  if (!match) return undefined;
  const route = match[1] ?? '';
  const silent = facts.silentRoutes.includes(route);
  if (!silent && !facts.depthRoutes.includes(route)) return undefined;
  const combined = match[2] === 'stream';
  const list = combined ? url.searchParams.get('streams') : match[3];
  return { combined, silent, streams: (list ?? '').split('/').filter(Boolean) };
}

/**
 * `heartbeatEveryMs` shortens the ping period; the pong deadline and the lifetime shrink with it.
 * `connectionLifetimeMs` sets the lifetime alone.
 */
export function futuresProtocol(facts: FuturesSimFacts, options: SimulatorOptions = {}): SimProtocol {
  const scale = (options.heartbeatEveryMs ?? facts.pingEveryMs) / facts.pingEveryMs;
  const timing: Timing = {
    pingEveryMs: facts.pingEveryMs * scale,
    pongWithinMs: facts.pongWithinMs * scale,
    lifetimeMs: options.connectionLifetimeMs ?? facts.lifetimeMs * scale,
  };
  return {
    venue: facts.venue,
    faults: ['gap'],
    unlisted: facts.unlisted,
    wsPath: facts.depthRoutes[0] || undefined,
    bookSpec: (base) => futuresSpec(facts, base),
    connect(url: URL, client: SimClient, context: SimVenueContext): SimSession {
      const path = parsePath(url, facts);
      // The real server refuses the handshake on another path; after the upgrade, closing is the nearest.
      if (!path) client.close(1008, `no endpoint at ${url.pathname}`);
      return new FuturesSession(path?.combined ?? false, path?.silent ?? true, path?.streams ?? [], facts, client, context, timing);
    },
    http: (url, _body, context) => futuresHttp(url, facts, context),
  };
}
