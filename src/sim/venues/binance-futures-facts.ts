/**
 * What differs between the simulated futures venues that speak the Binance USDⓈ-M protocol
 * (binance-usdm.ts, aster.ts): routes, paths, heartbeat timing, limits, tick and lot.
 */
import type { BookSpec } from '../market-model.js';

export interface FuturesSimFacts {
  readonly venue: 'binance-usdm' | 'aster';
  /** Path prefixes whose sockets carry depth streams ('' = the unrouted /ws and /stream). */
  readonly depthRoutes: readonly string[];
  /** Path prefixes that accept a depth stream and carry nothing of it (a wrong route). */
  readonly silentRoutes: readonly string[];
  readonly depthPath: string;
  readonly exchangeInfoPath: string;
  readonly pingEveryMs: number;
  /** No pong within this long after a ping: the server disconnects. */
  readonly pongWithinMs: number;
  readonly lifetimeMs: number;
  readonly maxStreams: number;
  /** PRICE_FILTER tickSize and LOT_SIZE stepSize of <BASE>USDT, as price/size decimals. */
  readonly specs: Readonly<Record<string, BookSpec>>;
  readonly unlisted: readonly string[];
}

/**
 * Update ids are shared by every symbol of the venue, so one symbol's consecutive events are not
 * consecutive ids (real SUSHIUSDT: pu 600859598061, then U 600859599090). The simulator spreads
 * its ids likewise: a client bridging with the spot rule (U == previous u + 1) fails here.
 */
export const ID_STRIDE = 3;

/** The book spec of <BASE>USDT; a base without a known spec gets cents and hundredths. */
export function futuresSpec(facts: FuturesSimFacts, base: string): BookSpec {
  return facts.specs[base] ?? { priceDecimals: 2, sizeDecimals: 2 };
}
