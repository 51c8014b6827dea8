/**
 * Kraken spot codec: the WebSocket v2 `book` channel (snapshot, then updates, a CRC32 of the top
 * 10 levels on every message), with the pair's precision from REST AssetPairs fetched first.
 * One venue id reads both protocols: v1 frames (arrays, "XBT/USD") decode too, so recorded v1
 * traffic replays through the same feed. Pure: no socket, no timer, no I/O.
 *
 * Sources (docs.kraken.com, read 2026-11-29; the 2026 "exchange" pages replace /api/docs/...):
 * - endpoints: /exchange/guides/websockets/introduction (wss://ws.kraken.com/v2, api.kraken.com)
 * - book:      /exchange/api-reference/spot-websocket-v2/book
 * - checksum:  /exchange/guides/websockets/book-checksum-v2 ("After each update, truncate your
 *              book to the subscribed depth — you will not receive "qty": 0 for levels that fall
 *              out of scope.")
 * - liveness:  /exchange/api-reference/spot-websocket-v2/heartbeat, /exchange/guides/websockets/reconnection
 */
import type { Frame, VenueAdapter, VenueEndpoints, VenueEvent } from '../types.js';
import { excerpt, frameText, isRecord, parseJson } from '../../wire/json.js';
import { assetPairsUrl, decodeAssetPairs } from './kraken-asset-pairs.js';
import { scanKrakenBook } from './kraken-book-scan.js';
import { krakenChecksum } from './kraken-checksum.js';
import { krakenError } from './kraken-events.js';
import { quoteNumbers } from './kraken-numbers.js';
import { KRAKEN_QUOTE, krakenSymbol, v2Pair } from './kraken-symbols.js';
import { decodeV1 } from './kraken-v1.js';
import { decodeV2, type KrakenReadState } from './kraken-v2.js';

const FACTS = {
  ws: 'wss://ws.kraken.com/v2',
  rest: 'https://api.kraken.com',
  /**
   * book `depth` ("One of: 10, 25, 100, 500, 1000"): 25 levels a side fill a tall terminal's
   * ladder; deeper books cost more messages for levels no one sees.
   */
  depth: 25,
  /** reconnection guide: "set a deadline timer (e.g. 5 seconds). If no message of any kind arrives within the deadline, close and reconnect." */
  silentLinkMs: 5_000,
} as const;

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * {"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":25,"snapshot":true}}
 * (book, "Subscribe": symbol a list, depth default 10, snapshot default true).
 */
function bookRequest(method: 'subscribe' | 'unsubscribe', symbol: string): string {
  const params = method === 'subscribe' ? { channel: 'book', symbol: [symbol], depth: FACTS.depth, snapshot: true } : { channel: 'book', symbol: [symbol], depth: FACTS.depth };
  return JSON.stringify({ method, params });
}

export function kraken(endpoints?: VenueEndpoints): VenueAdapter {
  if (endpoints && endpoints.rest === undefined) {
    // The instrument facts and the book must come from the same venue.
    throw new TypeError('kraken: endpoints.rest is required with custom endpoints');
  }
  const ws = trimSlash(endpoints?.ws ?? FACTS.ws);
  const rest = trimSlash(endpoints?.rest ?? FACTS.rest);
  let depth: number = FACTS.depth;
  // Per feed: the symbol it subscribed (frames of other pairs on a shared recording are not its book).
  let subscribed: string | undefined;
  const state: KrakenReadState = {
    get symbol() {
      return subscribed;
    },
    confirmDepth(levels) {
      depth = levels;
    },
  };

  function decode(frame: Frame): readonly VenueEvent[] {
    const text = frameText(frame);
    if (text === undefined) return [krakenError('frame is not UTF-8 text')];
    // Nearly every frame is a v2 book message in the venue's own spelling: read that as it is.
    const scanned = scanKrakenBook(text, subscribed);
    if (scanned) return [scanned];
    // Numbers are read as their text: the checksum is defined on it (kraken-numbers.ts).
    const parsed = parseJson(quoteNumbers(text));
    if (!parsed.ok) return [krakenError(`frame is not JSON: ${excerpt(text)}`)];
    const msg = parsed.value;
    // v2 messages are objects with a `channel` or a `method`; v1 ones arrays or `event` objects.
    if (isRecord(msg) && !('event' in msg)) return decodeV2(msg, state);
    return decodeV1(msg, state);
  }

  return {
    id: 'kraken',
    name: 'Kraken',
    market: 'spot',
    quote: KRAKEN_QUOTE,
    symbolFor: krakenSymbol,
    url: () => ws,
    subscribe(symbol) {
      // A recording names its pairs the v1 way ("XBT/USD"); frames are matched in v2 form.
      subscribed = v2Pair(symbol);
      depth = FACTS.depth;
      return [bookRequest('subscribe', symbol)];
    },
    // The checksum guide's answer to a mismatch is a fresh snapshot: unsubscribe, then subscribe, on this socket.
    resubscribe: (symbol) => [bookRequest('unsubscribe', symbol), bookRequest('subscribe', symbol)],
    // Heartbeats only come while nothing else does: any frame proves the link.
    heartbeat: { kind: 'heartbeat-channel', timeoutMs: FACTS.silentLinkMs },
    // A quiet pair's book may not change for a while; the heartbeats keep the link proven meanwhile.
    staleAfterMs: 60_000,
    sync: 'ws-snapshot',
    checksum: krakenChecksum,
    instrument: {
      url: (symbol) => assetPairsUrl(rest, symbol),
      decode: decodeAssetPairs,
    },
    get depthLimit() {
      return depth;
    },
    decode,
  };
}
