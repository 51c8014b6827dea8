/**
 * Coinbase Advanced Trade, simulated: the `level2` channel (on `l2_data`), the `heartbeats`
 * channel and the public product endpoint, read from Coinbase's docs and not from src/feeds
 * (DESIGN.md, sim/). Per connection it keeps one `sequence_num` counter for every message it
 * sends, whatever the channel, as the live feed does; its timer sends the heartbeats and enforces
 * the connection rules. Faults only this protocol commits: `gap` (a sequence number is used and
 * its message never sent) and `no-pong` (the heartbeats channel falls silent, data still flows).
 *
 * Sources (read 2026-07-22):
 * https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-overview
 * https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/advanced-trade-asyncapi.json
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-product
 */
import type { BookSpec, LevelChange } from '../market-model.js';
import type { SimClient, SimHttpAnswer, SimProtocol, SimSession, SimSymbol, SimulatorOptions, SimVenueContext } from '../venue-server.js';

export interface CoinbaseSimOptions extends SimulatorOptions {
  /**
   * Levels kept on each side of every book. Coinbase's BTC-USD book holds ~23 000 a side, sent
   * whole in one snapshot frame (~5 MB); the model's default keeps tests light.
   */
  readonly bookDepth?: number;
}

/** quote_increment and base_increment of each <BASE>-USD product (GET /market/products). */
const SPECS: Readonly<Record<string, BookSpec>> = {
  BTC: { priceDecimals: 2, sizeDecimals: 8 },
  ETH: { priceDecimals: 2, sizeDecimals: 8 },
  SOL: { priceDecimals: 2, sizeDecimals: 8 },
  XRP: { priceDecimals: 4, sizeDecimals: 6 },
  DOGE: { priceDecimals: 5, sizeDecimals: 1 },
  AVAX: { priceDecimals: 2, sizeDecimals: 8 },
  LINK: { priceDecimals: 3, sizeDecimals: 2 },
};
/** Heartbeats Channel: "heartbeats messages every second". */
const HEARTBEAT_EVERY_MS = 1_000;
/** Overview: "you are disconnected if no subscribe has been received within 5 seconds" (5 heartbeat periods). */
const SUBSCRIBE_DEADLINE_PERIODS = 5;
/**
 * Channels page: "Most channels close within 60-90 seconds if no updates are sent. Subscribe to
 * heartbeats to keep all subscriptions open." Modelled as the connection closing after 60
 * heartbeat periods without a message, unless heartbeats are subscribed.
 */
const QUIET_CLOSE_PERIODS = 60;
/** Error texts as the live feed sends them (seen 2026); the docs give none. */
const SUBSCRIBE_FAILURE = 'failure to subscribe';
const PRODUCT = /^([A-Z0-9]+)-USD$/;

type Body = Readonly<Record<string, unknown>>;

/** Coinbase prints decimals without trailing zeros ("21921.3", "0.02"); a removed level is "0". */
function coinbaseNumber(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class CoinbaseSession implements SimSession {
  /** sequence_num of the next message of this connection, any channel. */
  private seq = 0;
  private readonly level2 = new Set<string>();
  private heartbeats = false;
  private heartbeatCounter = 0;
  private subscribed = false;
  private readonly openedAt = Date.now();
  private lastSentAt = Date.now();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly periodMs: number,
  ) {
    this.timer = setInterval(() => this.tick(), periodMs);
    this.timer.unref();
  }

  /**
   * Overview, "Sending Messages without API Keys": {"type":"subscribe","product_ids":["ETH-USD"],
   * "channel":"level2"}, one channel per message; unsubscribe has the same shape, and no product
   * ids unsubscribes the whole channel. Both are answered with a `subscriptions` message; a new
   * level2 product then gets its snapshot.
   */
  message(text: string): void {
    if (this.closed) return;
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return this.error();
    }
    if (!isRecord(request) || (request['type'] !== 'subscribe' && request['type'] !== 'unsubscribe')) return this.error();
    const subscribe = request['type'] === 'subscribe';
    const channel = request['channel'];
    if (channel === 'heartbeats') {
      this.heartbeats = subscribe;
      this.subscribed ||= subscribe;
      return this.sendSubscriptions();
    }
    const ids = request['product_ids'] ?? [];
    if (channel !== 'level2' || !Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) return this.error();
    const states = ids.map((id) => this.stateOf(id));
    if (states.some((state) => state === undefined)) return this.error();
    if (!subscribe) {
      if (ids.length === 0) this.level2.clear();
      for (const id of ids) this.level2.delete(id);
      return this.sendSubscriptions();
    }
    if (ids.length === 0) return this.error();
    this.subscribed = true;
    const fresh = new Map<string, SimSymbol>();
    ids.forEach((id, i) => {
      if (!this.level2.has(id)) fresh.set(id, states[i]!);
    });
    for (const id of fresh.keys()) this.level2.add(id);
    this.sendSubscriptions();
    for (const [id, state] of fresh) this.sendSnapshot(id, state);
  }

  /** One update message per step of the book, its changes as `updates` ("0" removes a level). */
  publish(state: SimSymbol, changes: readonly LevelChange[]): void {
    const product = `${state.base}-USD`;
    if (this.closed || !this.level2.has(product)) return;
    // A lost message: its sequence number is spent, so the next one is two past the last.
    if (this.context.faults.take('gap')) {
      this.seq++;
      return;
    }
    const latest = new Map<string, LevelChange>();
    for (const change of changes) latest.set(`${change.side}:${change.price}`, change);
    const eventTime = new Date().toISOString();
    const updates = [...latest.values()].map((change) => ({
      side: change.side === 'bid' ? 'bid' : 'offer',
      event_time: eventTime,
      price_level: coinbaseNumber(change.price),
      new_quantity: change.removed ? '0' : coinbaseNumber(change.size),
    }));
    this.send('l2_data', [{ type: 'update', product_id: product, updates }], 'market');
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = Date.now();
    if (!this.subscribed && now - this.openedAt >= SUBSCRIBE_DEADLINE_PERIODS * this.periodMs) {
      return this.hangUp('no subscribe received');
    }
    if (!this.heartbeats) {
      if (this.subscribed && now - this.lastSentAt >= QUIET_CLOSE_PERIODS * this.periodMs) this.hangUp('no updates');
      return;
    }
    if (this.context.faults.active('no-pong')) return;
    // AsyncAPI, heartbeat: no client_id and an integer counter on the live feed.
    this.send('heartbeats', [{ current_time: new Date().toISOString(), heartbeat_counter: ++this.heartbeatCounter }], 'control');
  }

  private hangUp(reason: string): void {
    this.close();
    this.client.close(1000, reason);
  }

  private stateOf(productId: string): SimSymbol | undefined {
    const base = PRODUCT.exec(productId)?.[1];
    return base === undefined ? undefined : this.context.symbol(base);
  }

  /**
   * Level2 snapshot (Channels page example): every level of the book in one message, bids best
   * first then offers best first, each with "event_time":"1970-01-01T00:00:00Z" as the doc shows.
   */
  private sendSnapshot(product: string, state: SimSymbol): void {
    const level = (side: 'bid' | 'offer') => ([price, size]: readonly [string, string]) => ({
      side,
      event_time: '1970-01-01T00:00:00Z',
      price_level: coinbaseNumber(price),
      new_quantity: coinbaseNumber(size),
    });
    const updates = [...state.book.levels('bid').map(level('bid')), ...state.book.levels('ask').map(level('offer'))];
    this.send('l2_data', [{ type: 'snapshot', product_id: product, updates }], 'market');
  }

  /** {"channel":"subscriptions",...,"events":[{"subscriptions":{"level2":["BTC-USD"],"heartbeats":["heartbeats"]}}]} */
  private sendSubscriptions(): void {
    const subscriptions: Record<string, string[]> = {};
    if (this.level2.size > 0) subscriptions['level2'] = [...this.level2];
    if (this.heartbeats) subscriptions['heartbeats'] = ['heartbeats'];
    this.send('subscriptions', [{ subscriptions }], 'control');
  }

  private error(): void {
    this.client.send(JSON.stringify({ type: 'error', message: SUBSCRIBE_FAILURE }), 'control');
  }

  private send(channel: string, events: readonly Body[], kind: 'market' | 'control'): void {
    this.lastSentAt = Date.now();
    const message = { channel, timestamp: new Date().toISOString(), sequence_num: this.seq++, events };
    this.client.send(JSON.stringify(message), kind);
  }
}

/**
 * GET /api/v3/brokerage/market/products/{product_id}: the product's increments (field names of
 * the live answer, 2026). Unknown product: HTTP 404 with Coinbase's REST error shape; the text is
 * the simulator's, the docs give none.
 */
function product(url: URL, context: SimVenueContext, spec: (base: string) => BookSpec): SimHttpAnswer {
  const id = /^\/api\/v3\/brokerage\/market\/products\/([^/]+)$/.exec(url.pathname)?.[1];
  const notFound = (message: string): SimHttpAnswer => ({ status: 404, body: JSON.stringify({ error: 'NOT_FOUND', error_details: message, message }) });
  if (id === undefined) return notFound('Not Found');
  const productId = decodeURIComponent(id);
  const base = PRODUCT.exec(productId)?.[1];
  const state = base === undefined ? undefined : context.symbol(base);
  if (!state || base === undefined) return notFound('product not found');
  const { priceDecimals, sizeDecimals } = spec(base);
  const increment = (decimals: number): string => (decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`);
  const best = state.book.levels('bid', 1)[0]?.[0] ?? '0';
  const body = {
    product_id: productId,
    price: coinbaseNumber(best),
    base_increment: increment(sizeDecimals),
    quote_increment: increment(priceDecimals),
    price_increment: increment(priceDecimals),
    base_min_size: increment(sizeDecimals),
    quote_min_size: '1',
    status: 'online',
    trading_disabled: false,
    product_type: 'SPOT',
    base_currency_id: base,
    quote_currency_id: 'USD',
    display_name: productId,
  };
  return { status: 200, body: JSON.stringify(body) };
}

/**
 * A feed asks for its instrument once, before its socket opens: the answer closes its HTTP
 * connection, so a feed that is closed leaves no idle socket in fetch's keep-alive pool.
 */
function closingConnection(answer: SimHttpAnswer): SimHttpAnswer {
  return { ...answer, headers: { ...answer.headers, Connection: 'close' } };
}

/** `heartbeatEveryMs` is the heartbeats channel period (1 s); the connection rules scale with it. */
export function coinbaseProtocol(options: CoinbaseSimOptions = {}): SimProtocol {
  const periodMs = options.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS;
  const bookSpec = (base: string): BookSpec => ({
    ...(SPECS[base] ?? { priceDecimals: 2, sizeDecimals: 8 }),
    ...(options.bookDepth !== undefined ? { depth: options.bookDepth } : {}),
  });
  return {
    venue: 'coinbase',
    faults: ['gap', 'no-pong'],
    bookSpec,
    /** One endpoint, wss://advanced-trade-ws.coinbase.com; products are subscriptions on it. */
    connect: (_url, client, context) => new CoinbaseSession(client, context, periodMs),
    http: (url, _body, context) => closingConnection(product(url, context, bookSpec)),
  };
}
