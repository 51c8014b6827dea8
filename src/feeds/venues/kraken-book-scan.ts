/**
 * Kraken's WebSocket v2 `book` messages read straight from the frame text, without quoting its
 * numbers and without JSON.parse, in exactly the spelling the venue sends; any other spelling is
 * declined (undefined) and the codec's general path reads it (./kraken.ts, ./kraken-v2.ts). A
 * frame taken here yields what the general path would have made of it: prices and quantities
 * as the text the venue wrote (the checksum is defined on it), the checksum it sent.
 *
 * book, "Snapshot/Update Response" (docs.kraken.com/exchange/api-reference/spot-websocket-v2/book):
 *   {"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[{"price":0.5657,"qty":1098.3947558}],
 *    "asks":[],"checksum":2114181697,"timestamp":"2023-10-06T17:35:55.440295Z"}]}
 * A number in exponent form ("1e-08") is declined: the general path writes it out in plain digits.
 */
import { TextScanner } from '../../wire/text-scanner.js';
import type { DeltaEvent, SnapshotEvent } from '../types.js';
import { scanLevelList } from './scan-levels.js';

/** One for every frame (see TextScanner: a scanner per frame costs optimized code at each GC). */
const scanner = new TextScanner();

/** "checksum: CRC32 checksum of top 10 bids and asks", an unsigned 32-bit integer. */
const MAX_CHECKSUM = 0xffff_ffff;

/**
 * An unquoted non-negative number in plain decimal form, its text as written: digits (at most
 * 308, so Number() stays finite; no leading zero, which JSON refuses), then optionally a dot and
 * at least one digit. No sign, no exponent: "1e-8" fails at the literal that follows.
 */
const NUMBER = '((?:0|[1-9]\\d{0,307})(?:\\.\\d+)?)';
/** One level, `{"price":0.5666,"qty":4831.75496356}`, as a sticky pattern: [price, qty] as written. */
const LEVEL = new RegExp(`\\{"price":${NUMBER},"qty":${NUMBER}\\}`, 'y');

/**
 * `symbol`: the pair the feed subscribed, if it has; another pair's book is declined (the
 * general path ignores it).
 */
export function scanKrakenBook(text: string, symbol: string | undefined): SnapshotEvent | DeltaEvent | undefined {
  const scan = scanner.read(text);
  if (!scan.skip('{"channel":"book","type":"')) return undefined;
  const snapshot = scan.skip('snapshot"');
  if (!snapshot && !scan.skip('update"')) return undefined;
  if (!scan.skip(',"data":[{"symbol":')) return undefined;
  const pair = scan.plainString();
  if (pair === undefined || (symbol !== undefined && pair !== symbol) || !scan.skip(',"bids":')) return undefined;
  const bids = scanLevelList(scan, LEVEL);
  if (bids === undefined || !scan.skip(',"asks":')) return undefined;
  const asks = scanLevelList(scan, LEVEL);
  if (asks === undefined || !scan.skip(',"checksum":')) return undefined;
  const checksum = scan.seq();
  if (checksum < 0 || checksum > MAX_CHECKSUM || !scan.skip(',"timestamp":')) return undefined;
  const timestamp = scan.plainString();
  if (timestamp === undefined || !scan.skip('}]}') || !scan.done) return undefined;
  const time = Date.parse(timestamp);
  const stamped = Number.isFinite(time) ? { exchangeTime: time } : {};
  return snapshot ? { type: 'snapshot', bids, asks, checksum, ...stamped } : { type: 'delta', bids, asks, checksum, ...stamped };
}
