/**
 * The simulated exchange's perp universe and its view of the market: `meta`, mark prices (the
 * model's mid), one book per coin (best bid/ask for matching, `l2Book`, `allMids`). Owns no timer:
 * a book follows the model's mid the next time it is looked at.
 *
 * Asset index = position in `meta.universe` (docs "Asset IDs": perps use the index in meta).
 * szDecimals / maxLeverage are mainnet's values from POST /info {"type":"meta"}; price decimals are
 * what "at most 5 significant figures and 6 - szDecimals decimals" (docs "Tick and lot size") allows
 * at the model's start price — the same specs src/sim/venues/hyperliquid-book.ts quotes.
 */
import type { MarketModel, SimBook } from '../market-model.js';
import { hlDecimal } from './format.js';

export interface PerpAsset {
  readonly name: string;
  readonly szDecimals: number;
  readonly maxLeverage: number;
  readonly priceDecimals: number;
}

const UNIVERSE: readonly PerpAsset[] = [
  { name: 'BTC', szDecimals: 5, maxLeverage: 40, priceDecimals: 0 },
  { name: 'ETH', szDecimals: 4, maxLeverage: 25, priceDecimals: 1 },
  { name: 'SOL', szDecimals: 2, maxLeverage: 20, priceDecimals: 2 },
  { name: 'XRP', szDecimals: 0, maxLeverage: 20, priceDecimals: 5 },
  { name: 'DOGE', szDecimals: 0, maxLeverage: 10, priceDecimals: 5 },
  { name: 'AVAX', szDecimals: 2, maxLeverage: 10, priceDecimals: 3 },
  { name: 'LINK', szDecimals: 1, maxLeverage: 10, priceDecimals: 3 },
  { name: 'HYPE', szDecimals: 2, maxLeverage: 10, priceDecimals: 3 },
];

/** Levels per side in an l2Book answer (Info endpoint, "L2 book snapshot": "at most 20 levels"). */
const BOOK_LEVELS = 20;

export interface WireMeta {
  readonly universe: ReadonlyArray<{ readonly name: string; readonly szDecimals: number; readonly maxLeverage: number; readonly marginTableId: number }>;
  readonly marginTables: ReadonlyArray<readonly [number, { readonly description: string; readonly marginTiers: ReadonlyArray<{ readonly lowerBound: string; readonly maxLeverage: number }> }]>;
  readonly collateralToken: number;
}

export interface WireLevel {
  readonly px: string;
  readonly sz: string;
  readonly n: number;
}

export interface WireL2Book {
  readonly coin: string;
  readonly time: number;
  readonly levels: readonly [readonly WireLevel[], readonly WireLevel[]];
}

export interface Bbo {
  readonly bid: number;
  readonly ask: number;
  readonly bidText: string;
  readonly askText: string;
}

interface CoinBook {
  readonly book: SimBook;
  mid: number;
}

export class SimMarket {
  readonly universe: readonly PerpAsset[];
  private readonly books = new Map<string, CoinBook>();

  constructor(private readonly model: MarketModel) {
    this.universe = UNIVERSE.filter((asset) => model.lists(asset.name));
  }

  asset(index: number): PerpAsset | undefined {
    return this.universe[index];
  }

  indexOf(coin: string): number {
    return this.universe.findIndex((asset) => asset.name === coin);
  }

  /** Mark price: the model's mid (docs "Robust price indices": mark is a median around the mid). */
  mark(coin: string): number {
    return this.model.mid(coin);
  }

  bbo(coin: string): Bbo {
    const book = this.book(coin);
    const bid = book.levels('bid', 1)[0]?.[0] ?? '0';
    const ask = book.levels('ask', 1)[0]?.[0] ?? '0';
    return { bid: Number(bid), ask: Number(ask), bidText: hlDecimal(Number(bid), 6), askText: hlDecimal(Number(ask), 6) };
  }

  /** {"type":"meta"} (Info endpoint, Perpetuals, "Retrieve perpetuals metadata"). */
  meta(): WireMeta {
    const tables = [...new Set(this.universe.map((a) => a.maxLeverage))];
    return {
      universe: this.universe.map((a) => ({ name: a.name, szDecimals: a.szDecimals, maxLeverage: a.maxLeverage, marginTableId: a.maxLeverage })),
      marginTables: tables.map((lev) => [lev, { description: '', marginTiers: [{ lowerBound: '0.0', maxLeverage: lev }] }] as const),
      collateralToken: 0,
    };
  }

  /** {"type":"allMids"}: coin -> mid of the best bid and ask. */
  allMids(): Record<string, string> {
    const mids: Record<string, string> = {};
    for (const { name } of this.universe) {
      const { bid, ask } = this.bbo(name);
      mids[name] = hlDecimal((bid + ask) / 2, 7);
    }
    return mids;
  }

  /** {"type":"l2Book","coin"}: {coin, time, levels: [bids, asks]} of {px, sz, n}; null for a coin not listed. */
  l2Book(coin: string, time: number): WireL2Book | null {
    if (this.indexOf(coin) < 0) return null;
    const book = this.book(coin);
    // n (orders at the level) is not modelled by SimBook: a small stable count stands in.
    const side = (s: 'bid' | 'ask'): WireLevel[] =>
      book.levels(s, BOOK_LEVELS).map(([px, sz], i) => ({ px: hlDecimal(Number(px), 6), sz: hlDecimal(Number(sz), 6), n: 1 + (i % 4) }));
    return { coin, time, levels: [side('bid'), side('ask')] };
  }

  private book(coin: string): SimBook {
    const mid = this.model.mid(coin);
    let entry = this.books.get(coin);
    if (!entry) {
      const asset = this.universe[this.indexOf(coin)];
      const spec = { priceDecimals: asset?.priceDecimals ?? 2, sizeDecimals: asset?.szDecimals ?? 2 };
      entry = { book: this.model.openBook('hyperliquid', coin, spec), mid };
      this.books.set(coin, entry);
    } else if (entry.mid !== mid) {
      entry.book.moveTo(mid);
      entry.mid = mid;
    }
    return entry.book;
  }
}
