/**
 * An L2 book: two sorted sides. It knows nothing of sequence ids or venues; the feed decides
 * what to apply and when the book is trusted.
 */
import { BookSide, type LevelTuple } from './book-side.js';

export class Book {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);

  /** Venues send snapshots best-first; set in reverse, each level lands at the best end. */
  replace(bids: readonly LevelTuple[], asks: readonly LevelTuple[]): void {
    this.bids.clear();
    this.asks.clear();
    for (let i = bids.length - 1; i >= 0; i--) this.bids.set(bids[i]![0], bids[i]![1]);
    for (let i = asks.length - 1; i >= 0; i--) this.asks.set(asks[i]![0], asks[i]![1]);
  }

  apply(bids: readonly LevelTuple[], asks: readonly LevelTuple[]): void {
    for (let i = 0; i < bids.length; i++) this.bids.set(bids[i]![0], bids[i]![1]);
    for (let i = 0; i < asks.length; i++) this.asks.set(asks[i]![0], asks[i]![1]);
  }

  /** Keep the best `n` levels a side: venues with a fixed depth expect clients to drop the rest. */
  truncate(n: number): void {
    this.bids.truncate(n);
    this.asks.truncate(n);
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }

  topBids(n: number): LevelTuple[] {
    return this.bids.top(n);
  }

  topAsks(n: number): LevelTuple[] {
    return this.asks.top(n);
  }

  get bestBid(): number | undefined {
    return this.bids.depth > 0 ? this.bids.priceAt(0) : undefined;
  }

  get bestAsk(): number | undefined {
    return this.asks.depth > 0 ? this.asks.priceAt(0) : undefined;
  }

  /** A crossed book (best bid >= best ask) cannot be real: the feed treats it as corrupt. */
  get crossed(): boolean {
    const bid = this.bestBid;
    const ask = this.bestAsk;
    return bid !== undefined && ask !== undefined && bid >= ask;
  }
}
