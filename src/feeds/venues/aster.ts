/**
 * Aster perpetual futures: a Binance-USDⓈ-M-compatible API on its own hosts, so the futures
 * protocol (binance-futures.ts) with Aster's facts. Where Aster differs: the v3 REST paths, a
 * 5-minute ping, 200 streams per connection, and no /public-/market route split.
 *
 * Source: github.com/asterdex/api-docs "V3(Recommended)/EN/aster-finance-futures-api-v3.md"
 * @ 265e024 (2026-06-30), read 2026-07-22: "Websocket Market Streams", "Order Book",
 * "Exchange Information". The V1 document (/fapi/v1/...) is marked legacy there.
 */
import type { VenueAdapter, VenueEndpoints } from '../types.js';
import { binanceFuturesCodec, type FuturesFacts } from './binance-futures.js';

export const ASTER_FACTS: FuturesFacts = {
  id: 'aster',
  name: 'Aster',
  /** "The baseurl for websocket is wss://fstream.asterdex.com"; raw streams at /ws/<streamName>. */
  ws: 'wss://fstream.asterdex.com',
  /** "The base endpoint is: https://fapi.asterdex.com". */
  rest: 'https://fapi.asterdex.com',
  depthPath: '/fapi/v3/depth',
  exchangeInfoPath: '/fapi/v3/exchangeInfo',
  /** "The websocket server will send a ping frame every 5 minutes" (pong due within 15 minutes). */
  serverPingMs: 300_000,
  /** "A single connection is only valid for 24 hours; expect to be disconnected at the 24 hour mark". */
  connectionLifetimeMs: 24 * 60 * 60_000,
};

export function aster(endpoints?: VenueEndpoints): VenueAdapter {
  return binanceFuturesCodec(ASTER_FACTS, endpoints);
}
