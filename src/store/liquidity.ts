/**
 * What a trader asks before hitting the market: how much size sits within 10, 50 and 100 basis
 * points of mid on each side of the merged book, and what a market order of the fill size would
 * pay on average, and how far from mid (slippage) — across every venue in sync, as if one order
 * could sweep them all.
 */
import type { VenueBookSides } from '../book/merge-depth.js';
import type { BookSide } from '../book/book-side.js';

export const LIQUIDITY_BANDS_BPS = [10, 50, 100] as const;

/** The automatic fill size is about this much quote currency at the mid. */
const AUTO_FILL_NOTIONAL = 100_000;

export interface LiquidityBand {
  readonly bps: number;
  readonly bidSize: number;
  readonly askSize: number;
}

export interface FillQuote {
  /** Size the books could fill: less than asked when they are too thin. */
  readonly filled: number;
  readonly averagePrice: number;
  /** What the average price costs against mid, in basis points (negative only across a crossed book). */
  readonly slippageBps: number;
}

export interface LiquidityView {
  readonly mid: number;
  readonly bands: readonly LiquidityBand[];
  readonly fillSize: number;
  readonly buy?: FillQuote;
  readonly sell?: FillQuote;
}

export function liquidityOf(books: readonly VenueBookSides[], bestBid: number | undefined, bestAsk: number | undefined, fillSize: number | undefined): LiquidityView | undefined {
  if (bestBid === undefined || bestAsk === undefined) return undefined;
  const mid = (bestBid + bestAsk) / 2;
  const size = fillSize ?? autoFillSize(mid);
  // Per frame: loops and module-level comparators, no callbacks made anew (see FrameClock.ladder).
  const bands: LiquidityBand[] = [];
  for (const bps of LIQUIDITY_BANDS_BPS) {
    bands.push({ bps, bidSize: sizeWithin(books, 'bid', mid * (1 - bps / 10_000)), askSize: sizeWithin(books, 'ask', mid * (1 + bps / 10_000)) });
  }
  const buy = fill(books, 'ask', size, mid);
  const sell = fill(books, 'bid', size, mid);
  return { mid, bands, fillSize: size, ...(buy ? { buy } : {}), ...(sell ? { sell } : {}) };
}

/** About $100k at this price, rounded to 1, 2 or 5 times a power of ten (1 BTC, 20 ETH, 500k DOGE). */
export function autoFillSize(mid: number): number {
  if (!(mid > 0)) return 1;
  const raw = AUTO_FILL_NOTIONAL / mid;
  const exponent = Math.floor(Math.log10(raw));
  const mantissa = raw / 10 ** exponent;
  const step = mantissa < 1.5 ? 1 : mantissa < 3.5 ? 2 : mantissa < 7.5 ? 5 : 10;
  return Number((step * 10 ** exponent).toPrecision(6));
}

function sideOf(book: VenueBookSides, side: 'bid' | 'ask'): BookSide {
  return side === 'bid' ? book.bids : book.asks;
}

function sizeWithin(books: readonly VenueBookSides[], side: 'bid' | 'ask', limit: number): number {
  let total = 0;
  for (const book of books) {
    const levels = sideOf(book, side);
    const scale = book.sizeScale ?? 1;
    for (let i = 0; i < levels.depth; i++) {
      const price = levels.priceAt(i);
      if (side === 'bid' ? price < limit : price > limit) break;
      total += levels.sizeAt(i) * scale;
    }
  }
  return total;
}

/** Sweep the best prices across venues until `size` is filled. */
function fill(books: readonly VenueBookSides[], side: 'bid' | 'ask', size: number, mid: number): FillQuote | undefined {
  // No venue can contribute more than `size`, so each is walked only that far.
  const levels: Array<[price: number, size: number]> = [];
  for (const book of books) {
    const bookSide = sideOf(book, side);
    const scale = book.sizeScale ?? 1;
    let taken = 0;
    for (let i = 0; i < bookSide.depth && taken < size; i++) {
      const levelSize = bookSide.sizeAt(i) * scale;
      levels.push([bookSide.priceAt(i), levelSize]);
      taken += levelSize;
    }
  }
  if (levels.length === 0) return undefined;
  levels.sort(side === 'ask' ? lowestPriceFirst : highestPriceFirst);
  let filled = 0;
  let cost = 0;
  for (const [price, available] of levels) {
    const take = Math.min(available, size - filled);
    filled += take;
    cost += take * price;
    if (filled >= size) break;
  }
  const averagePrice = cost / filled;
  const slippageBps = ((side === 'ask' ? averagePrice - mid : mid - averagePrice) / mid) * 10_000;
  return { filled, averagePrice, slippageBps };
}

type PricedSize = readonly [price: number, size: number];

function lowestPriceFirst(a: PricedSize, b: PricedSize): number {
  return a[0] - b[0];
}

function highestPriceFirst(a: PricedSize, b: PricedSize): number {
  return b[0] - a[0];
}
