/**
 * Price grouping. A default tick shows a useful slice of the book for any price magnitude
 * (BTC near 67 000 groups by 1, DOGE near 0.15 by 0.00001); the user steps it up and down
 * through the 1-2-5 series.
 */

/** A tick of about one ten-thousandth of the price, rounded to a power of ten. */
export function defaultTick(price: number): number {
  if (!(price > 0) || !Number.isFinite(price)) return 0.01;
  return 10 ** (Math.floor(Math.log10(price)) - 4);
}

const STEPS = [1, 2, 5];

/** The next tick in the 1-2-5 series, up (`direction` 1) or down (-1). */
export function stepTick(tick: number, direction: 1 | -1): number {
  const exponent = Math.floor(Math.log10(tick) + 1e-9);
  const mantissa = Math.round(tick / 10 ** exponent);
  let index = STEPS.indexOf(mantissa);
  if (index < 0) index = 0;
  let next = index + direction;
  let nextExponent = exponent;
  if (next >= STEPS.length) {
    next = 0;
    nextExponent++;
  } else if (next < 0) {
    next = STEPS.length - 1;
    nextExponent--;
  }
  return roundToDecimals(STEPS[next]! * 10 ** nextExponent, Math.max(0, -nextExponent));
}

/** Decimals needed to print prices on this tick. */
export function tickDecimals(tick: number): number {
  return Math.max(0, -Math.floor(Math.log10(tick) + 1e-9));
}

/** Bids group down and asks group up, so a grouped level never looks better than it is. */
export function groupPrice(price: number, tick: number, side: 'bid' | 'ask'): number {
  const units = price / tick;
  const snapped = side === 'bid' ? Math.floor(units + 1e-9) : Math.ceil(units - 1e-9);
  return roundToDecimals(snapped * tick, tickDecimals(tick));
}

function roundToDecimals(value: number, decimals: number): number {
  return Number(value.toFixed(Math.min(decimals, 12)));
}
