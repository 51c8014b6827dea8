/**
 * The simulated venues by id: one protocol encoder per exchange, each written from that exchange's
 * docs (DESIGN.md, sim/). A factory per venue, because a protocol keeps per-server state.
 */
import type { SimProtocol } from '../venue-server.js';
import { binanceSpotProtocol } from './binance-spot.js';
import { hyperliquidBookProtocol } from './hyperliquid-book.js';

export const SIM_PROTOCOLS: Readonly<Record<string, () => SimProtocol>> = {
  binance: () => binanceSpotProtocol(),
  hyperliquid: () => hyperliquidBookProtocol(),
};
