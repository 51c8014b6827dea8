/**
 * Kraken spot WebSocket v2 messages (wss://ws.kraken.com/v2), already parsed with every number
 * kept as its text (kraken-numbers.ts). Pure: the adapter (kraken.ts) owns the per-feed state
 * this reads and updates through `KrakenReadState`.
 *
 * Sources (docs.kraken.com, read 2026-11-29):
 * - book:      /exchange/api-reference/spot-websocket-v2/book
 * - heartbeat: /exchange/api-reference/spot-websocket-v2/heartbeat
 * - status:    /exchange/api-reference/spot-websocket-v2/status
 * - ping:      /exchange/api-reference/spot-websocket-v2/ping
 */
import type { DeltaEvent, RawLevel, SnapshotEvent, VenueEvent } from '../types.js';
import { excerpt, isDecimalString, isRecord } from '../../wire/json.js';
import { IGNORED, PONG, SUBSCRIBED, krakenError, meansNotListed, readChecksum, show } from './kraken-events.js';
import { plainDecimal } from './kraken-numbers.js';

/** What the protocol readers may know and learn of the feed they decode for. */
export interface KrakenReadState {
  /** The v2 symbol the feed subscribed, once it has; other symbols' books are not its book. */
  readonly symbol: string | undefined;
  /** The venue confirmed the depth the subscription keeps (v2 ack `depth`, v1 "book-N"). */
  confirmDepth(levels: number): void;
}

/** book "depth": "One of: 10, 25, 100, 500, 1000". */
export const BOOK_DEPTHS: readonly number[] = [10, 25, 100, 500, 1000];

type Fields = Readonly<Record<string, unknown>>;

/** Levels [{"price": 0.5666, "qty": 4831.75496356}, ...] as [price, qty] text; undefined if any is unreadable. */
function readLevels(value: unknown): RawLevel[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const levels: RawLevel[] = [];
  for (const level of value as readonly unknown[]) {
    if (!isRecord(level) || typeof level['price'] !== 'string' || typeof level['qty'] !== 'string') return undefined;
    const price = plainDecimal(level['price']);
    const qty = plainDecimal(level['qty']);
    if (!isDecimalString(price) || !isDecimalString(qty)) return undefined;
    levels.push([price, qty]);
  }
  return levels;
}

/**
 * One entry of a book message's `data` ("The book element is always the first and only item"):
 * {"symbol":"MATIC/USD","bids":[...],"asks":[...],"checksum":2439117997,"timestamp":"2023-10-06T17:35:55.440295Z"}
 * "checksum: CRC32 checksum of top 10 bids and asks" — in every snapshot and update.
 */
function readBook(type: 'snapshot' | 'update', entry: unknown, state: KrakenReadState): VenueEvent {
  if (!isRecord(entry)) return krakenError(`book entry is not an object: ${show(entry)}`);
  if (state.symbol !== undefined && entry['symbol'] !== state.symbol) return IGNORED;
  const bids = readLevels(entry['bids']);
  const asks = readLevels(entry['asks']);
  const checksum = readChecksum(entry['checksum']);
  if (!bids || !asks || checksum === undefined) return krakenError(`bad book ${type}: ${excerpt(JSON.stringify(entry))}`);
  const time = typeof entry['timestamp'] === 'string' ? Date.parse(entry['timestamp']) : Number.NaN;
  const exchangeTime = Number.isFinite(time) ? { exchangeTime: time } : {};
  if (type === 'snapshot') return { type: 'snapshot', bids, asks, checksum, ...exchangeTime } satisfies SnapshotEvent;
  return { type: 'delta', bids, asks, checksum, ...exchangeTime } satisfies DeltaEvent;
}

/**
 * {"channel":"book","type":"snapshot"|"update","data":[{...}]}: the snapshot after subscribing,
 * then updates that "contain only modified price levels. A quantity of 0 means the price level
 * should be removed."
 */
function readBookMessage(msg: Fields, state: KrakenReadState): readonly VenueEvent[] {
  const type = msg['type'];
  const data = msg['data'];
  if ((type !== 'snapshot' && type !== 'update') || !Array.isArray(data) || data.length === 0) {
    return [krakenError(`bad book message: ${excerpt(JSON.stringify(msg))}`)];
  }
  return (data as readonly unknown[]).map((entry) => readBook(type, entry, state));
}

/**
 * {"channel":"status","type":"update","data":[{"api_version":"v2","connection_id":...,"system":"online","version":"2.0.0"}]}
 * "system: One of: online, cancel_only, maintenance, post_only". Only online has a moving book;
 * the others are shown, and the link is kept (the venue says when it is back).
 */
function readStatus(msg: Fields): VenueEvent {
  const entry: unknown = Array.isArray(msg['data']) ? (msg['data'] as readonly unknown[])[0] : undefined;
  const system = isRecord(entry) ? entry['system'] : undefined;
  if (system === 'online' || system === undefined) return IGNORED;
  return krakenError(`trading engine ${show(system)}`);
}

/**
 * Acknowledgements: {"method":"subscribe","result":{"channel":"book","depth":10,"snapshot":true,
 * "symbol":"ALGO/USD"},"success":true,"time_in":...,"time_out":...}, one per symbol; a failure is
 * {"error":"Currency pair not supported XBT/EUR","method":"subscribe","success":false,"symbol":"XBT/EUR"}.
 * ping -> {"method":"pong","req_id":101,"time_in":...,"time_out":...}.
 */
function readMethod(msg: Fields, state: KrakenReadState): VenueEvent {
  const method = msg['method'];
  if (method === 'pong') return PONG;
  if (msg['success'] === false) {
    const message = `${show(method)} failed: ${show(msg['error'])}`;
    const notListed = method === 'subscribe' && typeof msg['error'] === 'string' && meansNotListed(msg['error']);
    return krakenError(message, notListed ? { notListed } : undefined);
  }
  const result = msg['result'];
  if (method !== 'subscribe' || !isRecord(result) || result['channel'] !== 'book') return IGNORED;
  if (state.symbol !== undefined && result['symbol'] !== state.symbol) return IGNORED;
  const depth = typeof result['depth'] === 'string' ? Number(result['depth']) : Number.NaN;
  if (BOOK_DEPTHS.includes(depth)) state.confirmDepth(depth);
  return SUBSCRIBED;
}

/** One v2 message (a JSON object). */
export function decodeV2(msg: Fields, state: KrakenReadState): readonly VenueEvent[] {
  switch (msg['channel']) {
    case 'book':
      return readBookMessage(msg, state);
    // {"channel":"heartbeat"}: "sent approximately once every second in the absence of any other channel updates".
    case 'heartbeat':
      return [PONG];
    case 'status':
      return [readStatus(msg)];
    case undefined:
      break;
    default:
      return [IGNORED];
  }
  if (typeof msg['method'] === 'string') return [readMethod(msg, state)];
  if (typeof msg['error'] === 'string') return [krakenError(excerpt(msg['error']))];
  return [IGNORED];
}
