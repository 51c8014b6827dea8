/**
 * The Binance USDⓈ-M futures protocol: `<symbol>@depth@100ms` diffs bridged onto the REST depth
 * snapshot, with the futures sequence rule (`pu` chain). Aster speaks the same protocol on its
 * own hosts, so both venues are this one codec with their facts as data (binance-usdm.ts,
 * aster.ts). Pure: no socket, no timer, no I/O; the feed owns buffering, fetching and resyncing.
 *
 * Sources (read 2026-07-22):
 * - Binance WS: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 *   ("Diff. Book Depth Streams", "How to manage a local order book correctly")
 * - Binance REST: .../usds-margined-futures/market-data/rest-api/Order-Book (GET /fapi/v1/depth)
 * - Aster: github.com/asterdex/api-docs "V3(Recommended)/EN/aster-finance-futures-api-v3.md"
 *   @ 265e024 (2026-06-30): the same payloads, word for word.
 */
import type {
  DeltaEvent,
  ErrorEvent,
  Frame,
  RawLevel,
  SequenceRule,
  SnapshotEvent,
  VenueAdapter,
  VenueEndpoints,
  VenueEvent,
} from '../types.js';
import { excerpt, frameText, isDecimalString, isRecord, isSeq, parseJson } from '../../wire/json.js';
import { scanFuturesDepthUpdate } from './binance-depth-scan.js';
import { decodeExchangeInfo } from './binance-futures-instrument.js';

/** What differs between venues that speak this protocol. */
export interface FuturesFacts {
  readonly id: 'binance-usdm' | 'aster';
  readonly name: string;
  /** Production WebSocket base, route included; raw streams hang below it at /ws/<stream>. */
  readonly ws: string;
  readonly rest: string;
  /** REST "Order Book" path. */
  readonly depthPath: string;
  /** REST "Exchange Information" path (tick and lot per symbol). */
  readonly exchangeInfoPath: string;
  /** The server's protocol ping period; the ws library answers each ping with a pong. */
  readonly serverPingMs: number;
  /** The venue ends every connection after this long. */
  readonly connectionLifetimeMs: number;
}

/** "Order Book" Parameters: limit "Valid limits:[5, 10, 20, 50, 100, 500, 1000]"; the local-book procedure asks for 1000. */
const SNAPSHOT_LIMIT = 1000;
/** errors "-1121 BAD_SYMBOL: Invalid symbol." (both venues). */
const INVALID_SYMBOL = -1121;
/** Base asset as the user types it; symbols are upper-case letters and digits. */
const BASE = /^[A-Z0-9]{1,20}$/;
const QUOTE = 'USDT';

/**
 * "How to manage a local order book correctly" (futures):
 * 4. drop any event where `u` < `lastUpdateId` of the snapshot;
 * 5. the first processed event has `U` <= `lastUpdateId` AND `u` >= `lastUpdateId` (it can end
 *    exactly at the snapshot: `u == lastUpdateId`, seen in real recordings);
 * 6. each new event's `pu` equals the previous event's `u`, otherwise start again from step 3.
 * The first event is also accepted when its `pu` is the snapshot's id: the snapshot then ends
 * exactly where the event before it ended, which the socket opened too late to carry (the
 * venue's ids are shared by all symbols, so `U` never equals `lastUpdateId + 1` there).
 * Anything else is a gap: the spot rule (`U == u_prev + 1`) does not hold on futures.
 */
export const binanceFuturesSequence: SequenceRule = {
  classify(bookSeq, firstAfterSnapshot, delta) {
    const { firstSeq, lastSeq, prevSeq } = delta;
    if (firstSeq === undefined || lastSeq === undefined || prevSeq === undefined) return 'gap';
    if (!firstAfterSnapshot) return prevSeq === bookSeq ? 'apply' : 'gap';
    if (lastSeq < bookSeq) return 'skip';
    return firstSeq <= bookSeq || prevSeq === bookSeq ? 'apply' : 'gap';
  },
  seqAfter(delta) {
    if (delta.lastSeq === undefined) throw new Error('binance futures: seqAfter on a delta without u');
    return delta.lastSeq;
  },
};

type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

function readLevels(value: unknown, side: string): Read<readonly RawLevel[]> {
  if (!Array.isArray(value)) return { ok: false, error: `${side} is not an array` };
  const levels: RawLevel[] = [];
  for (const level of value as readonly unknown[]) {
    if (!Array.isArray(level) || !isDecimalString(level[0]) || !isDecimalString(level[1])) {
      return { ok: false, error: `bad ${side} level ${excerpt(JSON.stringify(level), 60)}` };
    }
    levels.push([level[0], level[1]]);
  }
  return { ok: true, value: levels };
}

type Errors = (message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>) => ErrorEvent;

function errorsOf(name: string): Errors {
  return (message, extra) => ({ type: 'error', message: `${name}: ${message}`, ...extra });
}

/**
 * "Diff. Book Depth Streams", Response Example:
 * {"e":"depthUpdate","E":123456789,"T":123456788,"s":"BTCUSDT","U":157,"u":160,"pu":149,
 *  "b":[["0.0024","10"]],"a":[["0.0026","100"]]}
 * `E` (event time, when the venue pushed it) is the latency figure; `T` is the matching time.
 */
function decodeDepthUpdate(msg: Readonly<Record<string, unknown>>, error: Errors): DeltaEvent | ErrorEvent {
  const { E, U, u, pu } = msg;
  if (!isSeq(E) || !isSeq(U) || !isSeq(u) || !isSeq(pu) || U > u) {
    // JSON.stringify, not String(): a parsed {"toString":1} makes String() throw.
    return error(`depthUpdate with bad E/U/u/pu (${[E, U, u, pu].map((v) => JSON.stringify(v)).join('/')})`);
  }
  const bids = readLevels(msg['b'], 'b');
  if (!bids.ok) return error(`depthUpdate: ${bids.error}`);
  const asks = readLevels(msg['a'], 'a');
  if (!asks.ok) return error(`depthUpdate: ${asks.error}`);
  return { type: 'delta', bids: bids.value, asks: asks.value, firstSeq: U, lastSeq: u, prevSeq: pu, exchangeTime: E };
}

/** One stream payload (raw `/ws/` form, or `data` of a combined-stream wrapper), or a reply. */
function decodePayload(msg: unknown, error: Errors): VenueEvent {
  if (!isRecord(msg)) return error('payload is not an object');
  if (msg['e'] === 'depthUpdate') return decodeDepthUpdate(msg, error);
  // "Live Subscribing/Unsubscribing" Error Messages: {"code": 2, "msg": "Invalid request: too many parameters"}.
  if (typeof msg['code'] === 'number' && typeof msg['msg'] === 'string') return error(`${msg['msg']} (code ${msg['code']})`);
  // "Subscribe to a stream" Response: {"result": null, "id": 1}.
  if (msg['result'] === null && isSeq(msg['id'])) return { type: 'subscribed' };
  // Other streams may share a combined connection; they are not the book.
  return { type: 'ignored' };
}

function decoder(error: Errors): (frame: Frame) => readonly VenueEvent[] {
  return (frame) => {
    const text = frameText(frame);
    if (text === undefined) return [error('frame is not UTF-8 text')];
    // Nearly every frame is a depth diff in the venue's own spelling: read that without JSON.parse.
    const scanned = scanFuturesDepthUpdate(text);
    if (scanned) return [scanned];
    const parsed = parseJson(text);
    if (!parsed.ok) return [error(`frame is not JSON: ${excerpt(text)}`)];
    const msg = parsed.value;
    // Combined stream events are wrapped as {"stream":"<streamName>","data":<rawPayload>}.
    if (isRecord(msg) && typeof msg['stream'] === 'string' && 'data' in msg) return [decodePayload(msg['data'], error)];
    return [decodePayload(msg, error)];
  };
}

/**
 * "Order Book" Response:
 * {"lastUpdateId":1027024,"E":1589436922972,"T":1589436922959,
 *  "bids":[["4.00000000","431.00000000"]],"asks":[["4.00000200","12.00000000"]]}
 * Any endpoint can answer an error instead: {"code": -1121, "msg": "Invalid symbol."}.
 */
function snapshotDecoder(error: Errors): (body: string) => SnapshotEvent | ErrorEvent {
  return (body) => {
    const parsed = parseJson(body);
    if (!parsed.ok) return error(`depth snapshot is not JSON: ${excerpt(body)}`);
    const msg = parsed.value;
    if (!isRecord(msg)) return error(`depth snapshot is not an object: ${excerpt(body)}`);
    if (typeof msg['code'] === 'number' && typeof msg['msg'] === 'string') {
      const notListed = msg['code'] === INVALID_SYMBOL;
      return error(`${msg['msg']} (code ${msg['code']})`, notListed ? { notListed } : undefined);
    }
    const lastUpdateId = msg['lastUpdateId'];
    if (!isSeq(lastUpdateId)) return error(`depth snapshot without lastUpdateId: ${excerpt(body)}`);
    const bids = readLevels(msg['bids'], 'bids');
    if (!bids.ok) return error(`depth snapshot: ${bids.error}`);
    const asks = readLevels(msg['asks'], 'asks');
    if (!asks.ok) return error(`depth snapshot: ${asks.error}`);
    const exchangeTime = isSeq(msg['E']) ? { exchangeTime: msg['E'] } : {};
    return { type: 'snapshot', bids: bids.value, asks: asks.value, seq: lastUpdateId, ...exchangeTime };
  };
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

export function binanceFuturesCodec(facts: FuturesFacts, endpoints?: VenueEndpoints): VenueAdapter {
  if (endpoints && endpoints.rest === undefined) {
    // Mixing a simulator's socket with production REST (or the reverse) would bridge two books.
    throw new TypeError(`${facts.id}: endpoints.rest is required with custom endpoints`);
  }
  const ws = trimSlash(endpoints?.ws ?? facts.ws);
  const rest = trimSlash(endpoints?.rest ?? facts.rest);
  const error = errorsOf(facts.name);
  return {
    id: facts.id,
    name: facts.name,
    market: 'perp',
    quote: QUOTE,
    symbolFor: (base) => (BASE.test(base) ? `${base}${QUOTE}` : undefined),
    // Raw streams at /ws/<streamName>, symbols lower-case; the stream in the URL needs no SUBSCRIBE.
    url: (symbol) => `${ws}/ws/${symbol.toLowerCase()}@depth@100ms`,
    subscribe: () => [],
    // The ws library answers protocol pings; 2.5 ping periods without any frame = dead link.
    heartbeat: { kind: 'server-ping', timeoutMs: facts.serverPingMs * 2.5 },
    // The diff stream is silent while the book does not change: sized for a quiet contract.
    staleAfterMs: 60_000,
    connectionLifetimeMs: facts.connectionLifetimeMs,
    sync: 'rest-snapshot',
    sequence: binanceFuturesSequence,
    restSnapshot: {
      url: (symbol) => `${rest}${facts.depthPath}?symbol=${encodeURIComponent(symbol)}&limit=${SNAPSHOT_LIMIT}`,
      decode: snapshotDecoder(error),
    },
    instrument: {
      url: () => `${rest}${facts.exchangeInfoPath}`,
      decode: (body, symbol) => {
        const catalog = decodeExchangeInfo(body, error);
        return 'type' in catalog ? catalog : catalog.facts(symbol);
      },
      catalog: (body) => decodeExchangeInfo(body, error),
    },
    decode: decoder(error),
  };
}
