/**
 * The level lists most venues send, read by a frame scanner (../../wire/text-scanner.ts):
 * `[]` or `[["price","size"],…]`, both quoted plain decimals. Binance, Bybit, OKX and BingX
 * write their levels so; a list in any other spelling is declined (undefined).
 */
import { CLOSE_ARRAY, COMMA, OPEN_ARRAY, type TextScanner } from '../../wire/text-scanner.js';
import type { RawLevel } from '../types.js';

/**
 * `extra`: how many more quoted decimals each level carries after price and size, which the
 * codecs do not read (OKX: the deprecated "0" and the order count, ["411.8","10","0","4"]).
 * Any other count is declined: Binance's 2017-era third element, Bybit's levels of three.
 */
export function scanPairLevels(scan: TextScanner, extra = 0): RawLevel[] | undefined {
  if (!scan.skipChar(OPEN_ARRAY)) return undefined;
  const levels: RawLevel[] = [];
  if (scan.skipChar(CLOSE_ARRAY)) return levels;
  do {
    if (!scan.skipChar(OPEN_ARRAY)) return undefined;
    const price = scan.decimalString();
    if (price === undefined || !scan.skipChar(COMMA)) return undefined;
    const size = scan.decimalString();
    if (size === undefined) return undefined;
    for (let i = 0; i < extra; i++) if (!scan.skipChar(COMMA) || scan.decimalString() === undefined) return undefined;
    if (!scan.skipChar(CLOSE_ARRAY)) return undefined;
    levels.push([price, size]);
  } while (scan.skipChar(COMMA));
  return scan.skipChar(CLOSE_ARRAY) ? levels : undefined;
}
