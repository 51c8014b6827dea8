import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { mergeDepth } from '../../src/book/merge-depth.js';
import { defaultTick, groupPrice, stepTick, tickDecimals } from '../../src/book/tick.js';

describe('tick', () => {
  it('picks a tick of about a ten-thousandth of the price', () => {
    expect(defaultTick(67_250)).toBe(1);
    expect(defaultTick(3_480)).toBeCloseTo(0.1);
    expect(defaultTick(0.1542)).toBeCloseTo(0.00001);
  });

  it('steps through the 1-2-5 series both ways', () => {
    expect(stepTick(1, 1)).toBe(2);
    expect(stepTick(2, 1)).toBe(5);
    expect(stepTick(5, 1)).toBe(10);
    expect(stepTick(1, -1)).toBe(0.5);
    expect(stepTick(0.01, -1)).toBe(0.005);
    expect(tickDecimals(0.005)).toBe(3);
  });

  it('groups bids down and asks up, so a group never looks better than its levels', () => {
    expect(groupPrice(100.37, 0.5, 'bid')).toBe(100);
    expect(groupPrice(100.37, 0.5, 'ask')).toBe(100.5);
    expect(groupPrice(100.5, 0.5, 'ask')).toBe(100.5);
    expect(groupPrice(0.30000000000000004, 0.1, 'ask')).toBe(0.3);
  });
});

describe('mergeDepth', () => {
  const venue = (id: string, bids: [string, string][], asks: [string, string][]) => {
    const book = new Book();
    book.replace(bids, asks);
    return { venue: id, bids: book.bids, asks: book.asks };
  };

  it('sums venues per grouped price and keeps each venue share, largest first', () => {
    const merged = mergeDepth(
      [
        venue('binance', [['100.2', '1'], ['99.9', '2']], [['100.6', '1']]),
        venue('hyperliquid', [['100.4', '3']], [['100.8', '2'], ['101.3', '1']]),
      ],
      1,
      5,
    );
    expect(merged.bids).toEqual([
      { price: 100, size: 4, venues: [['hyperliquid', 3], ['binance', 1]] },
      { price: 99, size: 2, venues: [['binance', 2]] },
    ]);
    expect(merged.asks).toEqual([
      { price: 101, size: 3, venues: [['hyperliquid', 2], ['binance', 1]] },
      { price: 102, size: 1, venues: [['hyperliquid', 1]] },
    ]);
    expect(merged.bestBid).toBe(100.4);
    expect(merged.bestAsk).toBe(100.6);
  });

  it('returns at most the asked number of levels per side', () => {
    const bids: [string, string][] = Array.from({ length: 50 }, (_, i) => [String(1000 - i), '1']);
    const merged = mergeDepth([venue('a', bids, [])], 1, 10);
    expect(merged.bids).toHaveLength(10);
    expect(merged.bids[9]!.price).toBe(991);
    expect(merged.asks).toEqual([]);
    expect(merged.bestAsk).toBeUndefined();
  });
});
