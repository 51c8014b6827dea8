/**
 * Kraken's names for one market. WebSocket v2 says "BTC/USD"; WebSocket v1 and the REST
 * AssetPairs `wsname` say "XBT/USD", and REST `altname` says "XBTUSD" (Bitcoin is XBT and
 * Dogecoin XDG there). The codec speaks v2 names and maps the older ones onto them.
 *
 * Sources (read 2026-11-29): https://docs.kraken.com/exchange/api-reference/spot-websocket
 * ("v2 vs v1": symbol format XBT/USD vs BTC/USD); REST AssetPairs example (XXBTZUSD: altname
 * "XBTUSD", wsname "XBT/USD"), https://docs.kraken.com/api-reference/market-data/get-tradable-asset-pairs
 */

/** Quote of every pair the codec asks for: Kraken's spot books are deepest against USD. */
export const KRAKEN_QUOTE = 'USD';

/** v2 asset code -> the legacy code of v1 pairs and REST altnames. */
const LEGACY_ASSET: Readonly<Record<string, string>> = { BTC: 'XBT', DOGE: 'XDG' };
const V2_ASSET: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(LEGACY_ASSET).map(([v2, legacy]) => [legacy, v2]));

/** Kraken asset codes are upper-case letters and digits. */
const BASE = /^[A-Z0-9]{1,12}$/;

/** The v2 symbol for a base asset ("BTC" -> "BTC/USD"), or undefined if it cannot be one. */
export function krakenSymbol(base: string): string | undefined {
  return BASE.test(base) ? `${base}/${KRAKEN_QUOTE}` : undefined;
}

/** A v1 pair or REST wsname in v2 form: "XBT/USD" -> "BTC/USD". */
export function v2Pair(pair: string): string {
  return pair
    .split('/')
    .map((asset) => V2_ASSET[asset] ?? asset)
    .join('/');
}

/** The REST altname of a v2 symbol: "BTC/USD" -> "XBTUSD". */
export function restAltname(symbol: string): string {
  return symbol
    .split('/')
    .map((asset) => LEGACY_ASSET[asset] ?? asset)
    .join('');
}
