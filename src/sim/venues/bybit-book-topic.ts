/**
 * One simulated Bybit `orderbook.{depth}.{symbol}` topic: the top `depth` levels per side as last
 * published, and its Update ID `u`, shared by every connection subscribed to it as on the real
 * venue. Each move of the book becomes at most one delta: levels that changed or entered the top
 * carry their size, levels that left it carry "0" ("If you receive an amount that is 0, delete the
 * entry"); a move that changes nothing in the top is not published and leaves `u` alone.
 *
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook ("Process snapshot/delta")
 */
import type { LevelChange, Side } from '../market-model.js';
import type { SimSymbol } from '../venue-server.js';
import { WIRE_LEVELS_BEST_FIRST } from '../best-first.js';

export type WireLevel = [price: string, size: string];

/** What a push carries: bids best first, asks best first, the topic's `u`, the book's cross sequence. */
export interface TopicPush {
  readonly b: WireLevel[];
  readonly a: WireLevel[];
  readonly u: number;
  readonly seq: number;
}

export class BookTopic {
  private bids = new Map<string, string>();
  private asks = new Map<string, string>();
  /** The simulator book's update id the view was taken at (-1: never). */
  private bookSeq = -1;
  /** The delta made for `bookSeq`, if that move changed the top. */
  private lastDelta: TopicPush | undefined;
  private u: number;

  constructor(
    readonly depth: number,
    private readonly state: SimSymbol,
  ) {
    // Any id will do but 1, which tells clients the service restarted.
    this.u = 1_000 + state.seq;
  }

  /**
   * The delta for the book as it is now, or undefined if its top did not change; made once per
   * move. `move` is the move that led here: a side none of whose changes reaches its full top is
   * left as it is (a burst is 10 000 moves, and most of a move happens far from the top).
   */
  delta(move?: { readonly changes: readonly LevelChange[]; readonly firstSeq: number }): TopicPush | undefined {
    if (this.bookSeq === this.state.seq) return this.lastDelta;
    const known = move !== undefined && move.firstSeq === this.bookSeq + 1;
    const b = !known || this.reaches('bid', move.changes) ? this.refresh('bid') : [];
    const a = !known || this.reaches('ask', move.changes) ? this.refresh('ask') : [];
    this.bookSeq = this.state.seq;
    this.lastDelta = b.length + a.length > 0 ? { b, a, u: ++this.u, seq: this.state.seq } : undefined;
    return this.lastDelta;
  }

  /** The whole top as a new subscriber gets it, at the current `u`. */
  snapshot(): TopicPush {
    this.delta();
    return { b: [...this.bids].sort(WIRE_LEVELS_BEST_FIRST.bid), a: [...this.asks].sort(WIRE_LEVELS_BEST_FIRST.ask), u: this.u, seq: this.state.seq };
  }

  /** Whether a change on `side` is at or inside the published top, or the top is not full. */
  private reaches(side: Side, changes: readonly LevelChange[]): boolean {
    const view = side === 'bid' ? this.bids : this.asks;
    if (view.size < this.depth) return true;
    let worst = side === 'bid' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    for (const price of view.keys()) worst = side === 'bid' ? Math.min(worst, Number(price)) : Math.max(worst, Number(price));
    for (const change of changes) {
      if (change.side === side && (side === 'bid' ? Number(change.price) >= worst : Number(change.price) <= worst)) return true;
    }
    return false;
  }

  /** Takes the side's top anew and returns what changed in it. */
  private refresh(side: Side): WireLevel[] {
    const after = new Map(this.state.book.levels(side, this.depth));
    const changes = diff(side === 'bid' ? this.bids : this.asks, after, side);
    if (side === 'bid') this.bids = after;
    else this.asks = after;
    return changes;
  }
}

function diff(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, side: Side): WireLevel[] {
  const changes: WireLevel[] = [];
  for (const [price, size] of after) if (before.get(price) !== size) changes.push([price, size]);
  for (const price of before.keys()) if (!after.has(price)) changes.push([price, '0']);
  return changes.sort(WIRE_LEVELS_BEST_FIRST[side]);
}
