/**
 * Price and size rounding to what Hyperliquid accepts, as wire strings ready for an order.
 *
 * Hyperliquid docs, "For developers > API > Tick and lot size":
 * - sizes are rounded to the asset's `szDecimals`;
 * - prices have at most 5 significant figures and at most MAX_DECIMALS - szDecimals decimals,
 *   MAX_DECIMALS being 6 for perps and 8 for spot; integer prices are always allowed
 *   (123456 is valid, 12345.6 is not);
 * - trailing zeros are removed before signing.
 *
 * The arithmetic is exact decimal (bigint digits), not float: a number is read through its shortest
 * decimal form (String(x)), the one a user would write. The result is in floatToWire's form (no
 * trailing zeros, no "-0", no exponent) and equals floatToWire(Number(result)) wherever a float
 * can hold it exactly; beyond that (e.g. "123456789.12") floatToWire would print float noise
 * ("123456789.11999999") that the exchange rejects, so the exact string is the one to send.
 */

/** `down`/`up` are toward -∞/+∞; `nearest` rounds a half away from zero. */
export type PriceRounding = 'nearest' | 'down' | 'up';

const PERP_MAX_DECIMALS = 6;
const SPOT_MAX_DECIMALS = 8;
const PRICE_SIG_FIGS = 5;

/** value = digits × 10^exp */
type Decimal = { readonly digits: bigint; readonly exp: number };

function parseDecimal(value: number | string): Decimal {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`${value} is not a finite number`);
  }
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a decimal number`);
  const frac = m[3] ?? '';
  return { digits: BigInt(`${m[1]}${m[2]}${frac}`), exp: Number(m[4] ?? 0) - frac.length };
}

/** The integer n such that n / 10^decimals is `v` rounded to `decimals` places. */
function quantize(v: Decimal, decimals: number, mode: PriceRounding | 'toZero'): bigint {
  if (v.exp >= -decimals) return v.digits * 10n ** BigInt(v.exp + decimals);
  const div = 10n ** BigInt(-v.exp - decimals);
  const q = v.digits / div; // bigint division truncates toward zero
  const rem = v.digits % div; // carries the sign of digits
  if (rem === 0n) return q;
  switch (mode) {
    case 'toZero':
      return q;
    case 'down':
      return rem < 0n ? q - 1n : q;
    case 'up':
      return rem > 0n ? q + 1n : q;
    case 'nearest': {
      const twice = 2n * (rem < 0n ? -rem : rem);
      if (twice < div) return q;
      return rem < 0n ? q - 1n : q + 1n;
    }
  }
}

/** n / 10^decimals in wire form: no exponent, no trailing zeros, no "-0". */
function format(n: bigint, decimals: number): string {
  const negative = n < 0n;
  const abs = (negative ? -n : n).toString().padStart(decimals + 1, '0');
  const int = abs.slice(0, abs.length - decimals);
  const frac = abs.slice(abs.length - decimals).replace(/0+$/, '');
  const text = frac === '' ? int : `${int}.${frac}`;
  return negative && n !== 0n ? `-${text}` : text;
}

function assertSzDecimals(szDecimals: number): void {
  if (!Number.isSafeInteger(szDecimals) || szDecimals < 0) {
    throw new RangeError(`szDecimals ${szDecimals} is invalid`);
  }
}

/**
 * A size cut to `szDecimals`, truncated toward zero: a reduce-only close rounded up would be
 * larger than the position and be rejected ("Reduce only order would increase position"). A
 * position smaller than one lot gives "0"; the caller decides what a dust position means.
 */
export function roundSize(size: number | string, szDecimals: number): string {
  assertSzDecimals(szDecimals);
  return format(quantize(parseDecimal(size), szDecimals, 'toZero'), szDecimals);
}

/**
 * A positive price at most 5 significant figures and MAX_DECIMALS - szDecimals decimals; from
 * 100000 up (where 5 significant figures leave no decimals) it is rounded to an integer, which the
 * docs always allow. `nearest` matches the Python SDK's slippage price (round(float(f"{px:.5g}"), …)
 * in hyperliquid/exchange.py _slippage_price). A slippage-bounded close should use closeRounding.
 */
export function roundPrice(
  price: number | string,
  szDecimals: number,
  isPerp: boolean,
  direction: PriceRounding = 'nearest',
): string {
  assertSzDecimals(szDecimals);
  const maxDecimals = (isPerp ? PERP_MAX_DECIMALS : SPOT_MAX_DECIMALS) - szDecimals;
  if (maxDecimals < 0) throw new RangeError(`szDecimals ${szDecimals} leaves no price decimals`);
  const v = parseDecimal(price);
  if (v.digits <= 0n) throw new RangeError(`price ${String(price)} is not positive`);
  const magnitude = v.digits.toString().length - 1 + v.exp; // floor(log10(price))
  const decimals = Math.max(0, Math.min(maxDecimals, PRICE_SIG_FIGS - 1 - magnitude));
  const n = quantize(v, decimals, direction);
  if (n === 0n) throw new RangeError(`price ${String(price)} rounds to 0 at ${decimals} decimals`);
  return format(n, decimals);
}

/**
 * How to round a close's slippage-bounded limit price so the bound still holds: a buy promises to
 * pay at most mid × (1 + slippage), so round down; a sell promises to receive at least
 * mid × (1 − slippage), so round up. The cost is a limit a hair tighter (at 5 significant figures
 * at most 0.01%, more if the decimals limit is coarser), never a fill outside what the user accepted.
 */
export function closeRounding(isBuy: boolean): PriceRounding {
  return isBuy ? 'down' : 'up';
}
