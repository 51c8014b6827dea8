/**
 * Binance spot codec: how Binance spot speaks `<symbol>@depth@100ms` plus the REST depth snapshot.
 * Pure: no socket, no timer, no I/O. The feed owns buffering, fetching and resyncing.
 *
 * Sources (binance/binance-spot-api-docs, master @ a5e0bc3, 2026-07-21):
 * - WS:   https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 *         (= github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md)
 * - REST: https://github.com/binance/binance-spot-api-docs/blob/master/rest-api.md#order-book
 * - Errors: https://github.com/binance/binance-spot-api-docs/blob/master/errors.md
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
import { describeValue, excerpt, frameText, isDecimalString, isRecord, isSeq, parseJson } from '../../wire/json.js';
import { scanSpotDepthUpdate } from './binance-depth-scan.js';

const FACTS = {
  /** WS "General WSS information": base endpoint. */
  ws: 'wss://stream.binance.com:9443',
  rest: 'https://api.binance.com',
  /** "How to manage a local order book correctly" step 3 asks for limit=5000; REST "Order book": Maximum 5000. */
  snapshotLimit: 5000,
  /** WS "General WSS information": the server sends a ping frame every 20 seconds (since 2025-01-28). */
  serverPingMs: 20_000,
  /**
   * WS "General WSS information": "A single connection to stream.binance.com is only valid for 24
   * hours; expect to be disconnected at the 24 hour mark".
   */
  connectionLifetimeMs: 24 * 60 * 60_000,
  /** errors.md "-1121 BAD_SYMBOL: Invalid symbol." */
  invalidSymbolCode: -1121,
} as const;

/**
 * Update ids one 100 ms event can plausibly span. In the recorded traffic the widest event spans
 * 15 ids on spot and 12 496 on USDⓈ-M futures (cryptofeed captures, 2021); a million is far past
 * any real burst and still catches an id pushed to the end of the number range.
 */
const MAX_UPDATES_PER_EVENT = 1_000_000;

/** Base asset as the user types it; Binance symbols are upper-case letters and digits. */
const BASE = /^[A-Z0-9]{1,20}$/;
const QUOTE = 'USDT';

/**
 * "How to manage a local order book correctly" (procedure corrected 2024-12-16 and 2025-11-12):
 * - step 5: discard buffered events where `u` <= `lastUpdateId`;
 * - update procedure: ignore an event whose `u` is less than the book's update id; if `U` is
 *   greater than the book's update id + 1, events were missed: restart; else apply, then the
 *   book's update id is `u`.
 * The same arithmetic serves the first event after the snapshot and every later one, so
 * `firstAfterSnapshot` is not needed. `u == bookSeq` is skipped (step 5's `<=`): such an event
 * holds nothing newer than the book. Step 4 (snapshot older than the first event received) shows
 * up here as `U > bookSeq + 1` on the first event, i.e. a gap, and the feed fetches again.
 * An event that claims more updates than any stream produces in 100 ms is corrupt, not news:
 * taken, it would make every later event look "already applied" and freeze the book.
 */
export const binanceSpotSequence: SequenceRule = {
  classify(bookSeq, _firstAfterSnapshot, delta) {
    const { firstSeq, lastSeq } = delta;
    if (firstSeq === undefined || lastSeq === undefined) return 'gap';
    if (lastSeq - firstSeq > MAX_UPDATES_PER_EVENT) return 'gap';
    if (lastSeq <= bookSeq) return 'skip';
    if (firstSeq > bookSeq + 1) return 'gap';
    return 'apply';
  },
  seqAfter(delta) {
    if (delta.lastSeq === undefined) throw new Error('binance: seqAfter on a delta without u');
    return delta.lastSeq;
  },
};

type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/**
 * A side's levels: the parsed `[price, quantity]` arrays themselves when all are well formed
 * (decode is on the hot path: no copy), else the first bad one's description.
 */
function readLevels(value: unknown, side: string): Read<readonly RawLevel[]> {
  if (!Array.isArray(value)) return { ok: false, error: `${side} is not an array` };
  const levels = value as readonly unknown[];
  let exact = true;
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (!Array.isArray(level) || !isDecimalString(level[0]) || !isDecimalString(level[1])) {
      return { ok: false, error: `bad ${side} level ${describeValue(level, 60)}` };
    }
    if (level.length !== 2) exact = false;
  }
  // 2017-era frames carried a third, ignored element per level: those are cut to [price, quantity].
  const read = exact ? (levels as readonly RawLevel[]) : (levels as ReadonlyArray<readonly [string, string]>).map(([price, size]): RawLevel => [price, size]);
  return { ok: true, value: read };
}

function errorEvent(message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>): ErrorEvent {
  return { type: 'error', message: `Binance: ${message}`, ...extra };
}

/**
 * WS "Diff. Depth Stream", payload:
 * {"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}
 */
function decodeDepthUpdate(msg: Readonly<Record<string, unknown>>): DeltaEvent | ErrorEvent {
  const { E, U, u } = msg;
  if (!isSeq(E) || !isSeq(U) || !isSeq(u) || U > u) {
    // Not String(): a parsed {"toString":1} makes String() throw.
    return errorEvent(`depthUpdate with bad E/U/u (${describeValue(E, 40)}/${describeValue(U, 40)}/${describeValue(u, 40)})`);
  }
  const bids = readLevels(msg['b'], 'b');
  if (!bids.ok) return errorEvent(`depthUpdate: ${bids.error}`);
  const asks = readLevels(msg['a'], 'a');
  if (!asks.ok) return errorEvent(`depthUpdate: ${asks.error}`);
  return { type: 'delta', bids: bids.value, asks: asks.value, firstSeq: U, lastSeq: u, exchangeTime: E };
}

/** One stream payload (the raw `/ws/` form, or `data` of a combined-stream wrapper). */
function decodePayload(msg: unknown): VenueEvent {
  if (!isRecord(msg)) return errorEvent('payload is not an object');
  switch (msg['e']) {
    case 'depthUpdate':
      return decodeDepthUpdate(msg);
    // WS "Server Shutdown" (added 2026-05-08): {"e":"serverShutdown","E":1770123456789};
    // "Please establish a new connection as soon as possible".
    case 'serverShutdown':
      return errorEvent('server shutting down (serverShutdown)', { reconnect: true });
  }
  // WS "Error Messages": {"code": 2, "msg": "Invalid request: too many parameters"}.
  if (typeof msg['code'] === 'number' && typeof msg['msg'] === 'string') {
    return errorEvent(`${msg['msg']} (code ${msg['code']})`);
  }
  // WS "Live Subscribing/Unsubscribing": {"result": null, "id": 1}; other streams (bookTicker,
  // kline, aggTrade...) share a combined connection but are not the book.
  return { type: 'ignored' };
}

function decode(frame: Frame): readonly VenueEvent[] {
  const text = frameText(frame);
  if (text === undefined) return [errorEvent('frame is not UTF-8 text')];
  // Nearly every frame is a depth diff in the venue's own spelling: read that without JSON.parse.
  const scanned = scanSpotDepthUpdate(text);
  if (scanned) return [scanned];
  const parsed = parseJson(text);
  if (!parsed.ok) return [errorEvent(`frame is not JSON: ${excerpt(text)}`)];
  const msg = parsed.value;
  // WS "General WSS information": combined stream events are wrapped as
  // {"stream":"<streamName>","data":<rawPayload>}.
  if (isRecord(msg) && typeof msg['stream'] === 'string' && 'data' in msg) return [decodePayload(msg['data'])];
  return [decodePayload(msg)];
}

/**
 * REST "Order book" `GET /api/v3/depth`, response:
 * {"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"]],"asks":[["4.00000200","12.00000000"]]}
 * REST "Error Codes": any endpoint can return {"code": -1121, "msg": "Invalid symbol."}.
 */
function decodeSnapshot(body: string): SnapshotEvent | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok) return errorEvent(`depth snapshot is not JSON: ${excerpt(body)}`);
  const msg = parsed.value;
  if (!isRecord(msg)) return errorEvent(`depth snapshot is not an object: ${excerpt(body)}`);
  if (typeof msg['code'] === 'number' && typeof msg['msg'] === 'string') {
    const notListed = msg['code'] === FACTS.invalidSymbolCode;
    return errorEvent(`${msg['msg']} (code ${msg['code']})`, notListed ? { notListed } : undefined);
  }
  const lastUpdateId = msg['lastUpdateId'];
  if (!isSeq(lastUpdateId)) return errorEvent(`depth snapshot without lastUpdateId: ${excerpt(body)}`);
  const bids = readLevels(msg['bids'], 'bids');
  if (!bids.ok) return errorEvent(`depth snapshot: ${bids.error}`);
  const asks = readLevels(msg['asks'], 'asks');
  if (!asks.ok) return errorEvent(`depth snapshot: ${asks.error}`);
  return { type: 'snapshot', bids: bids.value, asks: asks.value, seq: lastUpdateId };
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

export function binanceSpot(endpoints?: VenueEndpoints): VenueAdapter {
  if (endpoints && endpoints.rest === undefined) {
    // Mixing a simulator's socket with production REST (or the reverse) would bridge two books.
    throw new TypeError('binanceSpot: endpoints.rest is required with custom endpoints');
  }
  const ws = trimSlash(endpoints?.ws ?? FACTS.ws);
  const rest = trimSlash(endpoints?.rest ?? FACTS.rest);
  return {
    id: 'binance',
    name: 'Binance',
    market: 'spot',
    quote: QUOTE,
    symbolFor: (base) => (BASE.test(base) ? `${base}${QUOTE}` : undefined),
    // WS "General WSS information": raw streams at /ws/<streamName>, symbols lower-case.
    url: (symbol) => `${ws}/ws/${symbol.toLowerCase()}@depth@100ms`,
    subscribe: () => [],
    // The ws library answers protocol pings; 2.5 ping intervals without any frame = dead link.
    heartbeat: { kind: 'server-ping', timeoutMs: FACTS.serverPingMs * 2.5 },
    // The diff stream is silent while the book does not change; recorded quiet pairs went 19 s.
    staleAfterMs: 60_000,
    connectionLifetimeMs: FACTS.connectionLifetimeMs,
    sync: 'rest-snapshot',
    sequence: binanceSpotSequence,
    restSnapshot: {
      url: (symbol) => `${rest}/api/v3/depth?symbol=${encodeURIComponent(symbol)}&limit=${FACTS.snapshotLimit}`,
      decode: decodeSnapshot,
    },
    decode,
  };
}
