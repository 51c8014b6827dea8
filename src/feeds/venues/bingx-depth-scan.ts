/**
 * BingX's depth pushes read straight from the (gunzipped) frame text, without JSON.parse, in
 * exactly the spelling the venue sends; any other spelling is declined (undefined) and the
 * codec's general path reads it (./bingx.ts). A frame taken here yields what the general path
 * would have made of it: a whole book, timed by `timestamp`.
 *
 * A depth100 push as ccxt's test data records it (test/fixtures/bingx/depth100-push.json) and as
 * our simulator sends it:
 *   {"code":0,"data":{"asks":[["84119.73","0.000011"]],"bids":[["83656.98","2.570805"]],"lastUpdateId":13565694850},
 *    "dataType":"BTC-USDT@depth100","success":true,"timestamp":1743241379958}
 */
import { TextScanner } from '../../wire/text-scanner.js';
import type { SnapshotEvent } from '../types.js';
import { scanPairLevels } from './scan-levels.js';

/** One for every frame (see TextScanner: a scanner per frame costs optimized code at each GC). */
const scanner = new TextScanner();

/** The depth streams' dataType, "<symbol>@depth<level>", as the general path tells them. */
const DEPTH_STREAM = /@depth\d+$/;

export function scanBingxDepth(text: string): SnapshotEvent | undefined {
  const scan = scanner.read(text);
  if (!scan.skip('{"code":0,"data":{"asks":')) return undefined;
  const asks = scanPairLevels(scan);
  if (asks === undefined || !scan.skip(',"bids":')) return undefined;
  const bids = scanPairLevels(scan);
  if (bids === undefined || !scan.skip(',"lastUpdateId":') || scan.seq() < 0 || !scan.skip('},"dataType":')) return undefined;
  const dataType = scan.plainString();
  if (dataType === undefined || !DEPTH_STREAM.test(dataType) || !scan.skip(',"success":true,"timestamp":')) return undefined;
  const exchangeTime = scan.seq();
  if (exchangeTime < 0 || !scan.skip('}') || !scan.done) return undefined;
  return { type: 'snapshot', bids, asks, exchangeTime };
}
