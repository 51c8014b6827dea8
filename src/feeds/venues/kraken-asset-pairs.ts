/**
 * The instrument request: REST `GET /0/public/AssetPairs?pair=<altname>` gives the pair's price
 * and volume precision, which the v2 checksum needs before the first book message (v2 prints
 * prices and quantities as JSON numbers without their trailing zeros). The v2 `instrument`
 * channel says the same (`price_precision`, `qty_precision`), but only after the socket is up;
 * the declarative instrument request is an HTTP GET fetched before it.
 *
 * Source: https://docs.kraken.com/api-reference/market-data/get-tradable-asset-pairs (read
 * 2026-11-29), example response:
 * {"error":[],"result":{"XXBTZUSD":{"altname":"XBTUSD","wsname":"XBT/USD",...,"pair_decimals":1,
 *  "lot_decimals":8,...,"tick_size":"0.1","status":"online",...}}}
 * An unknown pair is answered {"error":["EQuery:Unknown asset pair"]}: "Every response includes
 * an error array — if non-empty, the request failed" (https://docs.kraken.com/exchange/guides/general/errors).
 */
import type { ErrorEvent, InstrumentFacts } from '../types.js';
import { excerpt, isRecord, parseJson } from '../../wire/json.js';
import { krakenError, show } from './kraken-events.js';
import { restAltname, v2Pair } from './kraken-symbols.js';

const UNKNOWN_PAIR = 'EQuery:Unknown asset pair';

/** The AssetPairs URL for a v2 symbol; `pair` takes the REST altname ("BTC/USD" -> "XBTUSD"). */
export function assetPairsUrl(rest: string, symbol: string): string {
  return `${rest}/0/public/AssetPairs?pair=${encodeURIComponent(restAltname(symbol))}`;
}

const isDecimals = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 18;

/** The facts of `symbol` (v2 name) in an AssetPairs answer. */
export function decodeAssetPairs(body: string, symbol: string): InstrumentFacts | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) return krakenError(`AssetPairs answer is not a JSON object: ${excerpt(body)}`);
  const { error, result } = parsed.value;
  if (Array.isArray(error) && error.length > 0) {
    const messages = (error as readonly unknown[]).map(show);
    return krakenError(`AssetPairs: ${messages.join(', ')}`, messages.includes(UNKNOWN_PAIR) ? { notListed: true } : undefined);
  }
  if (!isRecord(result)) return krakenError(`AssetPairs answer without result: ${excerpt(body)}`);
  // Keyed by Kraken's own pair id ("XXBTZUSD"); `wsname` is the v1 name of the same pair.
  const pair = Object.values(result).find((entry) => isRecord(entry) && typeof entry['wsname'] === 'string' && v2Pair(entry['wsname']) === symbol);
  if (!isRecord(pair)) return krakenError(`${symbol} is not listed`, { notListed: true });
  const { pair_decimals: priceDecimals, lot_decimals: sizeDecimals, tick_size: tick } = pair;
  if (!isDecimals(priceDecimals) || !isDecimals(sizeDecimals)) return krakenError(`AssetPairs ${symbol} without pair_decimals/lot_decimals: ${excerpt(JSON.stringify(pair))}`);
  const tickSize = typeof tick === 'string' ? Number(tick) : Number.NaN;
  return {
    priceDecimals,
    sizeDecimals,
    tickSize: Number.isFinite(tickSize) && tickSize > 0 ? tickSize : 10 ** -priceDecimals,
    lotSize: 10 ** -sizeDecimals,
  };
}
