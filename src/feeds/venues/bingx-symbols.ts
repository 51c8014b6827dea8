/**
 * BingX spot "Spot trading symbols": the instrument facts of one pair (price and quantity step),
 * fetched before the socket opens; a pair BingX does not list ends the feed as not listed.
 *
 * GET /openApi/spot/v1/common/symbols?symbol=BTC-USDT&timestamp=<ms>, no API key; `timestamp` is
 * required (https://bingx-api.github.io/docs/#/en-us/spot/market-api.html, "Spot trading
 * symbols", read 2026-07-22). Answer {"code":0,"msg":"","data":{"symbols":[{"symbol":"BTC-USDT",
 * "tickSize":0.01,"stepSize":0.000001,"status":1,...}]}}; tickSize and stepSize are float64;
 * status "0 offline, 1 online, 5 pre-open, 10 accessed 25 trading suspended". The docs give no
 * answer for an unknown pair: no matching entry (an empty list) or SEARCH_NO_CONTENT (100204,
 * "No data found in server search", Websocket "Code Error Code Description") means not listed.
 */
import type { ErrorEvent, InstrumentFacts } from '../types.js';
import { excerpt, isRecord, parseJson } from '../../wire/json.js';

const SEARCH_NO_CONTENT = 100204;
const OFFLINE = 0;

function errorEvent(message: string, notListed = false): ErrorEvent {
  return { type: 'error', message: `BingX: ${message}`, ...(notListed ? { notListed } : {}) };
}

/** A step as BingX writes it (a JSON number, sometimes a string) as a positive number. */
function stepOf(value: unknown): number | undefined {
  const step = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(step) && step > 0 ? step : undefined;
}

/** Decimals a step like 0.01 or 1e-7 allows (float64 on the wire, so read with a tolerance). */
export function decimalsOfStep(step: number): number {
  for (let decimals = 0; decimals < 16; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return decimals;
  }
  return 16;
}

export function decodeSymbols(body: string, symbol: string): InstrumentFacts | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) return errorEvent(`symbols answer is not a JSON object: ${excerpt(body)}`);
  const { code, msg, data } = parsed.value;
  if (code !== 0) {
    const text = typeof msg === 'string' && msg !== '' ? msg : 'error';
    return errorEvent(`${symbol}: ${excerpt(text)} (code ${JSON.stringify(code)})`, code === SEARCH_NO_CONTENT);
  }
  const symbols = isRecord(data) ? data['symbols'] : undefined;
  if (!Array.isArray(symbols)) return errorEvent(`symbols answer without data.symbols: ${excerpt(body)}`);
  const entry = (symbols as readonly unknown[]).find((item) => isRecord(item) && item['symbol'] === symbol);
  if (!isRecord(entry)) return errorEvent(`${symbol} is not a BingX spot pair`, true);
  if (entry['status'] === OFFLINE) return errorEvent(`${symbol} is offline`, true);
  const tick = stepOf(entry['tickSize']);
  const lot = stepOf(entry['stepSize']);
  if (tick === undefined || lot === undefined) return errorEvent(`${symbol} without tickSize/stepSize: ${excerpt(JSON.stringify(entry))}`);
  return { symbol, tickSize: tick, lotSize: lot, priceDecimals: decimalsOfStep(tick), sizeDecimals: decimalsOfStep(lot) };
}
