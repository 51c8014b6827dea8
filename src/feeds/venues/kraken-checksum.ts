/**
 * Kraken's book checksum, the same rule for WebSocket v1 and v2: CRC32 over the top 10 asks (low
 * to high) then the top 10 bids (high to low), each level as price then quantity with the decimal
 * point removed and leading zeros stripped; compared as an unsigned 32-bit integer.
 *
 * Sources (read 2026-11-29):
 * - https://docs.kraken.com/exchange/guides/websockets/book-checksum-v2 ("45285.2" -> "452852",
 *   "0.00100000" -> "100000"; worked example BTC/USD = 3310070434)
 * - https://docs.kraken.com/exchange/guides/websockets/book-checksum-v1 ("0.05000" -> "5000")
 *
 * v1 sends prices and volumes as strings already printed to the pair's precision, so they are
 * hashed as they came. v2 sends JSON numbers, which drop trailing zeros (0.10000000 arrives as
 * 0.1): each value is first padded back to the pair's precision (`priceDecimals`/`sizeDecimals`
 * of the instrument facts, from AssetPairs `pair_decimals`/`lot_decimals`). Padding only ever adds
 * zeros, so a v1 string that already has its digits is left as it is.
 */
import { crc32 } from '../../book/crc32.js';
import type { ChecksumBookView, InstrumentFacts, RawLevel } from '../types.js';

/** "The checksum is always calculated over the top 10 price levels regardless of subscription depth." */
export const CHECKSUM_LEVELS = 10;

/** `value` with at least `decimals` digits after the point. */
function padDecimals(value: string, decimals: number | undefined): string {
  if (decimals === undefined || decimals <= 0) return value;
  const point = value.indexOf('.');
  const have = point < 0 ? 0 : value.length - point - 1;
  if (have >= decimals) return value;
  return (point < 0 ? `${value}.` : value) + '0'.repeat(decimals - have);
}

/** One value as the checksum writes it: padded, without its point and its leading zeros. */
export function checksumField(value: string, decimals?: number): string {
  return padDecimals(value, decimals).replace('.', '').replace(/^0+/, '');
}

function sideText(levels: readonly RawLevel[], instrument: InstrumentFacts | undefined): string {
  let text = '';
  for (const [price, size] of levels) text += checksumField(price, instrument?.priceDecimals) + checksumField(size, instrument?.sizeDecimals);
  return text;
}

/** The checksum of `book` as Kraken computes it (unsigned). */
export function krakenChecksum(book: ChecksumBookView, instrument: InstrumentFacts | undefined): number {
  return crc32(sideText(book.topAsks(CHECKSUM_LEVELS), instrument) + sideText(book.topBids(CHECKSUM_LEVELS), instrument));
}
