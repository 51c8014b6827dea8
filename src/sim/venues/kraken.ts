/**
 * Kraken spot WebSocket v2, simulated from Kraken's docs and not from src/feeds (DESIGN.md,
 * sim/): the `book` channel at a subscribed depth with a CRC32 of the top 10 levels on every
 * message, heartbeats while a connection is otherwise quiet, application ping/pong, the status
 * message on connect, and REST AssetPairs for the pair's precision. It owns each connection's
 * subscriptions and its one timer.
 *
 * Sources (docs.kraken.com, read 2026-11-29):
 * - /exchange/api-reference/spot-websocket-v2/{book,heartbeat,status,ping}
 * - /exchange/guides/websockets/book-checksum-v2
 * - /api-reference/market-data/get-tradable-asset-pairs; /exchange/guides/general/errors
 * - inactivity: "The server closes any open websocket connection within approximately one minute
 *   of inactivity" (/api/docs/guides/spot-ws-intro, as quoted before the 2026 site move)
 */
import { crc32 } from '../../book/crc32.js';
import type { BookSpec, LevelChange, SimBook } from '../market-model.js';
import type { SimClient, SimHttpAnswer, SimProtocol, SimSession, SimSymbol, SimulatorOptions, SimVenueContext } from '../venue-server.js';
import { assetPairsAnswer, KRAKEN_SPECS } from './kraken-asset-pairs.js';
import { wireNumber } from './kraken-wire-number.js';

/** book "depth": "One of: 10, 25, 100, 500, 1000", "Default: 10". */
const DEPTHS = [10, 25, 100, 500, 1000];
/** The depth the client codec subscribes: the levels this simulator's books are compared at. */
const CLIENT_DEPTH = 25;
/** "The checksum is always calculated over the top 10 price levels regardless of subscription depth." */
const CHECKSUM_LEVELS = 10;
/** heartbeat: "sent approximately once every second in the absence of any other channel updates". */
const HEARTBEAT_EVERY_MS = 1_000;
/** About a minute of silence both ways, in heartbeat periods (so tests shorten it with the period). */
const INACTIVE_PERIODS = 60;
const SYMBOL = /^([A-Z0-9]+)\/USD$/;

type Side = 'bid' | 'ask';
type Held = Map<string, string>;
type Levels = ReadonlyArray<readonly [string, string]>;

interface Subscription {
  readonly symbol: string;
  readonly base: string;
  readonly depth: number;
  /** The levels the client holds after our last message: exactly the top `depth` then. */
  readonly held: Record<Side, Held>;
  /** The same levels best first, for the checksum. */
  readonly top: Record<Side, Levels>;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 3339 with microseconds, as `time_in`/`timestamp` print ("2023-10-06T17:35:55.440295Z"). */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}

/** "Remove . from price", "Remove leading zeros" (book-checksum-v2), on the pair-precision text. */
function checksumText(value: string): string {
  return value.replace('.', '').replace(/^0+/, '');
}

/**
 * CRC32 of the top 10 asks (low to high) then bids (high to low), "cast ... to an unsigned 32-bit
 * integer", from the book's top levels at the pair's precision.
 */
function bookChecksum(top: Readonly<Record<Side, Levels>>): number {
  let text = '';
  for (const side of ['ask', 'bid'] as const) {
    for (const [price, size] of top[side].slice(0, CHECKSUM_LEVELS)) text += checksumText(price) + checksumText(size);
  }
  return crc32(text);
}

const NONE: ReadonlySet<string> = new Set();

/** Prices of `side` whose last change in `changes` removed them from the book. */
function gone(changes: readonly LevelChange[], side: Side): ReadonlySet<string> {
  const removed = new Set<string>();
  for (const change of changes) {
    if (change.side !== side) continue;
    if (change.removed) removed.add(change.price);
    else removed.delete(change.price);
  }
  return removed;
}

/** [{"price":0.5666,"qty":4831.75496356},...] with the numbers as Kraken prints them. */
function levelsJson(levels: ReadonlyArray<readonly [string, string]>): string {
  return `[${levels.map(levelJson).join(',')}]`;
}

function levelJson([price, qty]: readonly [string, string]): string {
  return `{"price":${wireNumber(price)},"qty":${qty === '0' ? '0' : wireNumber(qty)}}`;
}

class KrakenSession implements SimSession {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly timer: NodeJS.Timeout;
  private lastSentAt = Date.now();
  private lastActivityAt = Date.now();
  private closed = false;

  constructor(
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly heartbeatEveryMs: number,
    connectionId: number,
  ) {
    // status: "a status will be automatically generated on successful websocket connection".
    this.sendText(`{"channel":"status","data":[{"api_version":"v2","connection_id":${connectionId},"system":"online","version":"2.0.0"}],"type":"update"}`, 'control');
    this.timer = setInterval(() => this.tick(), heartbeatEveryMs);
    this.timer.unref();
  }

  message(text: string): void {
    if (this.closed) return;
    this.lastActivityAt = Date.now();
    const timeIn = rfc3339(Date.now());
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return this.reply({ error: 'Malformed request', success: false }, timeIn);
    }
    if (!isRecord(request)) return this.reply({ error: 'Malformed request', success: false }, timeIn);
    const { method } = request;
    const reqId = typeof request['req_id'] === 'number' ? { req_id: request['req_id'] } : {};
    const params = isRecord(request['params']) ? request['params'] : {};
    switch (method) {
      // ping -> {"method":"pong","req_id":101,"time_in":...,"time_out":...}
      case 'ping':
        if (!this.context.faults.active('no-pong')) this.reply({ method: 'pong', ...reqId }, timeIn);
        return;
      case 'subscribe':
      case 'unsubscribe':
        if (params['channel'] === 'book') return this.book(method, params, reqId, timeIn);
        // The reconnection guide subscribes {"channel":"heartbeat"}; heartbeats come either way.
        if (params['channel'] === 'heartbeat') return this.reply({ method, result: { channel: 'heartbeat' }, success: true, ...reqId }, timeIn);
        return this.reply({ error: `Unsupported channel: ${JSON.stringify(params['channel'])}`, method, success: false, ...reqId }, timeIn);
      default:
        return this.reply({ error: `Unsupported method: ${JSON.stringify(method)}`, success: false, ...reqId }, timeIn);
    }
  }

  /**
   * An update holds what changed in the client's top `depth`: changed and new levels, levels that
   * moved up into the depth when others left it, and qty 0 for levels gone from the book. A level
   * pushed below the depth is not sent: "you will not receive "qty": 0 for levels that fall out of
   * scope" (book-checksum-v2); the client's own truncation drops it.
   */
  publish(state: SimSymbol, changes: readonly LevelChange[]): void {
    if (this.closed) return;
    for (const subscription of this.subscriptions.values()) {
      if (subscription.base !== state.base) continue;
      const bids = this.changes(subscription, 'bid', state.book, gone(changes, 'bid'));
      const asks = this.changes(subscription, 'ask', state.book, gone(changes, 'ask'));
      if (bids.length === 0 && asks.length === 0) continue;
      this.sendBook('update', subscription, bids, asks);
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.subscriptions.clear();
  }

  /** {"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":25,"snapshot":true}}; one answer per symbol. */
  private book(method: 'subscribe' | 'unsubscribe', params: Readonly<Record<string, unknown>>, reqId: object, timeIn: string): void {
    const symbols = Array.isArray(params['symbol']) ? (params['symbol'] as unknown[]) : [];
    const depth = params['depth'] ?? 10;
    const snapshot = params['snapshot'] !== false;
    if (symbols.length === 0 || typeof depth !== 'number' || !DEPTHS.includes(depth)) {
      return this.reply({ error: `Invalid ${symbols.length === 0 ? 'symbol' : 'depth'}`, method, success: false, ...reqId }, timeIn);
    }
    for (const symbol of symbols) {
      const fail = (error: string): void => this.reply({ error, method, success: false, symbol, ...reqId }, timeIn);
      const base = typeof symbol === 'string' ? SYMBOL.exec(symbol)?.[1] : undefined;
      const state = base === undefined ? undefined : this.context.symbol(base);
      // The live answer to a pair Kraken does not list (nautilus_trader#3509).
      if (typeof symbol !== 'string' || base === undefined || !state) {
        fail(`Currency pair not supported ${typeof symbol === 'string' ? symbol : JSON.stringify(symbol)}`);
        continue;
      }
      const result = { channel: 'book', depth, snapshot, symbol };
      if (method === 'unsubscribe') {
        if (!this.subscriptions.delete(symbol)) fail('Subscription Not Found');
        else this.reply({ method, result, success: true, ...reqId }, timeIn);
        continue;
      }
      if (this.subscriptions.has(symbol)) {
        fail('Already subscribed');
        continue;
      }
      const subscription: Subscription = { symbol, base, depth, held: { bid: new Map(), ask: new Map() }, top: { bid: [], ask: [] } };
      this.subscriptions.set(symbol, subscription);
      this.reply({ method, result, success: true, ...reqId }, timeIn);
      const bids = this.changes(subscription, 'bid', state.book, NONE);
      const asks = this.changes(subscription, 'ask', state.book, NONE);
      if (snapshot) this.sendBook('snapshot', subscription, bids, asks);
    }
  }

  /**
   * The levels to send for one side, and the client's holdings brought up to the book's top
   * `depth`. `removed`: prices that left the book since the last message (a level that only
   * fell below the depth is still in the book, and is not sent).
   */
  private changes(subscription: Subscription, side: Side, book: SimBook, removed: ReadonlySet<string>): Array<[string, string]> {
    const held = subscription.held[side];
    const top = book.levels(side, subscription.depth);
    const out: Array<[string, string]> = [];
    for (const [price, size] of top) if (held.get(price) !== size) out.push([price, size]);
    const inTop = new Set<string>();
    for (const [price] of top) inTop.add(price);
    for (const price of held.keys()) if (!inTop.has(price) && removed.has(price)) out.push([price, '0']);
    held.clear();
    for (const [price, size] of top) held.set(price, size);
    subscription.top[side] = top;
    return out;
  }

  /**
   * {"channel":"book","type":"snapshot"|"update","data":[{"symbol":"MATIC/USD","bids":[...],"asks":[...],
   * "checksum":2439117997,"timestamp":"2023-10-06T17:35:55.440295Z"}]}
   */
  private sendBook(type: 'snapshot' | 'update', subscription: Subscription, bids: ReadonlyArray<readonly [string, string]>, asks: ReadonlyArray<readonly [string, string]>): void {
    const checksum = bookChecksum(subscription.top) ^ (this.context.faults.take('bad-checksum') ? 1 : 0);
    const entry = `{"symbol":${JSON.stringify(subscription.symbol)},"bids":${levelsJson(bids)},"asks":${levelsJson(asks)},"checksum":${checksum >>> 0},"timestamp":"${rfc3339(Date.now())}"}`;
    this.sendText(`{"channel":"book","type":"${type}","data":[${entry}]}`, 'market');
  }

  /** Heartbeats while subscribed and otherwise quiet; a connection silent both ways is closed. */
  private tick(): void {
    const now = Date.now();
    if (this.subscriptions.size > 0 && now - this.lastSentAt >= this.heartbeatEveryMs && !this.context.faults.active('no-pong')) {
      this.sendText('{"channel":"heartbeat"}', 'control');
    }
    if (now - Math.max(this.lastSentAt, this.lastActivityAt) >= INACTIVE_PERIODS * this.heartbeatEveryMs) this.client.close(1000, 'inactivity');
  }

  private reply(body: Readonly<Record<string, unknown>>, timeIn: string): void {
    this.sendText(JSON.stringify({ ...body, time_in: timeIn, time_out: rfc3339(Date.now()) }), 'control');
  }

  private sendText(text: string, kind: 'market' | 'control'): void {
    this.lastSentAt = Date.now();
    this.client.send(text, kind);
  }
}

/** `heartbeatEveryMs`: the heartbeat period (Kraken's is about 1 s); the inactivity close scales with it. */
export function krakenProtocol(options: SimulatorOptions = {}): SimProtocol {
  const heartbeatEveryMs = options.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS;
  let connections = 0;
  return {
    venue: 'kraken',
    faults: ['bad-checksum', 'no-pong'],
    publishedDepth: CLIENT_DEPTH,
    wsPath: '/v2',
    bookSpec: (base): BookSpec => KRAKEN_SPECS[base] ?? { priceDecimals: 2, sizeDecimals: 8 },
    /** One public endpoint, wss://ws.kraken.com/v2; every pair is a subscription on it. */
    connect(url: URL, client: SimClient, context: SimVenueContext): SimSession {
      if (url.pathname !== '/v2') client.close(1008, `no endpoint at ${url.pathname}`);
      return new KrakenSession(client, context, heartbeatEveryMs, 13834774380200 + ++connections);
    },
    http: (url: URL, _body: string, context: SimVenueContext): SimHttpAnswer => assetPairsAnswer(url, context),
  };
}
