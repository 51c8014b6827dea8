/**
 * Bybit v5 instrument facts: the symbol's tick and lot from `GET /v5/market/instruments-info`,
 * asked before the socket opens, and the venue's "no such symbol" answer as `notListed`. Pure.
 *
 * Source: https://bybit-exchange.github.io/docs/v5/market/instrument (bybit-exchange/docs @ 072c197,
 * page last changed 2026-05-27, read 2026-07-25).
 */
import type { ErrorEvent, InstrumentFacts, InstrumentRequest } from '../types.js';
import { excerpt, isDecimalString, isRecord, parseJson } from '../../wire/json.js';

export type BybitCategory = 'spot' | 'linear';

/**
 * Where each category keeps its lot ("Response Parameters"): linear `lotSizeFilter.qtyStep` ("The
 * step to increase/reduce order quantity"); spot has no qtyStep, its step is
 * `lotSizeFilter.basePrecision` ("The precision of base coin"). Both: `priceFilter.tickSize`.
 */
const LOT_FIELD: Readonly<Record<BybitCategory, string>> = { spot: 'basePrecision', linear: 'qtyStep' };

/** UTA error codes (error.mdx): "10001 Request parameter error" — the symbol is the only parameter that varies. */
const PARAMETER_ERROR = 10001;

function errorEvent(message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>): ErrorEvent {
  return { type: 'error', message: `Bybit: ${message}`, ...extra };
}

/** A positive step ("0.10", "0.000001", "1"). */
function readStep(value: unknown): number | undefined {
  return isDecimalString(value) && Number(value) > 0 ? Number(value) : undefined;
}

/**
 * "Response Example" (spot; linear has the same envelope plus `nextPageCursor`):
 * {"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[{"symbol":"BTCUSDT","status":"Trading",
 *  "lotSizeFilter":{"basePrecision":"0.000001",…},"priceFilter":{"tickSize":"0.1"},…}]},"retExtInfo":{},"time":1760027412300}
 * An unknown symbol comes back as an empty `list` (pybit issue #294 shows it for spot) or as a
 * parameter error; "By default returns only `Trading` symbols", so any other status is not listed
 * either. Other errors (10006 rate limit, 10016 server error) are worth asking again.
 */
export function decodeBybitInstrument(body: string, symbol: string, category: BybitCategory): InstrumentFacts | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) return errorEvent(`instruments-info answer is not a JSON object: ${excerpt(body)}`);
  const { retCode, retMsg, result } = parsed.value;
  if (retCode !== 0) {
    const message = `instruments-info for ${symbol}: ${excerpt(typeof retMsg === 'string' ? retMsg : JSON.stringify(retMsg) ?? '')} (retCode ${JSON.stringify(retCode)})`;
    return errorEvent(message, retCode === PARAMETER_ERROR ? { notListed: true } : undefined);
  }
  if (!isRecord(result) || !Array.isArray(result['list'])) return errorEvent(`instruments-info answer without result.list: ${excerpt(body)}`);
  const entry = (result['list'] as readonly unknown[]).find((item) => isRecord(item) && item['symbol'] === symbol);
  if (!isRecord(entry)) return errorEvent(`${category} ${symbol} is not listed`, { notListed: true });
  if (entry['status'] !== 'Trading') return errorEvent(`${category} ${symbol} is not trading (status ${JSON.stringify(entry['status'])})`, { notListed: true });
  const priceFilter = entry['priceFilter'];
  const lotSizeFilter = entry['lotSizeFilter'];
  const tickSize = isRecord(priceFilter) ? readStep(priceFilter['tickSize']) : undefined;
  const lotSize = isRecord(lotSizeFilter) ? readStep(lotSizeFilter[LOT_FIELD[category]]) : undefined;
  if (tickSize === undefined || lotSize === undefined) return errorEvent(`instruments-info for ${symbol} without tickSize/${LOT_FIELD[category]}: ${excerpt(JSON.stringify(entry))}`);
  return { symbol, tickSize, lotSize };
}

/** `GET /v5/market/instruments-info?category=spot|linear&symbol=BTCUSDT` ("HTTP Request", "Request Parameters"). */
export function bybitInstrumentRequest(rest: string, category: BybitCategory): InstrumentRequest {
  return {
    url: (symbol) => `${rest}/v5/market/instruments-info?category=${category}&symbol=${encodeURIComponent(symbol)}`,
    decode: (body, symbol) => decodeBybitInstrument(body, symbol, category),
  };
}
