/**
 * Hyperliquid perp codec: how the `l2Book` WebSocket subscription speaks. Every `l2Book` message
 * is a whole book (no sequence ids, no deltas), so sync is `full-snapshot`.
 * Pure: no socket, no timer, no I/O.
 *
 * Sources:
 * - WS:   https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket
 * - Subs: https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 * - Ping: https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/timeouts-and-heartbeats
 * - Errors are not documented there; their shape is from hyperliquid-dex/order_book_server
 *   (server/src/servers/websocket_server.rs) and the nktkas/hyperliquid SDK's dispatcher.
 */
import type { ErrorEvent, Frame, RawLevel, SnapshotEvent, VenueAdapter, VenueEndpoints, VenueEvent } from '../types.js';
import { describeValue, excerpt, frameText, isDecimalString, isRecord, isSeq, parseJson } from '../../wire/json.js';
import { scanL2Book } from './hyperliquid-book-scan.js';

const FACTS = {
  /** "Websocket": mainnet URL. */
  ws: 'wss://api.hyperliquid.xyz/ws',
  /** "Timeouts and heartbeats": send { "method": "ping" }, the server answers { "channel": "pong" }. */
  ping: '{"method":"ping"}',
  /** "Timeouts and heartbeats": the server closes a connection it has not heard from in 60 s. */
  serverIdleCloseMs: 60_000,
  /**
   * Sent as plain text on connect; the official SDKs skip it (hyperliquid-python-sdk
   * websocket_manager.py `on_message`; the Rust SDK skips any text not starting with "{").
   */
  greeting: 'Websocket connection established.',
} as const;

/** Coin names as the user types them (perps: "BTC", "ETH", ...). */
const COIN = /^[A-Z0-9]{1,20}$/;

function errorEvent(message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>): ErrorEvent {
  return { type: 'error', message: `Hyperliquid: ${message}`, ...extra };
}

type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** "Subscriptions" > Data type definitions: interface WsLevel { px: string; sz: string; n: number } */
function readSide(value: unknown, side: string): Read<readonly RawLevel[]> {
  if (!Array.isArray(value)) return { ok: false, error: `${side} is not an array` };
  const wire = value as readonly unknown[];
  const levels: RawLevel[] = new Array(wire.length);
  for (let i = 0; i < wire.length; i++) {
    // An array passes the object test but has no px, so the decimal test refuses it.
    const level = wire[i] as Readonly<Record<string, unknown>> | null;
    if (typeof level !== 'object' || level === null || !isDecimalString(level['px']) || !isDecimalString(level['sz']) || !isSeq(level['n'])) {
      return { ok: false, error: `bad ${side} level ${describeValue(level, 60)}` };
    }
    levels[i] = [level['px'], level['sz']];
  }
  return { ok: true, value: levels };
}

/**
 * "Subscriptions": WsBook { coin: string; levels: [Array<WsLevel>, Array<WsLevel>]; time: number }
 * ("Snapshot feed, pushed on each block that is at least 0.5 since last push"); levels[0] are
 * the bids, levels[1] the asks, best first. Example (ccxt test data):
 * {"channel":"l2Book","data":{"coin":"BTC","time":1710131872708,"levels":[[{"px":"68674.0","sz":"0.97139","n":4}],[{"px":"68675.0","sz":"0.04396","n":1}]]}}
 */
function decodeBook(data: unknown): SnapshotEvent | ErrorEvent {
  if (!isRecord(data) || typeof data['coin'] !== 'string' || !isSeq(data['time'])) {
    return errorEvent('l2Book without coin/time');
  }
  const levels = data['levels'];
  if (!Array.isArray(levels) || levels.length !== 2) return errorEvent('l2Book levels is not [bids, asks]');
  const bids = readSide(levels[0], 'bid');
  if (!bids.ok) return errorEvent(`l2Book ${bids.error}`);
  const asks = readSide(levels[1], 'ask');
  if (!asks.ok) return errorEvent(`l2Book ${asks.error}`);
  return { type: 'snapshot', bids: bids.value, asks: asks.value, exchangeTime: data['time'], symbol: data['coin'] };
}

/**
 * {"channel":"error","data":"<text>"}: the text of a rejected subscription is
 * `Invalid subscription {...}` (order_book_server writes `Invalid subscription: {...}`) and it is
 * sent when the coin is not in the universe. Our subscription carries only type and coin, so an
 * invalid l2Book subscription means the coin is not listed.
 */
function decodeError(data: unknown): ErrorEvent {
  const text = describeValue(data ?? 'error', 400);
  const notListed = text.startsWith('Invalid subscription') && text.includes('"l2Book"');
  return errorEvent(excerpt(text, 200), notListed ? { notListed } : undefined);
}

function decode(frame: Frame): readonly VenueEvent[] {
  const text = frameText(frame);
  if (text === undefined) return [errorEvent('frame is not UTF-8 text')];
  if (text === FACTS.greeting) return [{ type: 'ignored' }];
  // Nearly every frame is a book push in the venue's own spelling: read that without JSON.parse.
  const scanned = scanL2Book(text);
  if (scanned) return [scanned];
  const parsed = parseJson(text);
  if (!parsed.ok) return [errorEvent(`frame is not JSON: ${excerpt(text)}`)];
  const msg = parsed.value;
  if (!isRecord(msg) || typeof msg['channel'] !== 'string') return [errorEvent(`frame without channel: ${excerpt(text)}`)];
  switch (msg['channel']) {
    case 'l2Book':
      return [decodeBook(msg['data'])];
    case 'pong':
      return [{ type: 'pong' }];
    // "Subscriptions" > Data formats: successful subscriptions are answered with channel
    // "subscriptionResponse" and `data` = the original subscription message.
    case 'subscriptionResponse':
      return [isRecord(msg['data']) && msg['data']['method'] === 'subscribe' ? { type: 'subscribed' } : { type: 'ignored' }];
    case 'error':
      return [decodeError(msg['data'])];
    default:
      return [{ type: 'ignored' }];
  }
}

/**
 * One feed's view of its l2Book stream: books of the coin it subscribed, newest last. A book of
 * another coin, or one older than the book already taken (a delayed push), is not applied: every
 * push is a whole book, so taking either would silently show a wrong one.
 */
class BookStream {
  private coin: string | undefined;
  private lastTime = 0;

  subscribed(coin: string): void {
    this.coin = coin;
    this.lastTime = 0;
  }

  check(event: VenueEvent): VenueEvent {
    if (event.type !== 'snapshot') return event;
    if (event.symbol !== this.coin) return errorEvent(`l2Book for ${event.symbol ?? '?'} on the ${this.coin ?? '?'} feed: not applied`);
    const time = event.exchangeTime ?? 0;
    if (time < this.lastTime) return errorEvent(`l2Book of ${new Date(time).toISOString()} after one of ${new Date(this.lastTime).toISOString()}: not applied`);
    this.lastTime = time;
    return event;
  }
}

export function hyperliquid(endpoints?: VenueEndpoints): VenueAdapter {
  const ws = endpoints?.ws ?? FACTS.ws;
  const stream = new BookStream();
  return {
    id: 'hyperliquid',
    name: 'Hyperliquid',
    market: 'perp',
    // Perps are margined and quoted in USDC ("Hyperliquid" docs, Trading > Margining).
    quote: 'USDC',
    symbolFor: (base) => (COIN.test(base) ? base : undefined),
    url: () => ws,
    // "Subscriptions": { "method": "subscribe", "subscription": { "type": "l2Book", "coin": "<coin_symbol>" } }
    subscribe: (coin) => {
      stream.subscribed(coin);
      return [JSON.stringify({ method: 'subscribe', subscription: { type: 'l2Book', coin } })];
    },
    // Ping at half the server's idle limit; an answer should take well under a second.
    heartbeat: { kind: 'client-ping', frame: FACTS.ping, intervalMs: FACTS.serverIdleCloseMs / 2, timeoutMs: 10_000 },
    // l2Book is pushed on blocks at least 0.5 s apart; whether an unchanged book is pushed again
    // is not documented, so a quiet coin gets 30 s before it is called stale.
    staleAfterMs: 30_000,
    sync: 'full-snapshot',
    decode: (frame) => decode(frame).map((event) => stream.check(event)),
  };
}
