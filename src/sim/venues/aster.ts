/**
 * Aster perpetual futures, simulated: the shared futures encoder with Aster's facts.
 *
 * github.com/asterdex/api-docs "V3(Recommended)/EN/aster-finance-futures-api-v3.md" @ 265e024
 * (2026-06-30), read 2026-07-22: "Websocket Market Streams", "Order Book", "Exchange Information".
 */
import type { SimProtocol, SimulatorOptions } from '../venue-server.js';
import { futuresProtocol } from './binance-futures.js';
import type { FuturesSimFacts } from './binance-futures-facts.js';
import { BINANCE_USDM_SPECS } from './binance-usdm.js';

const MINUTE = 60_000;

const FACTS: FuturesSimFacts = {
  venue: 'aster',
  /** "Raw streams are accessed at /ws/<streamName>", combined at /stream: no routes. */
  depthRoutes: [''],
  silentRoutes: [],
  depthPath: '/fapi/v3/depth',
  exchangeInfoPath: '/fapi/v3/exchangeInfo',
  /** "ping frame every 5 minutes ... does not receive a pong frame ... within a 15 minute period". */
  pingEveryMs: 5 * MINUTE,
  pongWithinMs: 15 * MINUTE,
  lifetimeMs: 24 * 60 * MINUTE,
  /** "A single connection can listen to a maximum of 200 streams." */
  maxStreams: 200,
  /**
   * The docs show one example symbol only; Aster's contracts are taken to carry Binance's filters
   * for the same pairs (an assumption: the API is Binance-compatible, the tick and lot unverified).
   */
  specs: BINANCE_USDM_SPECS,
  unlisted: [],
};

export function asterProtocol(options?: SimulatorOptions): SimProtocol {
  return futuresProtocol(FACTS, options);
}
