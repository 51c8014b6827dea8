/**
 * Binance USDⓈ-M futures, simulated: the shared futures encoder with Binance's facts.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 * (Connect; "Important WebSocket Change Notice — Base URL Split & Migration") and
 * https://developers.binance.com/docs/products/caas/market-data-streams ("USD-M Futures routes
 * streams by path"), read 2026-07-22.
 */
import type { BookSpec } from '../market-model.js';
import type { SimProtocol, SimulatorOptions } from '../venue-server.js';
import { futuresProtocol } from './binance-futures.js';
import type { FuturesSimFacts } from './binance-futures-facts.js';

const MINUTE = 60_000;

/**
 * PRICE_FILTER tickSize / LOT_SIZE stepSize of the live exchangeInfo (the docs show one example
 * symbol only): BTCUSDT 0.10 / 0.001, ETHUSDT 0.01 / 0.001, SOLUSDT 0.0010 / 1, XRPUSDT 0.0001 /
 * 0.1, LINKUSDT 0.001 / 0.01. Prices print with `pricePrecision` decimals ("7.6110"), so a tick
 * coarser than the last decimal is a tickMultiple.
 */
export const BINANCE_USDM_SPECS: Readonly<Record<string, BookSpec>> = {
  BTC: { priceDecimals: 2, tickMultiple: 10, sizeDecimals: 3 },
  ETH: { priceDecimals: 2, sizeDecimals: 3 },
  SOL: { priceDecimals: 4, tickMultiple: 10, sizeDecimals: 0 },
  XRP: { priceDecimals: 4, sizeDecimals: 1 },
  DOGE: { priceDecimals: 6, tickMultiple: 10, sizeDecimals: 0 },
  AVAX: { priceDecimals: 4, tickMultiple: 10, sizeDecimals: 0 },
  LINK: { priceDecimals: 3, sizeDecimals: 2 },
  HYPE: { priceDecimals: 4, tickMultiple: 10, sizeDecimals: 2 },
};

const FACTS: FuturesSimFacts = {
  venue: 'binance-usdm',
  /**
   * /public carries high-frequency public data (@depth among it). "A connection with no routed
   * path only receives /public data": /ws/btcusdt@depth still delivers. /market carries regular
   * market data; a depth stream there "fails silently rather than erroring".
   */
  depthRoutes: ['/public', ''],
  silentRoutes: ['/market'],
  depthPath: '/fapi/v1/depth',
  exchangeInfoPath: '/fapi/v1/exchangeInfo',
  /** "ping frame every 3 minutes ... does not receive a pong frame ... within a 10 minute period". */
  pingEveryMs: 3 * MINUTE,
  pongWithinMs: 10 * MINUTE,
  lifetimeMs: 24 * 60 * MINUTE,
  /** "A single connection can listen to a maximum of 1024 streams." */
  maxStreams: 1024,
  specs: BINANCE_USDM_SPECS,
  unlisted: [],
};

export function binanceUsdmProtocol(options?: SimulatorOptions): SimProtocol {
  return futuresProtocol(FACTS, options);
}
