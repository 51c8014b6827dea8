/**
 * Bybit's `orderbook.50.<symbol>` pushes read straight from the frame text, without JSON.parse,
 * in exactly the spelling the venue sends; any other spelling is declined (undefined) and the
 * codec's general path decodes it. A frame taken here yields what the general path would have
 * made of it (./bybit.ts decodeBook), so the rules stay there: `u` 1 is a snapshot whatever its
 * `type` says, `cts` is the latency figure.
 *
 * Orderbook "Response Example" (docs v5/websocket/public/orderbook), linear and spot keys:
 *   {"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466,"data":{"s":"BTCUSDT",
 *    "b":[["30247.20","30.028"]],"a":[["30248.70","0"]],"u":177400507,"seq":66544703342},"cts":1687940967464}
 * "Spot (all levels) & Futures (Level 1): the "ts" field appears before the "type" field": both
 * orders are taken. No whitespace, as the docs, the venue and our simulator send it.
 */
import { TextScanner } from '../../wire/text-scanner.js';
import type { DeltaEvent, SnapshotEvent } from '../types.js';
import { scanPairLevels } from './scan-levels.js';

/** One for every frame (see TextScanner: a scanner per frame costs optimized code at each GC). */
const scanner = new TextScanner();

/** `"snapshot"` or `"delta"` as the `type` value; anything else is the general path's error. */
function scanType(scan: TextScanner): 'snapshot' | 'delta' | undefined {
  if (scan.skip('"snapshot"')) return 'snapshot';
  if (scan.skip('"delta"')) return 'delta';
  return undefined;
}

/** `topicPrefix`: the codec's book topic up to the symbol ("orderbook.50."). */
export function scanBybitBook(text: string, topicPrefix: string): SnapshotEvent | DeltaEvent | undefined {
  const scan = scanner.read(text);
  if (!scan.skip('{"topic":')) return undefined;
  const topic = scan.plainString();
  if (topic === undefined || !topic.startsWith(topicPrefix)) return undefined;
  let type: 'snapshot' | 'delta' | undefined;
  let ts = -1;
  if (scan.skip(',"type":')) {
    type = scanType(scan);
    if (type === undefined || !scan.skip(',"ts":')) return undefined;
    ts = scan.seq();
  } else if (scan.skip(',"ts":')) {
    ts = scan.seq();
    if (ts < 0 || !scan.skip(',"type":')) return undefined;
    type = scanType(scan);
  }
  if (type === undefined || ts < 0 || !scan.skip(',"data":{"s":') || scan.plainString() === undefined || !scan.skip(',"b":')) return undefined;
  const bids = scanPairLevels(scan);
  if (bids === undefined || !scan.skip(',"a":')) return undefined;
  const asks = scanPairLevels(scan);
  if (asks === undefined || !scan.skip(',"u":')) return undefined;
  const u = scan.seq();
  if (u < 0 || !scan.skip(',"seq":') || scan.seq() < 0 || !scan.skip('},"cts":')) return undefined;
  const cts = scan.seq();
  if (cts < 0 || !scan.skip('}') || !scan.done) return undefined;
  if (type === 'snapshot' || u === 1) return { type: 'snapshot', bids, asks, seq: u, exchangeTime: cts };
  return { type: 'delta', bids, asks, firstSeq: u, lastSeq: u, exchangeTime: cts };
}
