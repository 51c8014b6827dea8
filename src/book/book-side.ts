/**
 * One side of an order book: levels kept sorted best-first in parallel arrays, found by binary
 * search. Prices are parsed once; the venue's raw strings are kept because checksums hash them.
 * Pure arithmetic: no time, no I/O, no venue names.
 */

export type LevelTuple = readonly [price: string, size: string];

export class BookSide {
  private prices: number[] = [];
  private sizes: number[] = [];
  private rawPrices: string[] = [];
  private rawSizes: string[] = [];

  /** `descending` for bids (best = highest), ascending for asks. */
  constructor(readonly descending: boolean) {}

  get depth(): number {
    return this.prices.length;
  }

  clear(): void {
    this.prices = [];
    this.sizes = [];
    this.rawPrices = [];
    this.rawSizes = [];
  }

  /** Set a level; a zero size removes it (removing an absent level is normal and harmless). */
  set(rawPrice: string, rawSize: string): void {
    const price = Number(rawPrice);
    const size = Number(rawSize);
    if (!Number.isFinite(price) || !Number.isFinite(size) || size < 0) {
      throw new RangeError(`bad level [${rawPrice}, ${rawSize}]`);
    }
    const index = this.search(price);
    const found = index < this.prices.length && this.prices[index] === price;
    if (size === 0) {
      if (found) this.removeAt(index);
      return;
    }
    if (found) {
      this.sizes[index] = size;
      this.rawSizes[index] = rawSize;
      this.rawPrices[index] = rawPrice;
      return;
    }
    this.prices.splice(index, 0, price);
    this.sizes.splice(index, 0, size);
    this.rawPrices.splice(index, 0, rawPrice);
    this.rawSizes.splice(index, 0, rawSize);
  }

  priceAt(index: number): number {
    return this.prices[index] ?? Number.NaN;
  }

  sizeAt(index: number): number {
    return this.sizes[index] ?? Number.NaN;
  }

  /** The best `n` levels as the venue wrote them. */
  top(n: number): LevelTuple[] {
    const count = Math.min(n, this.prices.length);
    const out: LevelTuple[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = [this.rawPrices[i]!, this.rawSizes[i]!];
    return out;
  }

  /** Keep only the best `n` levels (venues that send a fixed depth drop the rest). */
  truncate(n: number): void {
    if (this.prices.length <= n) return;
    this.prices.length = n;
    this.sizes.length = n;
    this.rawPrices.length = n;
    this.rawSizes.length = n;
  }

  /** First index whose price is not better than `price` (insertion point). */
  private search(price: number): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = this.prices[mid]!;
      const better = this.descending ? p > price : p < price;
      if (better) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private removeAt(index: number): void {
    this.prices.splice(index, 1);
    this.sizes.splice(index, 1);
    this.rawPrices.splice(index, 1);
    this.rawSizes.splice(index, 1);
  }
}
