/**
 * OKX "Get instruments" (`GET /api/v5/public/instruments`), read before the socket opens: the tick
 * and lot of a spot pair, and for a swap the contract value that turns its sizes (contracts) into
 * base units. Pure: a URL and a decode.
 *
 * Source: https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments, read 2026-11-29
 * in the page as published 2026-07-03. Error codes: https://www.okx.com/docs-v5/en/#error-code-rest-api-public
 * ("51001 | 200 | Instrument ID, Instrument ID code or Spread ID doesn't exist.").
 */
import type { ErrorEvent, InstrumentFacts } from '../types.js';
import { excerpt, isDecimalString, isRecord, parseJson } from '../../wire/json.js';

export type OkxInstType = 'SPOT' | 'SWAP';

const NOT_LISTED_CODE = '51001';

/** The query the doc's "Request Example" makes, narrowed to one instrument. */
export function instrumentPath(instType: OkxInstType, instId: string): string {
  return `/api/v5/public/instruments?instType=${instType}&instId=${encodeURIComponent(instId)}`;
}

function positive(value: unknown): number | undefined {
  if (!isDecimalString(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

/**
 * Response Example: {"code":"0","msg":"","data":[{"instId":"BTC-USDT","instType":"SPOT","ctVal":"",
 * "tickSz":"0.1","lotSz":"0.00000001","state":"live",...}]}. `ctVal`: "Face value of one contract
 * ... for linear contracts, `ctVal` is in the base currency (e.g., ctVal=0.01 BTC for
 * BTC-USDT-SWAP)"; "Only applicable to FUTURES/SWAP/OPTION". Every failure arrives as a `code`
 * other than "0"; 51001 is the venue saying it has no such instrument, and so is an empty `data`.
 */
export function decodeInstrument(body: string, instId: string, instType: OkxInstType, error: (message: string, notListed?: boolean) => ErrorEvent): InstrumentFacts | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok) return error(`instruments answer is not JSON: ${excerpt(body)}`);
  const msg = parsed.value;
  if (!isRecord(msg)) return error(`instruments answer is not an object: ${excerpt(body)}`);
  const { code, data } = msg;
  const text = typeof msg['msg'] === 'string' ? msg['msg'] : '';
  if (code !== '0') {
    const reason = `${text || 'instruments request failed'} (code ${excerpt(JSON.stringify(code) ?? '?', 20)})`;
    return error(reason, code === NOT_LISTED_CODE);
  }
  if (!Array.isArray(data)) return error(`instruments answer without data: ${excerpt(body)}`);
  const item: unknown = data.find((entry: unknown) => isRecord(entry) && entry['instId'] === instId);
  if (!isRecord(item)) return error(`OKX lists no ${instType} instrument ${instId}`, true);
  const tickSize = positive(item['tickSz']);
  const lotSize = positive(item['lotSz']);
  const facts: InstrumentFacts = { symbol: instId, ...(tickSize !== undefined ? { tickSize } : {}), ...(lotSize !== undefined ? { lotSize } : {}) };
  if (instType === 'SPOT') return facts;
  // A swap listed but not yet priced has "" here ("Other fields will be \"\" temporarily"): its
  // sizes cannot be read until it has one, so this is an error to retry, not "not listed".
  const contractSize = positive(item['ctVal']);
  if (contractSize === undefined) return error(`${instId} has no contract value yet (ctVal ${excerpt(JSON.stringify(item['ctVal']) ?? '?', 20)})`);
  return { ...facts, contractSize };
}
