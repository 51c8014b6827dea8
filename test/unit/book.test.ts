import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';

describe('Book', () => {
  it('keeps bids descending and asks ascending, whatever order levels arrive in', () => {
    const book = new Book();
    book.replace(
      [['100.5', '1'], ['101', '2'], ['99', '3']],
      [['103', '1'], ['102', '4'], ['104.25', '5']],
    );
    expect(book.topBids(3)).toEqual([['101', '2'], ['100.5', '1'], ['99', '3']]);
    expect(book.topAsks(3)).toEqual([['102', '4'], ['103', '1'], ['104.25', '5']]);
    expect(book.bestBid).toBe(101);
    expect(book.bestAsk).toBe(102);
  });

  it('updates, removes with size zero, and ignores removal of an absent level', () => {
    const book = new Book();
    book.replace([['10', '1'], ['9', '1']], [['11', '1']]);
    book.apply([['10', '5'], ['9', '0'], ['8', '0']], [['11', '0.00000000'], ['12', '2']]);
    expect(book.topBids(5)).toEqual([['10', '5']]);
    expect(book.topAsks(5)).toEqual([['12', '2']]);
  });

  it('matches prices numerically but keeps the latest raw strings for checksums', () => {
    const book = new Book();
    book.replace([['65000.10', '1.0']], []);
    book.apply([['65000.1', '2.50']], []);
    expect(book.topBids(1)).toEqual([['65000.1', '2.50']]);
    expect(book.bids.depth).toBe(1);
  });

  it('agrees with a naive model over many random operations', () => {
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const book = new Book();
    const model = new Map<number, string>();
    for (let i = 0; i < 5000; i++) {
      const price = (1000 + Math.floor(random() * 200)) / 10;
      const size = random() < 0.3 ? '0' : (random() * 10).toFixed(3);
      book.apply([[String(price), size]], []);
      if (Number(size) === 0) model.delete(price);
      else model.set(price, size);
    }
    const expected = [...model.entries()].sort((a, b) => b[0] - a[0]).map(([p, s]) => [String(p), s]);
    expect(book.topBids(1000)).toEqual(expected);
  });

  it('agrees with a naive model on both sides through snapshots, deltas and truncation', () => {
    let seed = 777;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const level = (): [string, string] => [((1000 + Math.floor(random() * 400)) / 10).toFixed(1), random() < 0.3 ? '0' : (random() * 10).toFixed(3)];
    const book = new Book();
    const model = { bids: new Map<number, [string, string]>(), asks: new Map<number, [string, string]>() };
    const sorted = (side: 'bids' | 'asks'): Array<[string, string]> =>
      [...model[side].entries()].sort((a, b) => (side === 'bids' ? b[0] - a[0] : a[0] - b[0])).map(([, raw]) => raw);
    const put = (side: 'bids' | 'asks', [price, size]: [string, string]): void => {
      if (Number(size) === 0) model[side].delete(Number(price));
      else model[side].set(Number(price), [price, size]);
    };
    for (let i = 0; i < 3000; i++) {
      const roll = random();
      if (roll < 0.01) {
        model.bids.clear();
        model.asks.clear();
        const bids = Array.from({ length: 30 }, level).filter(([, size]) => size !== '0');
        const asks = Array.from({ length: 30 }, level).filter(([, size]) => size !== '0');
        for (const l of bids) put('bids', l);
        for (const l of asks) put('asks', l);
        book.replace(sorted('bids'), sorted('asks'));
      } else if (roll < 0.02) {
        const n = Math.floor(random() * 20);
        book.truncate(n);
        for (const side of ['bids', 'asks'] as const) {
          const keep = new Set(sorted(side).slice(0, n).map(([price]) => Number(price)));
          for (const price of [...model[side].keys()]) if (!keep.has(price)) model[side].delete(price);
        }
      } else {
        const bid = level();
        const ask = level();
        book.apply([bid], [ask]);
        put('bids', bid);
        put('asks', ask);
      }
      expect(book.bestBid).toBe(sorted('bids')[0] === undefined ? undefined : Number(sorted('bids')[0]![0]));
    }
    expect(book.topBids(1000)).toEqual(sorted('bids'));
    expect(book.topAsks(1000)).toEqual(sorted('asks'));
    expect(book.asks.priceAt(book.asks.depth - 1)).toBe(Number(sorted('asks').at(-1)![0]));
    expect(book.asks.sizeAt(book.asks.depth)).toBeNaN();
  });

  it('refuses a level that is not a number instead of corrupting the side', () => {
    const book = new Book();
    expect(() => book.apply([['abc', '1']], [])).toThrow(RangeError);
    expect(book.bids.depth).toBe(0);
  });

  it('says by how much the book is crossed, and its quoted tick', () => {
    const book = new Book();
    book.replace([['10.00', '1']], [['11.00', '1']]);
    expect(book.crossedBy).toBe(0);
    expect(book.quotedTick).toBeCloseTo(0.01, 12);
    book.apply([['11.00', '1']], []);
    expect(book.crossedBy).toBe(0);
    book.apply([['12.50', '1']], []);
    expect(book.crossedBy).toBeCloseTo(1.5, 12);
    book.replace([], [['67251', '1']]);
    expect(book.quotedTick).toBe(1);
  });
});
