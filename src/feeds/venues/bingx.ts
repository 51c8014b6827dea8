/**
 * BingX spot codec: the `<symbol>@depth100` stream, whose every push is the whole top 100 levels
 * of each side (sync `full-snapshot`). Frames are gzip-compressed bytes; the server's heartbeat
 * ping is answered by decode. Pure: no socket, no timer, no I/O (node:zlib is computation).
 *
 * Why the full-snapshot stream and not `<symbol>@incrDepth` (a snapshot with `lastUpdateId`,
 * then updates): the incremental stream cannot give a book that is provably in sync. Its own doc
 * says "In rare cases where lastUpdateId is not continuous, you can choose to reconnect, or cache
 * the last three incremental depths and try to merge the data ... data order may not be strongly
 * guaranteed", it carries no checksum, and on BingX's swap socket (same stream, probed 2026) the
 * ids skip forward on most symbols every minute with no update lost, so a skipped id cannot be
 * told from a lost one: a strict chain resyncs all the time, a lenient one verifies nothing. A
 * depth100 push cannot be half applied: a lost push costs nothing, the next one is whole again.
 * The price: 100 levels a side, refreshed every 300 ms.
 *
 * Sources (https://bingx-api.github.io/docs/#/en-us/spot/socket/, read 2026-07-22):
 * - Introduction: URL wss://open-api-ws.bingx.com/market; "All response data from Websocket
 *   server are compressed into GZIP format"; heartbeats; subscribe/unsubscribe and their acks;
 *   error codes; "Symbol must be fully capitalized".
 * - Market data: "Subscribe Market Depth Data" ("Push limited file depth information every
 *   300ms", dataType <symbol>@depth<level>, levels 5, 10, 20, 50, 100) and "Incremental and Full
 *   Depth Information".
 * - A real push: ccxt's test data (test/fixtures/peer-examples/bingx-spot-depth100-push-ccxt.json).
 */
import { gunzipSync } from 'node:zlib';
import type { ErrorEvent, Frame, RawLevel, SnapshotEvent, VenueAdapter, VenueEndpoints, VenueEvent } from '../types.js';
import { excerpt, frameText, isDecimalString, isRecord, isSeq, parseJson } from '../../wire/json.js';
import { scanBingxDepth } from './bingx-depth-scan.js';
import { decodeSymbols } from './bingx-symbols.js';

const FACTS = {
  ws: 'wss://open-api-ws.bingx.com/market',
  rest: 'https://open-api.bingx.com',
  /** Depth levels per side of the subscribed stream (the most the stream offers). */
  depth: 100,
  /** Introduction, Heartbeats: "the server will send a heartbeat- ping message every 5 seconds". */
  serverPingMs: 5_000,
  /**
   * Error codes read as "not listed" when they answer our subscription: 80015 "dataType not
   * support" is what BingX answers for an unknown symbol (seen 2026 on its swap socket), and
   * 100400 ILLEGAL_ARGUMENT can only mean the symbol: the request is otherwise fixed.
   */
  notListedCodes: [80015, 100400] as readonly number[],
} as const;

/** Base asset as the user types it; pairs are BASE-QUOTE, upper case ("BTC-USDT"). */
const BASE = /^[A-Z0-9]{1,20}$/;
const QUOTE = 'USDT';
/** gzip's magic number: BingX frames start with it; a frame without it is plain text. */
const GZIP = [0x1f, 0x8b] as const;
/** A depth100 push is a few kilobytes; anything inflating past this is not a BingX frame. */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

type Message = Readonly<Record<string, unknown>>;
type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

function errorEvent(message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>): ErrorEvent {
  return { type: 'error', message: `BingX: ${message}`, ...extra };
}

/** The frame as text: gunzipped when it is gzip, as is otherwise (doc fixtures, plain-text frames). */
function textOf(frame: Frame): string | undefined {
  if (typeof frame === 'string') return frame;
  if (frame[0] !== GZIP[0] || frame[1] !== GZIP[1]) return frameText(frame);
  try {
    return frameText(gunzipSync(frame, { maxOutputLength: MAX_INFLATED_BYTES }));
  } catch {
    return undefined;
  }
}

function readLevels(value: unknown, side: string): Read<RawLevel[]> {
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

/**
 * A depth push (ccxt's recorded BTC-USDT@depth100, trimmed):
 * {"code":0,"data":{"asks":[["84119.73","0.000011"],["84116.52","0.000014"]],"bids":[["83656.98","2.570805"]],
 *  "lastUpdateId":13565694850},"dataType":"BTC-USDT@depth100","success":true,"timestamp":1743241379958}
 * Asks come worst first; a whole book is replaced, so order does not matter. `lastUpdateId` is not
 * needed: nothing is chained onto a whole book.
 */
function decodeDepth(message: Message): SnapshotEvent | ErrorEvent {
  const data = message['data'];
  if (!isRecord(data)) return errorEvent(`depth push without data: ${excerpt(JSON.stringify(message))}`);
  const bids = readLevels(data['bids'], 'bids');
  if (!bids.ok) return errorEvent(`depth push: ${bids.error}`);
  const asks = readLevels(data['asks'], 'asks');
  if (!asks.ok) return errorEvent(`depth push: ${asks.error}`);
  const time = message['timestamp'];
  return { type: 'snapshot', bids: bids.value, asks: asks.value, ...(isSeq(time) ? { exchangeTime: time } : {}) };
}

/**
 * Acknowledgement {"id":"id1","code":0,"msg":""}; a refusal carries another code, e.g.
 * {"id":"...","code":80015,"msg":"dataType not support"} (seen 2026).
 */
function decodeReply(message: Message): VenueEvent {
  const code = message['code'];
  if (code === 0) return { type: 'subscribed' };
  const msg = typeof message['msg'] === 'string' && message['msg'] !== '' ? message['msg'] : 'error';
  const notListed = typeof code === 'number' && FACTS.notListedCodes.includes(code);
  return errorEvent(`${excerpt(msg)} (code ${JSON.stringify(code)})`, notListed ? { notListed } : undefined);
}

function decode(frame: Frame): readonly VenueEvent[] {
  const text = textOf(frame);
  if (text === undefined) return [errorEvent('frame is neither gzip nor UTF-8 text')];
  // The plain-text heartbeat of BingX's other sockets (swap doc: "return Pong message"; probed
  // 2026 as the bytes "Ping" gzipped): answered in kind.
  if (text === 'Ping') return [{ type: 'ping', reply: 'Pong' }];
  // Nearly every frame is a depth push in the venue's own spelling: read that without JSON.parse.
  const scanned = scanBingxDepth(text);
  if (scanned) return [scanned];
  const parsed = parseJson(text);
  if (!parsed.ok) return [errorEvent(`frame is not JSON: ${excerpt(text)}`)];
  const message = parsed.value;
  if (!isRecord(message)) return [errorEvent(`frame is not an object: ${excerpt(text)}`)];
  // Introduction, Heartbeats: {"ping":"2177c68e4d0e45679965f482929b59c2","time":"2022-06-07T16:27:36.323+0800"}
  // is answered with {"pong":"2177c68e4d0e45679965f482929b59c2","time":"2022-06-07T16:27:36.323+0800"}.
  const ping = message['ping'];
  if (typeof ping === 'string' || typeof ping === 'number') {
    return [{ type: 'ping', reply: JSON.stringify({ pong: ping, time: message['time'] }) }];
  }
  const dataType = message['dataType'];
  if (typeof dataType === 'string' && /@depth\d+$/.test(dataType) && message['code'] === 0) return [decodeDepth(message)];
  if ('code' in message && ('id' in message || message['code'] !== 0)) return [decodeReply(message)];
  return [{ type: 'ignored' }];
}

export function bingx(endpoints?: VenueEndpoints): VenueAdapter {
  if (endpoints && endpoints.rest === undefined) {
    // The pair facts and the socket must come from the same venue (a simulator, or BingX).
    throw new TypeError('bingx: endpoints.rest is required with custom endpoints');
  }
  const ws = endpoints?.ws ?? FACTS.ws;
  const rest = (endpoints?.rest ?? FACTS.rest).replace(/\/+$/, '');
  const dataType = (symbol: string): string => `${symbol}@depth${FACTS.depth}`;
  return {
    id: 'bingx',
    name: 'BingX',
    market: 'spot',
    quote: QUOTE,
    symbolFor: (base) => (BASE.test(base) ? `${base}-${QUOTE}` : undefined),
    url: () => ws,
    // Subscriptions: { "id": "id1", "reqType": "sub", "dataType": "data to sub" }; the id is
    // echoed in the ack ("used for distinguishing idempotence checks"), so it names the stream.
    subscribe: (symbol) => [JSON.stringify({ id: dataType(symbol), reqType: 'sub', dataType: dataType(symbol) })],
    // Pings every 5 s; three missed (any frame proves the link) is a dead link, well before the
    // server's own ~30 s cut-off for a client that does not answer.
    heartbeat: { kind: 'server-ping', timeoutMs: FACTS.serverPingMs * 3 },
    // Pushes come every 300 ms; how BingX treats an unchanged book is undocumented, so a quiet
    // pair gets 30 s before it is called stale.
    staleAfterMs: 30_000,
    sync: 'full-snapshot',
    instrument: {
      // The endpoint requires the request time (`timestamp`, ms), so the URL carries it.
      url: (symbol) => `${rest}/openApi/spot/v1/common/symbols?symbol=${encodeURIComponent(symbol)}&timestamp=${Date.now()}`,
      decode: decodeSymbols,
    },
    decode,
  };
}
