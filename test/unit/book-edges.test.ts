/**
 * The book's edges: a side used from new (no clear() first) keeps prices and sizes aligned, bad
 * levels are refused by name, an empty book has no best price and no quoted tick, and the tick
 * arithmetic holds off the BTC-sized prices the other tests use (decimal ticks, off-series
 * ticks, prices whose product with the tick carries float noise).
 */
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { BookSide } from '../../src/book/book-side.js';
import { defaultTick, groupPrice, stepTick, tickDecimals } from '../../src/book/tick.js';

describe('BookSide from new', () => {
  it('levels inserted between others keep their own sizes and raw text', () => {
    const bids = new BookSide(true);
    bids.set(['100', '1']);
    bids.set(['98', '3']);
    bids.set(['99', '2']);
    bids.set(['97.50', '4']);
    expect(bids.top(4)).toEqual([['100', '1'], ['99', '2'], ['98', '3'], ['97.50', '4']]);
    expect([0, 1, 2, 3].map((i) => [bids.priceAt(i), bids.sizeAt(i)])).toEqual([[100, 1], [99, 2], [98, 3], [97.5, 4]]);
    bids.set(['99', '0']);
    expect(bids.top(3)).toEqual([['100', '1'], ['98', '3'], ['97.50', '4']]);
    expect(bids.depth).toBe(3);
  });

  it('refuses a negative size, naming the level', () => {
    const asks = new BookSide(false);
    expect(() => asks.set(['100', '-1'])).toThrow(new RangeError('bad level [100, -1]'));
    expect(() => asks.set(['abc', '1'])).toThrow(/bad level \[abc, 1\]/);
    expect(asks.depth).toBe(0);
  });
});

describe('Book when empty', () => {
  it('has no best prices, no quoted tick and no cross', () => {
    const book = new Book();
    expect(book.bestBid).toBeUndefined();
    expect(book.bestAsk).toBeUndefined();
    expect(book.quotedTick).toBeUndefined();
    expect(book.crossedBy).toBe(0);
  });

  it('clear() empties both sides', () => {
    const book = new Book();
    book.replace([['100', '1']], [['101', '1']]);
    book.clear();
    expect(book.topBids(5)).toEqual([]);
    expect(book.topAsks(5)).toEqual([]);
    expect(book.bestAsk).toBeUndefined();
  });

  it('a quoted tick follows the best ask as written', () => {
    const book = new Book();
    book.replace([], [['0.00123', '1']]);
    expect(book.quotedTick).toBeCloseTo(0.00001, 15);
    book.replace([], [['67251', '1']]);
    expect(book.quotedTick).toBe(1);
    book.replace([], [['.5', '1']]);
    expect(book.quotedTick).toBeCloseTo(0.1, 15);
  });
});

describe('ticks', () => {
  it('a price that is no positive number gets the 0.01 fallback', () => {
    for (const price of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(defaultTick(price)).toBe(0.01);
  });

  it('steps through the 1-2-5 series on decimal ticks, both ways', () => {
    const up = [0.001];
    while (up.length < 7) up.push(stepTick(up.at(-1)!, 1));
    expect(up).toEqual([0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]);
    const down = [0.1];
    while (down.length < 7) down.push(stepTick(down.at(-1)!, -1));
    expect(down).toEqual([0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001]);
  });

  it('a tick off the series steps as if it were the series\' 1', () => {
    expect(stepTick(3, 1)).toBe(2);
    expect(stepTick(0.3, 1)).toBe(0.2);
  });

  it('prints as many decimals as the tick has', () => {
    expect([100, 1, 0.5, 0.1, 0.01, 0.00001].map(tickDecimals)).toEqual([0, 0, 1, 1, 2, 5]);
  });

  it('a grouped price is the tick multiple itself, without the product\'s float noise', () => {
    // 1000002 × 0.1 is 100000.20000000001 in doubles.
    expect(groupPrice(100_000.2, 0.1, 'bid')).toBe(100_000.2);
    expect(groupPrice(10_000.05, 0.01, 'ask')).toBe(10_000.05);
    expect(groupPrice(50_000.1, 0.05, 'bid')).toBe(50_000.1);
  });
});
