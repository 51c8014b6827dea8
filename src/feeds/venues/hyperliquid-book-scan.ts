/**
 * Hyperliquid's l2Book pushes read straight from the frame text, without JSON.parse, in exactly
 * the spelling the venue sends; any other spelling is declined (undefined) and the codec's
 * general path decodes it. A frame taken here yields what the general path would have made of it.
 *
 * "Subscriptions", WsBook { coin; levels: [bids, asks] of WsLevel { px; sz; n }; time }, as the
 * venue writes it (hyperliquid-dex/order_book_server's recorded BTC book, test/fixtures/hyperliquid/
 * l2book-order-book-server.json; ccxt's test data; our simulator):
 *   {"channel":"l2Book","data":{"coin":"BTC","time":1710131872708,"levels":[[{"px":"68674.0","sz":"0.97139","n":4}],[…]]}}
 */
import { CLOSE_ARRAY, CLOSE_OBJECT, COMMA, OPEN_ARRAY, TextScanner } from '../../wire/text-scanner.js';
import type { RawLevel, SnapshotEvent } from '../types.js';

/** One for every frame (see TextScanner: a scanner per frame costs optimized code at each GC). */
const scanner = new TextScanner();

/** `[]` or `[{"px":"…","sz":"…","n":…},…]`, as [px, sz]. */
function scanSide(scan: TextScanner): RawLevel[] | undefined {
  if (!scan.skipChar(OPEN_ARRAY)) return undefined;
  const levels: RawLevel[] = [];
  if (scan.skipChar(CLOSE_ARRAY)) return levels;
  do {
    if (!scan.skip('{"px":')) return undefined;
    const price = scan.decimalString();
    if (price === undefined || !scan.skip(',"sz":')) return undefined;
    const size = scan.decimalString();
    if (size === undefined || !scan.skip(',"n":') || scan.seq() < 0 || !scan.skipChar(CLOSE_OBJECT)) return undefined;
    levels.push([price, size]);
  } while (scan.skipChar(COMMA));
  return scan.skipChar(CLOSE_ARRAY) ? levels : undefined;
}

export function scanL2Book(text: string): SnapshotEvent | undefined {
  const scan = scanner.read(text);
  if (!scan.skip('{"channel":"l2Book","data":{"coin":')) return undefined;
  const coin = scan.plainString();
  if (coin === undefined || !scan.skip(',"time":')) return undefined;
  const time = scan.seq();
  if (time < 0 || !scan.skip(',"levels":[')) return undefined;
  const bids = scanSide(scan);
  if (bids === undefined || !scan.skipChar(COMMA)) return undefined;
  const asks = scanSide(scan);
  if (asks === undefined || !scan.skip(']}}') || !scan.done) return undefined;
  return { type: 'snapshot', bids, asks, exchangeTime: time, symbol: coin };
}
