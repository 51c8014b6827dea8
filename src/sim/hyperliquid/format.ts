/**
 * Numbers as Hyperliquid prints them: decimal strings, trailing zeros trimmed but one decimal kept
 * ("26951.0", "0.0", "-0.00785"), as in the official Python SDK's recorded clearinghouseState
 * (tests/cassettes/info_test/test_get_user_state.yaml) and the docs' examples.
 */
export function hlDecimal(x: number, decimals: number): string {
  const fixed = x.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '.0') : `${fixed}.0`;
  return /^-0\.0$/.test(trimmed) ? '0.0' : trimmed;
}

/** Prices and USD amounts: six decimals is the finest the API prints for perps. */
export const usd = (x: number): string => hlDecimal(x, 6);

/** x rounded to `decimals` places, so sizes compare exactly after float arithmetic. */
export function roundTo(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = Math.round(x * scale) / scale;
  return Object.is(rounded, -0) ? 0 : rounded;
}
