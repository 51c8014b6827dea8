/**
 * The instrument facts of a Binance-USDⓈ-M-style futures venue, read from "Exchange Information"
 * (`GET /fapi/v1/exchangeInfo` on Binance, `/fapi/v3/exchangeInfo` on Aster). The endpoint takes
 * no symbol and lists every contract, so the one asked for is looked up in it; a symbol the list
 * does not hold as a trading perpetual is "not listed". Quantities are in the base asset, so no
 * contract size. Pure.
 *
 * Response (Aster v3 doc, "Exchange Information", same shape as Binance's), trimmed:
 * {"symbols":[{"symbol":"DOGEUSDT","pair":"DOGEUSDT","contractType":"PERPETUAL","status":"TRADING",
 *   "pricePrecision":5,"quantityPrecision":0,   // "please do not use it as tickSize/stepSize"
 *   "filters":[{"filterType":"PRICE_FILTER","maxPrice":"300","minPrice":"0.0001","tickSize":"0.0001"},
 *              {"filterType":"LOT_SIZE","maxQty":"10000000","minQty":"1","stepSize":"1"}, ...]}]}
 */
import type { ErrorEvent, InstrumentCatalog, InstrumentFacts } from '../types.js';
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

/**
 * Every contract the answer lists, by symbol: its facts, or why it is not shown. The answer is
 * the same for every symbol, so one serves the venue's other symbols too (instrument-catalogs.ts).
 */
export function decodeExchangeInfo(body: string, error: Errors): InstrumentCatalog | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok) return error(`exchangeInfo is not JSON: ${excerpt(body)}`);
  const msg = parsed.value;
  if (!isRecord(msg)) return error(`exchangeInfo is not an object: ${excerpt(body)}`);
  if (typeof msg['code'] === 'number' && typeof msg['msg'] === 'string') return error(`${msg['msg']} (code ${msg['code']})`);
  const symbols = msg['symbols'];
  if (!Array.isArray(symbols)) return error(`exchangeInfo without symbols: ${excerpt(body)}`);
  const listed = new Map<string, InstrumentFacts | ErrorEvent>();
  for (const entry of symbols) {
    if (isRecord(entry) && typeof entry['symbol'] === 'string') listed.set(entry['symbol'], contractFacts(entry['symbol'], entry, error));
  }
  return { facts: (symbol) => listed.get(symbol) ?? error(`${symbol} is not in exchangeInfo`, { notListed: true }) };
}

function contractFacts(symbol: string, entry: Readonly<Record<string, unknown>>, error: Errors): InstrumentFacts | ErrorEvent {
  // ENUM definitions: contractType PERPETUAL / CURRENT_QUARTER / ...; status TRADING, SETTLING, CLOSE, PENDING_TRADING...
  if (entry['contractType'] !== 'PERPETUAL') return error(`${symbol} is not a perpetual (${JSON.stringify(entry['contractType'])})`, { notListed: true });
  if (entry['status'] !== 'TRADING') return error(`${symbol} is not trading (status ${JSON.stringify(entry['status'])})`, { notListed: true });
  const tickSize = filterValue(entry['filters'], 'PRICE_FILTER', 'tickSize');
  const lotSize = filterValue(entry['filters'], 'LOT_SIZE', 'stepSize');
  return { symbol, ...(tickSize !== undefined ? { tickSize } : {}), ...(lotSize !== undefined ? { lotSize } : {}) };
}
