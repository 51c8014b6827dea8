/**
 * The level lists most venues send, read by a frame scanner (../../wire/text-scanner.ts):
 * `[]` or `[["price","size"],…]`, both quoted plain decimals. Binance, Bybit, OKX and BingX
 * write their levels so; a list in any other spelling is declined (undefined).
 */
import { CLOSE_ARRAY, COMMA, OPEN_ARRAY, type TextScanner } from '../../wire/text-scanner.js';
import type { RawLevel } from '../types.js';

/**
 * A quoted plain decimal as TextScanner.decimalString reads one: digits (at most 308, so Number()
 * stays finite), then optionally a dot and at least one digit.
 */
const DECIMAL = '"(\\d{1,308}(?:\\.\\d+)?)"';

/**
 * One level, `["price","size"]` and `extra` more quoted decimals, as a sticky pattern: irregexp's
 * compiled matcher reads a level several times faster than a read per character and per value.
 */
function levelPattern(extra: number): RegExp {
  return new RegExp(`\\[${DECIMAL},${DECIMAL}${`,${DECIMAL.replace('(', '(?:')}`.repeat(extra)}\\]`, 'y');
}

const patterns: RegExp[] = [];

/**
 * `extra`: how many more quoted decimals each level carries after price and size, which the
 * codecs do not read (OKX: the deprecated "0" and the order count, ["411.8","10","0","4"]).
 * Any other count is declined: Binance's 2017-era third element, Bybit's levels of three.
 */
export function scanPairLevels(scan: TextScanner, extra = 0): RawLevel[] | undefined {
  return scanLevelList(scan, (patterns[extra] ??= levelPattern(extra)));
}

/**
 * `[]` or `[level,…]`, each level matched by `pattern` (sticky), its first two groups the price
 * and size as written. Kraken's levels ({"price":…,"qty":…}) are read with it too.
 */
export function scanLevelList(scan: TextScanner, pattern: RegExp): RawLevel[] | undefined {
  if (!scan.skipChar(OPEN_ARRAY)) return undefined;
  const levels: RawLevel[] = [];
  if (scan.skipChar(CLOSE_ARRAY)) return levels;
  do {
    const level = scan.match(pattern);
    if (level === null) return undefined;
    levels.push([level[1]!, level[2]!]);
  } while (scan.skipChar(COMMA));
  return scan.skipChar(CLOSE_ARRAY) ? levels : undefined;
}
