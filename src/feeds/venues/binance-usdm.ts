/**
 * Binance USDⓈ-M perpetual futures: the futures protocol (binance-futures.ts) with Binance's facts.
 *
 * Sources (read 2026-07-22):
 * - https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 * - https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Important-WebSocket-Change-Notice
 * - https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Order-Book
 * - https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
 */
import type { VenueAdapter, VenueEndpoints } from '../types.js';
import { binanceFuturesCodec, type FuturesFacts } from './binance-futures.js';

export const BINANCE_USDM_FACTS: FuturesFacts = {
  id: 'binance-usdm',
  name: 'Binance USDⓈ-M',
  /**
   * "Important WebSocket Change Notice — Base URL Split & Migration" (2026; legacy URLs retired
   * 2026-04-23): /public carries high-frequency public data, Diff. Book Depth among it; /market
   * carries regular market data (aggTrade, markPrice...). A depth stream on /market is an open
   * socket that carries nothing.
   */
  ws: 'wss://fstream.binance.com/public',
  rest: 'https://fapi.binance.com',
  depthPath: '/fapi/v1/depth',
  exchangeInfoPath: '/fapi/v1/exchangeInfo',
  /** "The websocket server will send a ping frame every 3 minutes" (pong due within 10 minutes). */
  serverPingMs: 180_000,
  /** "A single connection is only valid for 24 hours; expect to be disconnected at the 24 hour mark". */
  connectionLifetimeMs: 24 * 60 * 60_000,
};

export function binanceUsdm(endpoints?: VenueEndpoints): VenueAdapter {
  return binanceFuturesCodec(BINANCE_USDM_FACTS, endpoints);
}
