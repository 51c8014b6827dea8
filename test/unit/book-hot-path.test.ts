/**
 * The book's hot-path promises, which hold the frame and ingest costs down: parseDecimal reads the
 * short decimals venues send itself, without handing them to Number() (decimal.ts: about twice as
 * fast, and every price and size goes through it), and mergeDepth reads each venue's book only as
 * deep as the ladder it builds (a Binance snapshot holds 5000 levels a side; the ladder shows 30).
 * Both results are checked by other tests; these count the work.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Book } from '../../src/book/book.js';
import type { BookSide } from '../../src/book/book-side.js';
import { parseDecimal } from '../../src/book/decimal.js';
import { mergeDepth } from '../../src/book/merge-depth.js';

describe('parseDecimal', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads the decimals venues send without falling back to Number()', () => {
    const texts = ['68674.0', '0.35130000', '0', '10', '9', '0.00001', '123456789.012345', '99999.9999', '5.', '.5'];
    const expected = texts.map((text) => Number(text));
    const fallback = vi.spyOn(globalThis, 'Number');
    const parsed = texts.map((text) => parseDecimal(text));
    const calls = fallback.mock.calls.length;
    vi.restoreAllMocks();
    expect(parsed).toEqual(expected);
    expect(calls).toBe(0);
  });

  it('hands anything else to Number()', () => {
    const texts = ['', '.', '-1', '1e5', '1234567890123456', '1.2.3'];
    const fallback = vi.spyOn(globalThis, 'Number');
    for (const text of texts) parseDecimal(text);
    const calls = fallback.mock.calls.map(([text]) => text);
    vi.restoreAllMocks();
    expect(calls).toEqual(texts);
  });
});

/** A book side that counts the levels read from it. */
function counted(side: BookSide): { side: BookSide; reads: () => number } {
  let reads = 0;
  const view = {
    get depth() {
      return side.depth;
    },
    priceAt: (i: number) => {
      reads++;
      return side.priceAt(i);
    },
    sizeAt: (i: number) => side.sizeAt(i),
  };
  return { side: view as unknown as BookSide, reads: () => reads };
}

describe('mergeDepth', () => {
  it("reads a deep book only as far as the ladder's groups go, and one level past", () => {
    const book = new Book();
    const levels = Array.from({ length: 5_000 }, (_, i): [string, string] => [(10_000 - i * 0.5).toFixed(1), '1']);
    book.replace(levels, []);
    const bids = counted(book.bids);
    const merged = mergeDepth([{ venue: 'binance', bids: bids.side, asks: book.asks }], 1, 30);
    expect(merged.bids).toHaveLength(30);
    expect(merged.bids[29]).toMatchObject({ price: 9_971, size: 2 });
    // The top group (10000) holds one level and the next 29 two each: 59 levels, then the first
    // level of the 31st group, which ends the walk, and the best bid read once more for bestBid.
    expect(bids.reads()).toBe(61);
  });
});
