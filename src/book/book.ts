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
    for (let i = bids.length - 1; i >= 0; i--) this.bids.set(bids[i]!);
    for (let i = asks.length - 1; i >= 0; i--) this.asks.set(asks[i]!);
  }

  apply(bids: readonly LevelTuple[], asks: readonly LevelTuple[]): void {
    for (let i = 0; i < bids.length; i++) this.bids.set(bids[i]!);
    for (let i = 0; i < asks.length; i++) this.asks.set(asks[i]!);
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

  /**
   * How far the best bid stands above the best ask (0 when not crossed). One venue's own book
   * cannot cross: its matching engine would have traded. The sync rules treat a cross of more
   * than a tick as corruption (a cross by a tick can be two sides' updates landing apart).
   */
  get crossedBy(): number {
    const bid = this.bestBid;
    const ask = this.bestAsk;
    return bid !== undefined && ask !== undefined && bid > ask ? bid - ask : 0;
  }

  /** The price step of the best ask as the venue wrote it ("67251.04" -> 0.01), when there is one. */
  get quotedTick(): number | undefined {
    const [raw] = this.asks.top(1)[0] ?? [];
    if (raw === undefined) return undefined;
    const point = raw.indexOf('.');
    return point < 0 ? 1 : 10 ** -(raw.length - point - 1);
  }
}
