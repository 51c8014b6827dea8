/**
 * One side of an order book: levels kept sorted in parallel arrays, found by binary search.
 * Prices and sizes are parsed once; each level's tuple is kept as the venue sent it, because
 * checksums hash its text (and keeping the tuple is one array to move, not two strings).
 * Pure arithmetic: no time, no I/O, no venue names.
 *
 * The arrays run worst-first, best at the end: nearly every change lands near the best price,
 * and an insert or removal there moves only the few levels above it instead of the whole side
 * (a Binance snapshot holds 5000 levels a side). Index `i` of the public API (0 = best) is
 * array slot `length - 1 - i`.
 */

import { parseDecimal } from './decimal.js';

export type LevelTuple = readonly [price: string, size: string];

export class BookSide {
  private prices: number[] = [];
  private sizes: number[] = [];
  private levels: LevelTuple[] = [];

  /** `descending` for bids (best = highest), ascending for asks. */
  constructor(readonly descending: boolean) {}

  get depth(): number {
    return this.prices.length;
  }

  clear(): void {
    this.prices = [];
    this.sizes = [];
    this.levels = [];
  }

  /**
   * Set a level; a zero size removes it (removing an absent level is normal and harmless). The
   * tuple is kept and handed back by top(): callers never change it afterwards (it is readonly).
   */
  set(level: LevelTuple): void {
    const [rawPrice, rawSize] = level;
    const price = parseDecimal(rawPrice);
    const size = parseDecimal(rawSize);
    if (!Number.isFinite(price) || !Number.isFinite(size) || size < 0) {
      throw new RangeError(`bad level [${rawPrice}, ${rawSize}]`);
    }
    const { prices } = this;
    const length = prices.length;
    // Book.replace feeds a snapshot worst-first, so each level is better than all so far.
    const slot = length === 0 || this.better(price, prices[length - 1]!) ? length : this.search(price);
    const found = slot < length && prices[slot] === price;
    if (size === 0) {
      if (found) this.removeAt(slot);
      return;
    }
    if (found) {
      this.sizes[slot] = size;
      this.levels[slot] = level;
      return;
    }
    if (slot === length) {
      prices.push(price);
      this.sizes.push(size);
      this.levels.push(level);
      return;
    }
    prices.splice(slot, 0, price);
    this.sizes.splice(slot, 0, size);
    this.levels.splice(slot, 0, level);
  }

  priceAt(index: number): number {
    return this.prices[this.prices.length - 1 - index] ?? Number.NaN;
  }

  sizeAt(index: number): number {
    return this.sizes[this.sizes.length - 1 - index] ?? Number.NaN;
  }

  /** The best `n` levels as the venue wrote them (the tuples set() was given). */
  top(n: number): LevelTuple[] {
    const last = this.prices.length - 1;
    const count = Math.min(n, this.prices.length);
    const out: LevelTuple[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = this.levels[last - i]!;
    return out;
  }

  /** Keep only the best `n` levels (venues that send a fixed depth drop the rest). */
  truncate(n: number): void {
    const excess = this.prices.length - Math.max(0, n);
    if (excess <= 0) return;
    this.prices.splice(0, excess);
    this.sizes.splice(0, excess);
    this.levels.splice(0, excess);
  }

  /** `a` is a better price than `b` on this side. */
  private better(a: number, b: number): boolean {
    return this.descending ? a > b : a < b;
  }

  /** First slot whose price is not worse than `price` (insertion point, worst-first order). */
  private search(price: number): number {
    const { prices, descending } = this;
    let lo = 0;
    let hi = prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = prices[mid]!;
      if (descending ? p < price : p > price) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private removeAt(slot: number): void {
    if (slot === this.prices.length - 1) {
      this.prices.pop();
      this.sizes.pop();
      this.levels.pop();
      return;
    }
    this.prices.splice(slot, 1);
    this.sizes.splice(slot, 1);
    this.levels.splice(slot, 1);
  }
}
