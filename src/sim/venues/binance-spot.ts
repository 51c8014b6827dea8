/**
 * Binance spot, simulated: the diff-depth WebSocket streams and the REST order-book snapshot, read
 * from Binance's own docs and not from src/feeds (DESIGN.md, sim/): a misreading on either side
 * must fail a test instead of cancelling out. It owns each connection's stream set and ping timer.
 *
 * WS:   https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 * REST: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#order-book
 * (mirror: github.com/binance/binance-spot-api-docs web-socket-streams.md, rest-api.md, errors.md)
 */
import type { BookSpec, LevelChange } from '../market-model.js';
import type { SimClient, SimHttpAnswer, SimProtocol, SimSession, SimSymbol, SimulatorOptions, SimVenueContext } from '../venue-server.js';
import { WIRE_LEVELS_BEST_FIRST } from '../best-first.js';

/** PRICE_FILTER tickSize and LOT_SIZE stepSize of each <BASE>USDT pair, as exchangeInfo lists them. */
const SPECS: Readonly<Record<string, BookSpec>> = {
  BTC: { priceDecimals: 2, sizeDecimals: 5 },
  ETH: { priceDecimals: 2, sizeDecimals: 4 },
  SOL: { priceDecimals: 2, sizeDecimals: 3 },
  XRP: { priceDecimals: 4, sizeDecimals: 1 },
  DOGE: { priceDecimals: 5, sizeDecimals: 0 },
  AVAX: { priceDecimals: 2, sizeDecimals: 2 },
  LINK: { priceDecimals: 2, sizeDecimals: 2 },
};
/** HYPE trades on Hyperliquid but has no Binance spot pair: the sim's "symbol not listed" case. */
const UNLISTED = ['HYPE'];
/** "The WebSocket server will send a ping frame every 20 seconds." (General WSS information) */
const PING_EVERY_MS = 20_000;
/**
 * "A single connection to stream.binance.com is only valid for 24 hours; expect to be disconnected
 * at the 24 hour mark." (General WSS information)
 */
const LIFETIME_MS = 24 * 60 * 60_000;
/** The doc promises no delay between serverShutdown and the disconnect; a short one lets it land. */
const SHUTDOWN_CLOSE_MS = 100;
/** "<symbol>@depth OR <symbol>@depth@100ms"; "All symbols for streams are lowercase". */
const DEPTH_STREAM = /^([a-z0-9]+)usdt@depth(?:@100ms)?$/;

type Level = [price: string, quantity: string];
type Reply = Readonly<Record<string, unknown>>;

/** Binance prints every price and quantity with 8 decimals ("4.00000200", "431.00000000": rest-api.md, Order book). */
function eightDecimals(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  return `${whole}.${fraction.padEnd(8, '0')}`;
}

function wireLevels(levels: ReadonlyArray<readonly [string, string]>): Level[] {
  return levels.map(wireLevel);
}

function wireLevel([price, size]: readonly [string, string]): Level {
  return [eightDecimals(price), eightDecimals(size)];
}

function baseOf(stream: string): string | undefined {
  return DEPTH_STREAM.exec(stream)?.[1]?.toUpperCase();
}

/**
 * Diff. Depth Stream payload (web-socket-streams.md, "Diff. Depth Stream"):
 *   {"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}
 * One entry per price with its final quantity, "0.00000000" for a removed level ("If the quantity
 * is zero, remove the price level", How to manage a local order book correctly).
 */
function depthUpdate(symbol: SimSymbol, changes: readonly LevelChange[], firstSeq: number): Reply {
  const bids = new Map<string, string>();
  const asks = new Map<string, string>();
  for (const change of changes) (change.side === 'bid' ? bids : asks).set(change.price, change.size);
  const b = wireLevels([...bids].sort(WIRE_LEVELS_BEST_FIRST.bid));
  const a = wireLevels([...asks].sort(WIRE_LEVELS_BEST_FIRST.ask));
  return { e: 'depthUpdate', E: Date.now(), s: `${symbol.base}USDT`, U: firstSeq, u: firstSeq + changes.length - 1, b, a };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class BinanceSession implements SimSession {
  private readonly streams = new Set<string>();
  private readonly pinger: NodeJS.Timeout;
  private readonly lifetime: NodeJS.Timeout;
  private shutdownTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    /** /stream wraps every event as {"stream":"<streamName>","data":<rawPayload>}; /ws does not. */
    private readonly combined: boolean,
    streams: readonly string[],
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly peers: Set<BinanceSession>,
    timing: { readonly pingEveryMs: number; readonly lifetimeMs: number },
  ) {
    for (const stream of streams) this.add(stream);
    this.pinger = setInterval(() => client.ping(), timing.pingEveryMs);
    this.pinger.unref();
    // The close code of the 24-hour mark is not documented; 1000 is a normal closure.
    this.lifetime = setTimeout(() => client.close(1000, 'connection lifetime reached'), timing.lifetimeMs);
    this.lifetime.unref();
    peers.add(this);
  }

  /**
   * Live Subscribing/Unsubscribing: {"method":"SUBSCRIBE","params":["btcusdt@depth"],"id":1} ->
   * {"result":null,"id":1}. Errors come wrapped as {"error":{"code","msg"},"id"} on the wire
   * (github.com/ctubio/Krypto-trading-bot/issues/1121 log); codes and texts are the doc's "Error Messages".
   */
  message(text: string): void {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return this.reply({ error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } });
    }
    if (!isRecord(request)) return this.reply({ error: { code: 2, msg: 'Invalid request: missing field `method`' } });
    const id = request['id'] ?? null;
    const params = Array.isArray(request['params']) ? request['params'].filter((p): p is string => typeof p === 'string') : [];
    switch (request['method']) {
      case 'SUBSCRIBE':
        params.forEach((stream) => this.add(stream));
        return this.reply({ result: null, id });
      case 'UNSUBSCRIBE':
        params.forEach((stream) => this.streams.delete(stream));
        return this.reply({ result: null, id });
      case 'LIST_SUBSCRIPTIONS':
        return this.reply({ result: [...this.streams], id });
      case undefined:
        return this.reply({ error: { code: 2, msg: 'Invalid request: missing field `method`' }, id });
      default: {
        const variants = '`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`';
        // Not String(): a client's {"method":{"toString":1}} would make it throw in the server.
        const method = typeof request['method'] === 'string' ? request['method'] : JSON.stringify(request['method']);
        return this.reply({ error: { code: 2, msg: `Invalid request: unknown variant \`${method}\`, expected one of ${variants}` }, id });
      }
    }
  }

  publish(symbol: SimSymbol, changes: readonly LevelChange[], firstSeq: number): void {
    if (this.closed) return;
    // The shutdown is the server's, so every connection hears it, whichever session took the shot.
    if (this.context.faults.take('server-shutdown')) for (const peer of this.peers) peer.shutDown();
    const streams = [...this.streams].filter((stream) => baseOf(stream) === symbol.base);
    if (streams.length === 0) return;
    // A lost event: the next one's U is past this one's u + 1, which the doc says means "missed some events".
    if (this.context.faults.take('gap')) return;
    const event = depthUpdate(symbol, changes, firstSeq);
    for (const stream of streams) this.send(stream, event, 'market');
  }

  close(): void {
    this.closed = true;
    clearInterval(this.pinger);
    clearTimeout(this.lifetime);
    clearTimeout(this.shutdownTimer);
    this.peers.delete(this);
  }

  /**
   * Server Shutdown (web-socket-streams.md#serverShutdown): raw {"e":"serverShutdown","E":1770123456789};
   * combined {"stream":"!serverShutdown","data":{...}}. Then the disconnection it announces.
   */
  private shutDown(): void {
    if (this.closed || this.shutdownTimer) return;
    this.send('!serverShutdown', { e: 'serverShutdown', E: Date.now() }, 'control');
    this.shutdownTimer = setTimeout(() => this.client.close(1001, 'server shutdown'), SHUTDOWN_CLOSE_MS);
  }

  /** An unknown symbol's stream is accepted and stays silent, as Binance's does; its book is made on first use. */
  private add(stream: string): void {
    this.streams.add(stream);
    const base = baseOf(stream);
    if (base) this.context.symbol(base);
  }

  private send(stream: string, payload: Reply, kind: 'market' | 'control'): void {
    this.client.send(JSON.stringify(this.combined ? { stream, data: payload } : payload), kind);
  }

  private reply(payload: Reply): void {
    this.client.send(JSON.stringify(payload), 'control');
  }
}

/**
 * GET /api/v3/depth?symbol=BNBBTC&limit=N (rest-api.md, "Order book"): limit defaults to 100, at
 * most 5000. Answer {"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"]],"asks":[...]}.
 * Unknown symbol: HTTP 400 {"code":-1121,"msg":"Invalid symbol."} (errors.md, -1121 BAD_SYMBOL).
 */
function depthSnapshot(url: URL, context: SimVenueContext): SimHttpAnswer {
  if (url.pathname !== '/api/v3/depth') return { status: 404, body: '' };
  const error = (code: number, msg: string): SimHttpAnswer => ({ status: 400, body: JSON.stringify({ code, msg }) });
  const name = url.searchParams.get('symbol');
  if (!name) return error(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  // Lowercase is refused before the lookup (-1100 ILLEGAL_CHARS; the text is what the live API returns).
  if (!/^[A-Z0-9-_.]{1,20}$/.test(name)) return error(-1100, "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.");
  const limitText = url.searchParams.get('limit') ?? '100';
  if (!/^[0-9]{1,20}$/.test(limitText)) return error(-1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.");
  const base = /^([A-Z0-9]+)USDT$/.exec(name)?.[1];
  const state = base === undefined ? undefined : context.symbol(base);
  if (!state) return error(-1121, 'Invalid symbol.');
  const limit = Math.min(Math.max(Number(limitText), 1), 5000);
  const body = { lastUpdateId: state.seq, bids: wireLevels(state.book.levels('bid', limit)), asks: wireLevels(state.book.levels('ask', limit)) };
  return { status: 200, body: JSON.stringify(body) };
}

/**
 * `heartbeatEveryMs` is the protocol ping period; Binance's is 20 s, tests shorten it, and the
 * connection lifetime shrinks with it. `connectionLifetimeMs` sets the lifetime alone.
 */
export function binanceSpotProtocol(options: SimulatorOptions = {}): SimProtocol {
  const sessions = new Set<BinanceSession>();
  const pingEveryMs = options.heartbeatEveryMs ?? PING_EVERY_MS;
  const timing = { pingEveryMs, lifetimeMs: options.connectionLifetimeMs ?? LIFETIME_MS * (pingEveryMs / PING_EVERY_MS) };
  return {
    venue: 'binance',
    faults: ['gap', 'server-shutdown'],
    unlisted: UNLISTED,
    bookSpec: (base) => SPECS[base] ?? { priceDecimals: 2, sizeDecimals: 2 },
    /** Raw streams at /ws/<streamName>; combined at /stream?streams=<a>/<b> (General WSS information). */
    connect(url: URL, client: SimClient, context: SimVenueContext): SimSession {
      const combined = url.pathname === '/stream';
      const raw = /^\/ws(?:\/(.*))?$/.exec(url.pathname);
      const streams = (combined ? url.searchParams.get('streams') : raw?.[1])?.split('/') ?? [];
      // The real server refuses the handshake on another path; after the upgrade, closing is the nearest.
      if (!combined && !raw) client.close(1008, `no endpoint at ${url.pathname}`);
      return new BinanceSession(combined, streams.filter(Boolean), client, context, sessions, timing);
    },
    http: (url, _body, context) => depthSnapshot(url, context),
  };
}
