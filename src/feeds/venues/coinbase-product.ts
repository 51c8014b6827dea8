/**
 * Coinbase Advanced Trade "Get Public Product": the instrument facts of one product (tick, lot),
 * fetched before the socket opens; a product Coinbase does not have ends the feed as not listed.
 *
 * GET /api/v3/brokerage/market/products/{product_id}, no authentication
 * (https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-product,
 * read 2026-07-22). Answer, trimmed (nautechsystems/nautilus_trader
 * crates/adapters/coinbase/test_data/http_product.json, recorded from the live API, 2026):
 *   {"product_id":"BTC-USD","base_increment":"0.00000001","quote_increment":"0.01",
 *    "price_increment":"0.01","status":"online","product_type":"SPOT","quote_currency_id":"USD",...}
 * Errors carry {"error":"NOT_FOUND","error_details":"...","message":"..."} (the shape Coinbase's
 * REST errors have, e.g. an unknown order id, as hummingbot's coinbase_advanced_trade connector
 * records it); the docs give no example for an unknown product, so any NOT_FOUND or
 * INVALID_ARGUMENT answer to a product id built from a base name means the product is unknown.
 */
import type { ErrorEvent, InstrumentFacts } from '../types.js';
import { excerpt, isDecimalString, isRecord, parseJson } from '../../wire/json.js';

const NOT_LISTED_ERRORS = new Set(['NOT_FOUND', 'INVALID_ARGUMENT']);

function errorEvent(message: string, notListed = false): ErrorEvent {
  return { type: 'error', message: `Coinbase: ${message}`, ...(notListed ? { notListed } : {}) };
}

/** Decimals an increment like "0.01" or "0.00000001" allows (trailing zeros do not count). */
export function decimalsOf(increment: string): number {
  const fraction = increment.split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

export function decodeProduct(body: string, symbol: string): InstrumentFacts | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) return errorEvent(`product answer is not a JSON object: ${excerpt(body)}`);
  const answer = parsed.value;
  const error = answer['error'];
  if (typeof error === 'string') {
    const message = typeof answer['message'] === 'string' && answer['message'] !== '' ? answer['message'] : error;
    return errorEvent(`${symbol}: ${excerpt(message)} (${error})`, NOT_LISTED_ERRORS.has(error));
  }
  const productId = answer['product_id'];
  const tick = answer['quote_increment'];
  const lot = answer['base_increment'];
  if (typeof productId !== 'string' || !isDecimalString(tick) || !isDecimalString(lot) || Number(tick) <= 0 || Number(lot) <= 0) {
    return errorEvent(`product answer without product_id/quote_increment/base_increment: ${excerpt(body)}`);
  }
  return {
    symbol: productId,
    tickSize: Number(tick),
    lotSize: Number(lot),
    priceDecimals: decimalsOf(tick),
    sizeDecimals: decimalsOf(lot),
  };
}
