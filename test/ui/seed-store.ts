/**
 * A store seeded as the screen sees it with every venue depthmux knows: eleven rows (Coinbase and
 * Kraken quote USD), a merged ladder with size from several venues per level, and three positions.
 */
import { VENUE_IDS } from '../../src/venues/ids.js';
import { createAppStore, type AppStore, type VenueRow } from '../../src/store/app-store.js';
import type { MergedLevel } from '../../src/book/merge-depth.js';
import type { PositionsView } from '../../src/hyperliquid/positions-view.js';

export const TAGS: Readonly<Record<string, string>> = {
  binance: 'BN', 'binance-usdm': 'BF', aster: 'AS', bybit: 'BY', 'bybit-linear': 'BL', okx: 'OK', 'okx-swap': 'OS', coinbase: 'CB', kraken: 'KR', bingx: 'BX', hyperliquid: 'HL',
};

const NAMES: Readonly<Record<string, string>> = {
  binance: 'Binance', 'binance-usdm': 'Binance USDⓈ-M', aster: 'Aster', bybit: 'Bybit', 'bybit-linear': 'Bybit linear', okx: 'OKX', 'okx-swap': 'OKX swap', coinbase: 'Coinbase', kraken: 'Kraken', bingx: 'BingX', hyperliquid: 'Hyperliquid',
};

export const VENUES: VenueRow[] = VENUE_IDS.map((id, index) => ({
  id,
  name: NAMES[id]!,
  market: id.includes('-') || id === 'hyperliquid' || id === 'aster' ? 'perp' : 'spot',
  quote: id === 'coinbase' || id === 'kraken' ? 'USD' : id === 'hyperliquid' ? 'USDC' : 'USDT',
  priceDecimals: id === 'hyperliquid' ? 0 : id === 'kraken' ? 1 : 2,
  state: 'live',
  notListed: false,
  bestBid: id === 'hyperliquid' ? 67250 : id === 'kraken' ? 67250.1 : 67250.5 - index * 0.01,
  bestAsk: id === 'hyperliquid' ? 67251 : id === 'kraken' ? 67250.9 : 67250.6 + index * 0.01,
  msgsPerSec: 10 + index,
  ageS: 0,
  latencyMs: 10 + index * 7,
  reconnects: index === 3 ? 2 : 0,
  failedAttempts: index === 3 ? 5 : 0,
  resyncs: index === 5 ? 1 : 0,
  upForS: 95,
}));

function levels(side: 'bid' | 'ask', count: number): MergedLevel[] {
  return Array.from({ length: count }, (_, i) => {
    const price = side === 'bid' ? 67250 - i : 67251 + i;
    const venues = VENUE_IDS.filter((_, v) => (v + i) % 3 !== 0).map((id, v) => [id, Number((0.125 + v * 0.5 + i * 0.01).toFixed(3))] as const);
    return { price, size: Number(venues.reduce((sum, [, size]) => sum + size, 0).toFixed(6)), venues };
  });
}

export const POSITIONS: PositionsView = {
  account: '0x14791697260e4c9a71f18484c9f997b308e59325',
  network: 'testnet',
  status: 'ready',
  summary: { accountValue: 24_985.22, withdrawable: 19_050.7, totalMarginUsed: 5_934.52, totalNtlPos: 40_000 },
  positions: [
    { coin: 'BTC', side: 'long', size: '0.25', entryPx: 66_981, markPx: 67_251.1, positionValue: 16_812, unrealizedPnl: 67.53, roe: 0.04, liquidationPx: 60_123, leverage: 10, leverageType: 'cross', marginUsed: 1_681.28 },
    { coin: 'ETH', side: 'short', size: '3.0', entryPx: 3_459.1, markPx: 3_480, positionValue: 10_440, unrealizedPnl: -62.53, roe: -0.03, liquidationPx: 11_576.9, leverage: 5, leverageType: 'cross', marginUsed: 2_087.97 },
    { coin: 'SOL', side: 'long', size: '40.0', entryPx: 162.89, markPx: 162.4, positionValue: 6_496, unrealizedPnl: -19.78, roe: -0.009, liquidationPx: undefined, leverage: 3, leverageType: 'cross', marginUsed: 2_165.27 },
  ],
  updatedAt: 1,
  stream: 'live',
  error: undefined,
};

export function seededStore(options: { readonly depth?: number } = {}): AppStore {
  const store = createAppStore({ symbol: 'BTC', depth: options.depth ?? 30, venueTags: TAGS, hasAccount: true });
  store.setState({
    venues: VENUES,
    positions: POSITIONS,
    ladder: {
      symbol: 'BTC',
      tick: 1,
      finestTick: 0.01,
      included: [...VENUE_IDS],
      bestBid: 67250.5,
      bestAsk: 67250.6,
      asks: levels('ask', 30),
      bids: levels('bid', 30),
      liquidity: {
        mid: 67250.55,
        fillSize: 1,
        bands: [
          { bps: 10, bidSize: 812.5, askSize: 790.25 },
          { bps: 50, bidSize: 2450, askSize: 2380.5 },
          { bps: 100, bidSize: 4100, askSize: 3990 },
        ],
        buy: { filled: 1, averagePrice: 67250.71, slippageBps: 0.024 },
        sell: { filled: 1, averagePrice: 67250.39, slippageBps: 0.024 },
      },
    },
  });
  return store;
}
