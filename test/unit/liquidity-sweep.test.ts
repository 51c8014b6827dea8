/**
 * The liquidity line's arithmetic at its edges: a level exactly on a band's edge counts, sizes of
 * contract venues count in base units, a sweep takes the best prices first across venues and
 * stops at the size asked, and the automatic fill size steps through 1-2-5 at the right places.
 */
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import type { BookSide } from '../../src/book/book-side.js';
import { autoFillSize, liquidityOf } from '../../src/store/liquidity.js';

function venue(name: string, bids: [string, string][], asks: [string, string][], sizeScale?: number) {
  const book = new Book();
  book.replace(bids, asks);
  return { venue: name, bids: book.bids, asks: book.asks, ...(sizeScale !== undefined ? { sizeScale } : {}) };
}

describe('bands', () => {
  it('count a level exactly on the edge, and none past it', () => {
    // mid 100: 10 bp is 99.9 / 100.1, 100 bp is 99 / 101.
    const books = [venue('a', [['99.9', '1'], ['99.89', '2'], ['99', '4'], ['98.99', '8']], [['100.1', '1'], ['100.11', '2'], ['101', '4'], ['101.01', '8']])];
    const view = liquidityOf(books, 99.9, 100.1, 1)!;
    expect(view.bands.map((band) => [band.bps, band.bidSize, band.askSize])).toEqual([
      [10, 1, 1],
      [50, 3, 3],
      [100, 7, 7],
    ]);
  });

  it('count a contract venue in base units', () => {
    const view = liquidityOf([venue('okx', [['99.95', '300']], [['100.05', '200']], 0.01), venue('b', [['99.95', '1']], [])], 99.95, 100.05, 1)!;
    expect(view.bands[0]).toEqual({ bps: 10, bidSize: 4, askSize: 2 });
  });
});

describe('the sweep', () => {
  it('buys from the lowest asks and sells into the highest bids, across venues', () => {
    const books = [venue('a', [['99', '1'], ['97', '1']], [['101', '1'], ['103', '1']]), venue('b', [['98', '1'], ['96', '1']], [['102', '1'], ['104', '1']])];
    const view = liquidityOf(books, 99, 101, 3)!;
    expect(view.buy).toEqual({ filled: 3, averagePrice: 102, slippageBps: 200 });
    expect(view.sell).toEqual({ filled: 3, averagePrice: 98, slippageBps: 200 });
    // Two units: 99 (a) and 98 (b), not a's second level.
    expect(liquidityOf(books, 99, 101, 2)!.sell).toMatchObject({ filled: 2, averagePrice: 98.5 });
    expect(liquidityOf(books, 99, 101, 2)!.buy).toMatchObject({ filled: 2, averagePrice: 101.5 });
  });

  it('reads each deep book only as far as the fill size reaches', () => {
    const book = new Book();
    book.replace([], Array.from({ length: 5_000 }, (_, i): [string, string] => [String(100 + i), '1']));
    let reads = 0;
    const asks = {
      get depth() {
        return book.asks.depth;
      },
      priceAt: (i: number) => book.asks.priceAt(i),
      sizeAt: (i: number) => {
        reads++;
        return book.asks.sizeAt(i);
      },
    } as unknown as BookSide;
    const view = liquidityOf([{ venue: 'binance', bids: book.bids, asks }], 99, 100, 3)!;
    expect(view.buy).toMatchObject({ filled: 3, averagePrice: 101 });
    // Mid is 99.5: only the level at 100 lies within a band (100 bp), and the sweep needs three.
    expect(reads).toBe(1 + 3);
  });

  it('takes only part of the last level it needs, and nothing past the size', () => {
    const view = liquidityOf([venue('a', [['100', '1'], ['90', '100']], [['110', '1'], ['120', '100']])], 100, 110, 1.5)!;
    expect(view.buy).toEqual({ filled: 1.5, averagePrice: (110 + 0.5 * 120) / 1.5, slippageBps: expect.closeTo((((110 + 60) / 1.5 - 105) / 105) * 10_000, 9) });
    expect(view.sell!.averagePrice).toBeCloseTo((100 + 0.5 * 90) / 1.5, 12);
  });

  it('walks each venue only as deep as the size, so a venue deep in size cannot starve the others', () => {
    // Venue a's best is worse than b's second level; both must be reached.
    const a = venue('a', [], [['101', '1'], ['102', '5']]);
    const b = venue('b', [], [['100', '1'], ['101.5', '1'], ['105', '1']]);
    const view = liquidityOf([a, b], 99, 100, 3)!;
    expect(view.buy).toMatchObject({ filled: 3, averagePrice: (100 + 101 + 101.5) / 3 });
  });

  it('prices a contract venue in base units', () => {
    const view = liquidityOf([venue('okx', [['99', '100']], [['101', '100']], 0.01)], 99, 101, 0.5)!;
    expect(view.buy).toMatchObject({ filled: 0.5, averagePrice: 101 });
    expect(liquidityOf([venue('okx', [['99', '100']], [['101', '100']], 0.01)], 99, 101, 5)!.buy!.filled).toBeCloseTo(1, 12);
  });

  it('has no quote for a side with no levels, and no view without both best prices', () => {
    const view = liquidityOf([venue('a', [['99', '1']], [])], 99, 101, 1)!;
    expect(view).not.toHaveProperty('buy');
    expect(view.sell).toMatchObject({ filled: 1, averagePrice: 99 });
    expect(liquidityOf([venue('a', [], [['101', '1']])], 99, 101, 1)).not.toHaveProperty('sell');
    expect(liquidityOf([], undefined, 101, 1)).toBeUndefined();
    expect(liquidityOf([], 99, undefined, 1)).toBeUndefined();
  });

  it('sizes the fill automatically at about $100k of the mid', () => {
    const view = liquidityOf([venue('a', [['49990', '5']], [['50010', '5']])], 49_990, 50_010, undefined)!;
    expect(view.fillSize).toBe(2);
    expect(view.buy?.filled).toBe(2);
  });
});

describe('autoFillSize', () => {
  it('rounds $100k of the asset to 1, 2 or 5 times a power of ten at the midpoints', () => {
    // raw = 100 000 / mid; mantissa 1.49 -> 1, 1.5 -> 2, 3.49 -> 2, 3.5 -> 5, 7.49 -> 5, 7.5 -> 10
    const at = (raw: number): number => autoFillSize(100_000 / raw);
    expect([1.49, 1.5, 3.49, 3.5, 7.49, 7.5, 9.99].map(at)).toEqual([1, 2, 2, 5, 5, 10, 10]);
    expect([0.149, 0.151, 14.9, 15, 0.0749, 0.0751].map(at)).toEqual([0.1, 0.2, 10, 20, 0.05, 0.1]);
  });

  it('falls back to 1 for a mid that is no positive number', () => {
    for (const mid of [0, -5, Number.NaN]) expect(autoFillSize(mid)).toBe(1);
  });
});
