/**
 * OKX's `books` pushes read straight from the frame text, without JSON.parse, in exactly the
 * spelling the venue sends; any other spelling is declined (undefined) and the codec's general
 * path decodes it. A frame taken here yields what the general path would have made of it
 * (./okx-book.ts decodeBookItem): the checksum passed on as the general path passes it (none for
 * 0, the value since its deprecation; a real CRC32 otherwise), the sequence ids likewise.
 *
 * Order book channel, "Push Data Example" (docs-v5, #order-book-trading-market-data-ws-order-book-channel):
 *   {"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["8476.98","415","0","13"]],
 *    "bids":[["8476.97","256","0","12"]],"ts":"1597026383085","checksum":0,"prevSeqId":123456,"seqId":123457}]}
 * Pushes from before sequence ids (the 2022 capture in test/fixtures/recorded/) end at the checksum.
 */
import { TextScanner } from '../../wire/text-scanner.js';
import type { DeltaEvent, RawLevel, SnapshotEvent } from '../types.js';
import { scanPairLevels } from './scan-levels.js';

/** One for every frame (see TextScanner: a scanner per frame costs optimized code at each GC). */
const scanner = new TextScanner();

/** Each level is ["price","size","0","orders"]: two fields the codec does not read. */
const UNREAD_FIELDS = 2;

/** `prevSeqId` of a snapshot is -1; a snapshot may also carry a real one, an update must. */
function scanPrevSeqId(scan: TextScanner, snapshot: boolean): number | undefined {
  if (snapshot && scan.skip('-1')) return -1;
  const prev = scan.seq();
  return prev < 0 ? undefined : prev;
}

export function scanOkxBooks(text: string): SnapshotEvent | DeltaEvent | undefined {
  const scan = scanner.read(text);
  if (!scan.skip('{"arg":{"channel":"books","instId":') || scan.plainString() === undefined || !scan.skip('},"action":"')) return undefined;
  const snapshot = scan.skip('snapshot"');
  if (!snapshot && !scan.skip('update"')) return undefined;
  if (!scan.skip(',"data":[{"asks":')) return undefined;
  const asks = scanPairLevels(scan, UNREAD_FIELDS);
  if (asks === undefined || !scan.skip(',"bids":')) return undefined;
  const bids = scanPairLevels(scan, UNREAD_FIELDS);
  if (bids === undefined || !scan.skip(',"ts":"')) return undefined;
  const exchangeTime = scan.seq();
  if (exchangeTime < 0 || !scan.skip('","checksum":')) return undefined;
  const checksum = scan.int32();
  if (checksum === undefined) return undefined;
  let seq = -1;
  let prevSeq: number | undefined;
  if (scan.skip(',"prevSeqId":')) {
    prevSeq = scanPrevSeqId(scan, snapshot);
    if (prevSeq === undefined || !scan.skip(',"seqId":')) return undefined;
    seq = scan.seq();
    if (seq < 0) return undefined;
  }
  if (!scan.skip('}]}') || !scan.done) return undefined;
  return snapshot ? snapshotEvent(bids, asks, exchangeTime, checksum, seq) : deltaEvent(bids, asks, exchangeTime, checksum, seq, prevSeq);
}

/** Checksum 0 is "no checksum" (deprecated, fixed to 0); seq -1 is "no sequence ids". */
function snapshotEvent(bids: RawLevel[], asks: RawLevel[], exchangeTime: number, checksum: number, seq: number): SnapshotEvent {
  if (checksum === 0) return seq < 0 ? { type: 'snapshot', bids, asks, exchangeTime } : { type: 'snapshot', bids, asks, exchangeTime, seq };
  return seq < 0 ? { type: 'snapshot', bids, asks, exchangeTime, checksum } : { type: 'snapshot', bids, asks, exchangeTime, checksum, seq };
}

function deltaEvent(bids: RawLevel[], asks: RawLevel[], exchangeTime: number, checksum: number, seq: number, prevSeq: number | undefined): DeltaEvent {
  const sequence = seq < 0 ? {} : { lastSeq: seq, prevSeq };
  return checksum === 0 ? { type: 'delta', bids, asks, exchangeTime, ...sequence } : { type: 'delta', bids, asks, exchangeTime, checksum, ...sequence };
}
