/**
 * Spreads a large `l2_data` snapshot over the frames that follow it, so that one frame never
 * stalls the screen. A BTC-USD snapshot is one ~5 MB frame of ~46 000 levels (notes/venues.md);
 * parsing it is one unavoidable piece of work, but building a 46 000-level book in the same tick
 * doubles the pause. So the snapshot event carries only the best HEAD_LEVELS of each side (every
 * level the screen can show, exact at once), and each following frame of the connection carries
 * up to CHUNK_LEVELS more, deepest last, until the book is whole.
 *
 * Levels an update has touched since the snapshot are never written from it again: the update
 * is newer. Prices are compared as numbers ("21921.3" in a snapshot, "21921.30" in an update).
 * Pure bookkeeping, no timer: the frames that arrive anyway (updates, heartbeats every second)
 * carry the rest, so a heartbeat that carries a part counts as market data for the stall
 * watchdog: only while a deep book fills in, a few frames after each snapshot.
 */
import type { RawLevel } from '../types.js';

/** Levels per side the snapshot event itself carries: far more than any screen shows. */
export const HEAD_LEVELS = 2_000;
/** Levels (both sides together) each following frame adds. */
export const CHUNK_LEVELS = 4_000;

interface Side {
  readonly levels: readonly RawLevel[];
  next: number;
  readonly touched: Set<number>;
}

/**
 * Levels best first. Coinbase's snapshot lists each side best first, which is also the order a
 * book takes them in fastest; a side that comes otherwise is sorted, so the head is the true top.
 */
export function bestFirst(levels: RawLevel[], descending: boolean): RawLevel[] {
  const prices = levels.map(([price]) => Number(price));
  const sorted = prices.every((price, i) => i === 0 || (descending ? prices[i - 1]! > price : prices[i - 1]! < price));
  if (sorted) return levels;
  const order = prices.map((_, i) => i).sort((a, b) => (descending ? prices[b]! - prices[a]! : prices[a]! - prices[b]!));
  return order.map((i) => levels[i]!);
}

export class SnapshotFill {
  private bids: Side | undefined;
  private asks: Side | undefined;

  /** A new snapshot, sides best first: returns what the snapshot event carries, keeps the rest. */
  start(bids: readonly RawLevel[], asks: readonly RawLevel[]): { bids: readonly RawLevel[]; asks: readonly RawLevel[] } {
    this.bids = { levels: bids, next: HEAD_LEVELS, touched: new Set() };
    this.asks = { levels: asks, next: HEAD_LEVELS, touched: new Set() };
    const head = { bids: bids.slice(0, HEAD_LEVELS), asks: asks.slice(0, HEAD_LEVELS) };
    if (bids.length <= HEAD_LEVELS && asks.length <= HEAD_LEVELS) this.clear();
    return head;
  }

  get pending(): boolean {
    return this.bids !== undefined;
  }

  /** An update applied after the snapshot: its prices are no longer the snapshot's to set. */
  touch(bids: readonly RawLevel[], asks: readonly RawLevel[]): void {
    if (!this.bids || !this.asks) return;
    for (const [price] of bids) this.bids.touched.add(Number(price));
    for (const [price] of asks) this.asks.touched.add(Number(price));
  }

  /** The next levels of the snapshot, or undefined once it is whole. */
  next(): { bids: RawLevel[]; asks: RawLevel[] } | undefined {
    if (!this.bids || !this.asks) return undefined;
    const bids = take(this.bids, CHUNK_LEVELS / 2);
    const asks = take(this.asks, CHUNK_LEVELS - bids.length);
    bids.push(...take(this.bids, CHUNK_LEVELS - bids.length - asks.length));
    if (this.bids.next >= this.bids.levels.length && this.asks.next >= this.asks.levels.length) this.clear();
    return { bids, asks };
  }

  /** The book is being rebuilt (a gap, a new connection): the rest of the snapshot is void. */
  clear(): void {
    this.bids = undefined;
    this.asks = undefined;
  }
}

function take(side: Side, count: number): RawLevel[] {
  const out: RawLevel[] = [];
  while (out.length < count && side.next < side.levels.length) {
    const level = side.levels[side.next++]!;
    if (!side.touched.has(Number(level[0]))) out.push(level);
  }
  return out;
}
