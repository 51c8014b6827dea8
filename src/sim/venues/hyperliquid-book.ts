/**
 * Hyperliquid's l2Book WebSocket feed, simulated from Hyperliquid's docs and not from src/feeds
 * (DESIGN.md, sim/). It owns each connection's l2Book subscriptions; it has no timers. Hyperliquid
 * sends whole books, no sequence ids, so there is no gap to fake, and no shutdown notice.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket (+ /subscriptions,
 * /timeouts-and-heartbeats) and .../for-developers/api/tick-and-lot-size. Where the docs are silent
 * (error texts), Hyperliquid's own order_book_server is the source:
 * github.com/hyperliquid-dex/order_book_server server/src/servers/websocket_server.rs @bf5f6bc.
 */
import type { BookSpec } from '../market-model.js';
import type { SimClient, SimProtocol, SimSession, SimSymbol, SimulatorOptions, SimVenueContext } from '../venue-server.js';

/**
 * szDecimals from POST /info {"type":"meta"}; price decimals are what "up to 5 significant figures,
 * but no more than 6 - szDecimals decimal places" (tick-and-lot-size, perps) allows at the start price.
 */
const SPECS: Readonly<Record<string, BookSpec>> = {
  BTC: { priceDecimals: 0, sizeDecimals: 5 },
  ETH: { priceDecimals: 1, sizeDecimals: 4 },
  SOL: { priceDecimals: 2, sizeDecimals: 2 },
  XRP: { priceDecimals: 5, sizeDecimals: 0 },
  DOGE: { priceDecimals: 5, sizeDecimals: 0 },
  AVAX: { priceDecimals: 3, sizeDecimals: 2 },
  LINK: { priceDecimals: 3, sizeDecimals: 1 },
  HYPE: { priceDecimals: 3, sizeDecimals: 2 },
};
/** "fast: boolean (5 levels if fast, 20 levels if slow)" (subscriptions, l2Book). */
const LEVELS = 20;
const FAST_LEVELS = 5;
/** The plain-text frame the server sends on connect; the official Python SDK skips it
 * (hyperliquid-python-sdk hyperliquid/websocket_manager.py, on_message). */
const GREETING = 'Websocket connection established.';

/** `minPushIntervalMs`: WsBook is "pushed on each block that is at least 0.5 since last push" (subscriptions, WsBook). */
export interface HyperliquidBookOptions extends SimulatorOptions {
  readonly now?: () => number;
}

/** A subscription as the server echoes it: options the client left out come back as null. */
interface L2BookSubscription {
  readonly type: 'l2Book';
  readonly coin: string;
  readonly nSigFigs: number | null;
  readonly mantissa: number | null;
  readonly fast?: true;
}

type Request =
  | { readonly method: 'ping' }
  | { readonly method: 'subscribe' | 'unsubscribe'; readonly subscription: L2BookSubscription };

interface Feed {
  readonly subscription: L2BookSubscription;
  lastPushAt: number;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** null for absent, a number, or undefined for a value the server could not deserialize. */
function option(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Only l2Book is simulated; any other type gets the answer the server gives a type it does not know. */
function parseRequest(text: string): Request | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const method = value['method'];
  if (method === 'ping') return { method };
  const sub = value['subscription'];
  if ((method !== 'subscribe' && method !== 'unsubscribe') || !isRecord(sub)) return undefined;
  const nSigFigs = option(sub['nSigFigs']);
  const mantissa = option(sub['mantissa']);
  if (sub['type'] !== 'l2Book' || typeof sub['coin'] !== 'string' || nSigFigs === undefined || mantissa === undefined) return undefined;
  const fast = sub['fast'] === true ? { fast: true as const } : {};
  return { method, subscription: { type: 'l2Book', coin: sub['coin'], nSigFigs, mantissa, ...fast } };
}

/**
 * The sim's prices already have at most 5 significant figures, which is what nSigFigs 5 (or null)
 * gives; coarser aggregation is not simulated, so it is refused rather than answered wrongly.
 */
function simulated(subscription: L2BookSubscription): boolean {
  return (subscription.nSigFigs === null || subscription.nSigFigs === 5) && subscription.mantissa === null;
}

/** Hyperliquid prints numbers without trailing zeros but keeps one decimal: "113377.0", "7.6699". */
function hlNumber(text: string): string {
  if (!text.includes('.')) return `${text}.0`;
  const trimmed = text.replace(/0+$/, '');
  return trimmed.endsWith('.') ? `${trimmed}0` : trimmed;
}

function wireLevel([px, sz]: readonly [string, string]): { px: string; sz: string; n: number } {
  return { px: hlNumber(px), sz: hlNumber(sz), n: Math.max(1, Math.ceil(Number(sz))) };
}

class HyperliquidSession implements SimSession {
  private readonly feeds = new Map<string, Feed>();
  private closed = false;

  constructor(
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly minPushIntervalMs: number,
    private readonly now: () => number,
  ) {
    client.send(GREETING, 'control');
  }

  /**
   * {"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}} -> {"channel":"subscriptionResponse",
   * "data":{"method":"subscribe","subscription":{...}}}, then a snapshot at once ("The subscription ack
   * provides a snapshot"). Errors are {"channel":"error","data":"<text>"}; texts from order_book_server.
   * {"method":"ping"} -> {"channel":"pong"} (timeouts-and-heartbeats).
   */
  message(text: string): void {
    if (this.closed) return;
    const request = parseRequest(text);
    if (!request) return this.send('error', `Error parsing JSON into valid websocket request: ${text}`);
    if (request.method === 'ping') {
      if (!this.context.faults.active('no-pong')) this.client.send(JSON.stringify({ channel: 'pong' }), 'control');
      return;
    }
    const key = JSON.stringify(request.subscription);
    const symbol = this.context.symbol(request.subscription.coin);
    if (!symbol || !simulated(request.subscription)) return this.send('error', `Invalid subscription: ${key}`);
    if (request.method === 'unsubscribe') {
      if (!this.feeds.delete(key)) return this.send('error', `Already unsubscribed: ${key}`);
      return this.send('subscriptionResponse', request);
    }
    if (this.feeds.has(key)) return this.send('error', `Already subscribed: ${key}`);
    const feed: Feed = { subscription: request.subscription, lastPushAt: 0 };
    this.feeds.set(key, feed);
    this.send('subscriptionResponse', request);
    this.push(feed, symbol);
  }

  /** A step is a block: the book goes out if the last push of this coin is at least 0.5 s old. */
  publish(symbol: SimSymbol): void {
    if (this.closed) return;
    for (const feed of this.feeds.values()) {
      if (feed.subscription.coin !== symbol.base) continue;
      if (this.now() - feed.lastPushAt >= this.minPushIntervalMs) this.push(feed, symbol);
    }
  }

  close(): void {
    this.closed = true;
    this.feeds.clear();
  }

  /**
   * WsBook (subscriptions, data type definitions): {"channel":"l2Book","data":{"coin":"BTC","time":1754450974231,
   * "levels":[[{"px":"113377.0","sz":"7.6699","n":17}],[...asks]]}}, best first. The sim keeps no orders,
   * so n is a stand-in that grows with the size.
   */
  private push(feed: Feed, symbol: SimSymbol): void {
    const time = this.now();
    feed.lastPushAt = time;
    const depth = feed.subscription.fast ? FAST_LEVELS : LEVELS;
    const levels = [symbol.book.levels('bid', depth).map(wireLevel), symbol.book.levels('ask', depth).map(wireLevel)];
    this.client.send(JSON.stringify({ channel: 'l2Book', data: { coin: symbol.base, time, levels } }), 'market');
  }

  private send(channel: string, data: unknown): void {
    this.client.send(JSON.stringify({ channel, data }), 'control');
  }
}

export function hyperliquidBookProtocol(options: HyperliquidBookOptions = {}): SimProtocol {
  const minPushIntervalMs = options.minPushIntervalMs ?? 500;
  const now = options.now ?? Date.now;
  return {
    venue: 'hyperliquid',
    faults: ['no-pong'],
    publishedDepth: LEVELS,
    wsPath: '/ws',
    bookSpec: (base) => SPECS[base] ?? { priceDecimals: 2, sizeDecimals: 2 },
    /** One endpoint, wss://api.hyperliquid.xyz/ws; every coin is a subscription on it. */
    connect(url: URL, client: SimClient, context: SimVenueContext): SimSession {
      // The real server refuses the handshake on another path; after the upgrade, closing is the nearest.
      if (url.pathname !== '/ws') client.close(1008, `no endpoint at ${url.pathname}`);
      return new HyperliquidSession(client, context, minPushIntervalMs, now);
    },
  };
}
