/**
 * Binance's depth diffs read straight from the frame text, without JSON.parse, in exactly the
 * spelling the venue sends; any other spelling is declined (undefined) and the codec's general
 * path decodes it. A frame taken here yields what the general path would have made of it.
 *
 * Spot, "Diff. Depth Stream" (binance-spot-api-docs web-socket-streams.md):
 *   {"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}
 * USDⓈ-M futures and Aster, "Diff. Book Depth Streams" (same keys plus T and pu):
 *   {"e":"depthUpdate","E":123456789,"T":123456788,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[…],"a":[…]}
 * Either may come wrapped as {"stream":"<streamName>","data":<payload>} ("General WSS
 * information", combined streams), as the recorded captures in test/fixtures/recorded/ are.
 * The keys come in this order, with no whitespace, in the docs' examples, in those captures and
 * from our simulators.
 */
import { TextScanner } from '../../wire/text-scanner.js';
import type { DeltaEvent } from '../types.js';
import { scanPairLevels } from './scan-levels.js';

/** One for every frame (see TextScanner: a scanner per frame costs optimized code at each GC). */
const scanner = new TextScanner();

/** `T` and `pu` are read on futures only; a delta with `U > u` is left to the general path's error. */
function scanDepthUpdate(text: string, futures: boolean): DeltaEvent | undefined {
  const scan = scanner.read(text);
  const wrapped = scan.skip('{"stream":');
  if (wrapped && (scan.plainString() === undefined || !scan.skip(',"data":'))) return undefined;
  if (!scan.skip('{"e":"depthUpdate","E":')) return undefined;
  const eventTime = scan.seq();
  if (eventTime < 0) return undefined;
  if (futures && !(scan.skip(',"T":') && scan.seq() >= 0)) return undefined;
  if (!scan.skip(',"s":') || scan.plainString() === undefined || !scan.skip(',"U":')) return undefined;
  const firstSeq = scan.seq();
  if (firstSeq < 0 || !scan.skip(',"u":')) return undefined;
  const lastSeq = scan.seq();
  if (lastSeq < 0 || firstSeq > lastSeq) return undefined;
  const prevSeq = futures && scan.skip(',"pu":') ? scan.seq() : -1;
  if (futures && prevSeq < 0) return undefined;
  if (!scan.skip(',"b":')) return undefined;
  const bids = scanPairLevels(scan);
  if (bids === undefined || !scan.skip(',"a":')) return undefined;
  const asks = scanPairLevels(scan);
  if (asks === undefined || !scan.skip(wrapped ? '}}' : '}') || !scan.done) return undefined;
  return futures
    ? { type: 'delta', bids, asks, firstSeq, lastSeq, prevSeq, exchangeTime: eventTime }
    : { type: 'delta', bids, asks, firstSeq, lastSeq, exchangeTime: eventTime };
}

export function scanSpotDepthUpdate(text: string): DeltaEvent | undefined {
  return scanDepthUpdate(text, false);
}

export function scanFuturesDepthUpdate(text: string): DeltaEvent | undefined {
  return scanDepthUpdate(text, true);
}
