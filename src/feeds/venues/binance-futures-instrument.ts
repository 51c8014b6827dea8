/**
 * The instrument facts of a Binance-USDⓈ-M-style futures venue, read from "Exchange Information"
 * (`GET /fapi/v1/exchangeInfo` on Binance, `/fapi/v3/exchangeInfo` on Aster). The endpoint takes
 * no symbol and lists every contract, so the one asked for is looked up here; a symbol the list
 * does not hold as a trading perpetual is "not listed". Quantities are in the base asset, so no
 * contract size. Pure.
 *
 * Response (Aster v3 doc, "Exchange Information", same shape as Binance's), trimmed:
 * {"symbols":[{"symbol":"DOGEUSDT","pair":"DOGEUSDT","contractType":"PERPETUAL","status":"TRADING",
 *   "pricePrecision":5,"quantityPrecision":0,   // "please do not use it as tickSize/stepSize"
 *   "filters":[{"filterType":"PRICE_FILTER","maxPrice":"300","minPrice":"0.0001","tickSize":"0.0001"},
 *              {"filterType":"LOT_SIZE","maxQty":"10000000","minQty":"1","stepSize":"1"}, ...]}]}
 */
import type { ErrorEvent, InstrumentFacts } from '../types.js';
import { excerpt, isDecimalString, isRecord, parseJson } from '../../wire/json.js';

type Errors = (message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>) => ErrorEvent;

/** A filter's decimal field as a positive number, or undefined ("disabled on tickSize == 0"). */
function filterValue(filters: unknown, type: string, field: string): number | undefined {
  if (!Array.isArray(filters)) return undefined;
  const filter: unknown = filters.find((f: unknown) => isRecord(f) && f['filterType'] === type);
  const value = isRecord(filter) ? filter[field] : undefined;
  if (!isDecimalString(value) || Number(value) === 0) return undefined;
  return Number(value);
}

export function decodeExchangeInfo(body: string, symbol: string, error: Errors): InstrumentFacts | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok) return error(`exchangeInfo is not JSON: ${excerpt(body)}`);
  const msg = parsed.value;
  if (!isRecord(msg)) return error(`exchangeInfo is not an object: ${excerpt(body)}`);
  if (typeof msg['code'] === 'number' && typeof msg['msg'] === 'string') return error(`${msg['msg']} (code ${msg['code']})`);
  const symbols = msg['symbols'];
  if (!Array.isArray(symbols)) return error(`exchangeInfo without symbols: ${excerpt(body)}`);
  const entry: unknown = symbols.find((s: unknown) => isRecord(s) && s['symbol'] === symbol);
  if (!isRecord(entry)) return error(`${symbol} is not in exchangeInfo`, { notListed: true });
  // ENUM definitions: contractType PERPETUAL / CURRENT_QUARTER / ...; status TRADING, SETTLING, CLOSE, PENDING_TRADING...
  if (entry['contractType'] !== 'PERPETUAL') return error(`${symbol} is not a perpetual (${JSON.stringify(entry['contractType'])})`, { notListed: true });
  if (entry['status'] !== 'TRADING') return error(`${symbol} is not trading (status ${JSON.stringify(entry['status'])})`, { notListed: true });
  const tickSize = filterValue(entry['filters'], 'PRICE_FILTER', 'tickSize');
  const lotSize = filterValue(entry['filters'], 'LOT_SIZE', 'stepSize');
  return { symbol, ...(tickSize !== undefined ? { tickSize } : {}), ...(lotSize !== undefined ? { lotSize } : {}) };
}
