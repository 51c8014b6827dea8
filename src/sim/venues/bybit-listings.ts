/**
 * What the simulated Bybit lists in each category, and `GET /v5/market/instruments-info` that tells
 * clients so. The simulator's books are quoted at these ticks and lots, and its wire prints them
 * as each category does.
 *
 * https://bybit-exchange.github.io/docs/v5/market/instrument (Response Parameters, Response Example)
 */
import type { BookSpec } from '../market-model.js';
import type { SimHttpAnswer, SimVenueContext } from '../venue-server.js';

export type BybitSimCategory = 'spot' | 'linear';

/** `priceFilter.tickSize`, and the size step: spot `lotSizeFilter.basePrecision`, linear `lotSizeFilter.qtyStep`. */
interface Listing {
  readonly tickSize: string;
  readonly lot: string;
}

/**
 * <BASE>USDT on each category. BTC's are the doc examples' (spot tick "0.1", basePrecision
 * "0.000001"; linear tickSize "0.10", qtyStep "0.001"); the rest are the pairs' usual values.
 * A linear tick is written with the pair's `priceScale` decimals ("0.10": prices print as "16493.50").
 */
export const LISTINGS: Readonly<Record<BybitSimCategory, Readonly<Record<string, Listing>>>> = {
  spot: {
    BTC: { tickSize: '0.1', lot: '0.000001' },
    ETH: { tickSize: '0.01', lot: '0.00001' },
    SOL: { tickSize: '0.01', lot: '0.001' },
    XRP: { tickSize: '0.0001', lot: '0.01' },
    DOGE: { tickSize: '0.00001', lot: '0.1' },
    AVAX: { tickSize: '0.01', lot: '0.001' },
    LINK: { tickSize: '0.001', lot: '0.01' },
    HYPE: { tickSize: '0.001', lot: '0.01' },
  },
  linear: {
    BTC: { tickSize: '0.10', lot: '0.001' },
    ETH: { tickSize: '0.01', lot: '0.01' },
    SOL: { tickSize: '0.010', lot: '0.1' },
    XRP: { tickSize: '0.0001', lot: '1' },
    DOGE: { tickSize: '0.00001', lot: '1' },
    AVAX: { tickSize: '0.001', lot: '0.1' },
    LINK: { tickSize: '0.001', lot: '0.1' },
    HYPE: { tickSize: '0.001', lot: '0.01' },
  },
};

const decimals = (step: string): number => step.split('.')[1]?.length ?? 0;

/** "0.10" -> 2 decimals, 10 units of 0.01: the book prints "67250.10" as linear does. */
export function bookSpecOf(category: BybitSimCategory, base: string): BookSpec {
  const listing = LISTINGS[category][base];
  if (!listing) return { priceDecimals: 2, sizeDecimals: 2 };
  const priceDecimals = decimals(listing.tickSize);
  return { priceDecimals, tickMultiple: Math.round(Number(listing.tickSize) * 10 ** priceDecimals), sizeDecimals: decimals(listing.lot) };
}

function instrument(category: BybitSimCategory, base: string, listing: Listing): Record<string, unknown> {
  const symbol = `${base}USDT`;
  if (category === 'spot') {
    return {
      symbolId: 9, symbol, baseCoin: base, quoteCoin: 'USDT', innovation: '0', status: 'Trading', marginTrading: 'utaOnly', stTag: '0',
      lotSizeFilter: { basePrecision: listing.lot, quotePrecision: '0.0000001', minOrderQty: listing.lot, maxOrderQty: '83', minOrderAmt: '5', maxOrderAmt: '8000000', maxLimitOrderQty: '83', maxMarketOrderQty: '41.5', postOnlyMaxLimitOrderSize: '60000' },
      priceFilter: { tickSize: listing.tickSize },
      riskParameters: { priceLimitRatioX: '0.005', priceLimitRatioY: '0.01' },
      symbolType: '',
    };
  }
  return {
    symbol, symbolId: 5, contractType: 'LinearPerpetual', status: 'Trading', baseCoin: base, quoteCoin: 'USDT', launchTime: '1585526400000', deliveryTime: '0', deliveryFeeRate: '',
    priceScale: String(decimals(listing.tickSize)),
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: listing.tickSize, maxPrice: '1999999.80', tickSize: listing.tickSize },
    lotSizeFilter: { maxOrderQty: '1190.000', minOrderQty: listing.lot, qtyStep: listing.lot, postOnlyMaxOrderQty: '1190.000', maxMktOrderQty: '500.000', minNotionalValue: '5' },
    unifiedMarginTrade: true, fundingInterval: 480, settleCoin: 'USDT', copyTrading: 'both', upperFundingRate: '0.00375', lowerFundingRate: '-0.00375',
    isPreListing: false, preListingInfo: null, riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' }, symbolType: '',
  };
}

/**
 * `GET /v5/market/instruments-info?category=…&symbol=…`. A symbol it does not list is an empty
 * `list` (as pybit issue #294 shows for spot); a category other than the simulated one, or none,
 * is a "10001 Request parameter error" (error.mdx; the retMsg wording is the simulator's).
 */
export function instrumentsInfo(category: BybitSimCategory, url: URL, context: SimVenueContext): SimHttpAnswer {
  if (url.pathname !== '/v5/market/instruments-info') return { status: 404, body: '' };
  const envelope = (retCode: number, retMsg: string, result: Record<string, unknown>): SimHttpAnswer => ({
    status: 200,
    body: JSON.stringify({ retCode, retMsg, result, retExtInfo: {}, time: Date.now() }),
  });
  if (url.searchParams.get('category') !== category) return envelope(10001, 'params error: category is invalid', {});
  const wanted = url.searchParams.get('symbol');
  const list = Object.entries(LISTINGS[category])
    .filter(([base]) => (wanted === null || wanted === `${base}USDT`) && context.symbol(base) !== undefined)
    .map(([base, listing]) => instrument(category, base, listing));
  return envelope(0, 'OK', category === 'spot' ? { category, list } : { category, list, nextPageCursor: '' });
}
