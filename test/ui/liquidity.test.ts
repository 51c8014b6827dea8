/** The liquidity line's numbers, on books small enough to check by hand. */
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { autoFillSize, liquidityOf } from '../../src/store/liquidity.js';
import { screenLayout, windowStart } from '../../src/ui/layout.js';

function book(bids: Array<[string, string]>, asks: Array<[string, string]>): Book {
  const b = new Book();
  b.replace(bids, asks);
  return b;
}

describe('liquidityOf', () => {
  const a = book([['99.9', '1'], ['99', '2'], ['98', '5']], [['100.1', '1'], ['101', '2'], ['102', '5']]);
  const b = book([['99.95', '0.5']], [['100.05', '0.5'], ['100.6', '4']]);
  const books = [{ venue: 'a', bids: a.bids, asks: a.asks }, { venue: 'b', bids: b.bids, asks: b.asks }];

  it('sums size within 10, 50 and 100 bp of mid per side, across venues', () => {
    const view = liquidityOf(books, 99.95, 100.05, 2)!;
    expect(view.mid).toBe(100);
    expect(view.bands.map((band) => [band.bps, band.bidSize, band.askSize])).toEqual([
      [10, 1.5, 1.5],
      [50, 1.5, 1.5],
      [100, 3.5, 7.5],
    ]);
  });

  it('prices a fill of the size across venues, best prices first, with its cost against mid', () => {
    const view = liquidityOf(books, 99.95, 100.05, 2)!;
    // 0.5 at 100.05 (b), 1 at 100.1 (a), 0.5 at 100.6 (b)
    expect(view.buy!.averagePrice).toBeCloseTo((0.5 * 100.05 + 100.1 + 0.5 * 100.6) / 2, 10);
    expect(view.buy!.slippageBps).toBeCloseTo(((view.buy!.averagePrice - 100) / 100) * 10_000, 10);
    expect(view.sell!.filled).toBe(2);
  });

  it('says how much filled when the books are too thin', () => {
    expect(liquidityOf(books, 99.95, 100.05, 100)!.sell!.filled).toBe(8.5);
  });

  it('picks about $100k of the asset when no size is given', () => {
    expect(autoFillSize(67_250)).toBe(1);
    expect(autoFillSize(3_480)).toBe(20);
    expect(autoFillSize(0.1542)).toBe(500_000);
  });
});

describe('screenLayout', () => {
  it('classes terminals by width, leaves the last row free, and refuses below 80×24', () => {
    expect(screenLayout(80, 24)).toMatchObject({ size: 'narrow', bodyRows: 19, levels: 7 });
    expect(screenLayout(120, 40)).toMatchObject({ size: 'medium', bodyRows: 35, levels: 15 });
    expect(screenLayout(200, 60)).toMatchObject({ size: 'wide', liquidityLines: 1, bodyRows: 56 });
    expect(screenLayout(79, 24)).toBeUndefined();
    expect(screenLayout(80, 23)).toBeUndefined();
  });

  it('keeps the selected row inside the window', () => {
    for (let selected = 0; selected < 11; selected++) {
      const start = windowStart(11, 6, selected);
      expect(selected).toBeGreaterThanOrEqual(start);
      expect(selected).toBeLessThan(start + 6);
    }
  });
});
