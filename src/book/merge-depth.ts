/**
 * The merged ladder: every venue's book grouped on one tick and summed per price, with the
 * share of each venue kept so the screen can say where the liquidity sits.
 */
import type { BookSide } from './book-side.js';
import { groupPrice } from './tick.js';

export interface VenueBookSides {
  readonly venue: string;
  readonly bids: BookSide;
  readonly asks: BookSide;
  /** Base units per unit of the venue's size (a contract's value); 1 when omitted. */
  readonly sizeScale?: number;
}

export interface MergedLevel {
  readonly price: number;
  readonly size: number;
  /** Size per venue at this grouped price, largest first. */
  readonly venues: ReadonlyArray<readonly [venue: string, size: number]>;
}

export interface MergedDepth {
  /** Best first: asks ascending, bids descending. */
  readonly asks: readonly MergedLevel[];
  readonly bids: readonly MergedLevel[];
  readonly bestBid?: number;
  readonly bestAsk?: number;
}

export function mergeDepth(books: readonly VenueBookSides[], tick: number, levels: number): MergedDepth {
  const bids = mergeSide(books, 'bid', tick, levels);
  const asks = mergeSide(books, 'ask', tick, levels);
  return { bids, asks, bestBid: bestOf(books, 'bid'), bestAsk: bestOf(books, 'ask') };
}

function mergeSide(books: readonly VenueBookSides[], side: 'bid' | 'ask', tick: number, levels: number): MergedLevel[] {
  const grouped = new Map<number, Map<string, number>>();
  for (const book of books) {
    const bookSide = side === 'bid' ? book.bids : book.asks;
    const scale = book.sizeScale ?? 1;
    let groupsSeen = 0;
    let lastGroup = Number.NaN;
    // Walk best-first and stop once this venue has filled `levels` groups: deeper levels
    // cannot reach the top of the merged ladder.
    for (let i = 0; i < bookSide.depth; i++) {
      const price = groupPrice(bookSide.priceAt(i), tick, side);
      if (price !== lastGroup) {
        if (++groupsSeen > levels) break;
        lastGroup = price;
      }
      let perVenue = grouped.get(price);
      if (!perVenue) grouped.set(price, (perVenue = new Map()));
      perVenue.set(book.venue, (perVenue.get(book.venue) ?? 0) + bookSide.sizeAt(i) * scale);
    }
  }
  const prices = [...grouped.keys()].sort(side === 'bid' ? descending : ascending).slice(0, levels);
  // Per frame: loops and module-level comparators, no callbacks made anew (see FrameClock.ladder).
  const merged: MergedLevel[] = [];
  for (const price of prices) {
    const venues = [...grouped.get(price)!.entries()].sort(largestFirst);
    let size = 0;
    for (const [, venueSize] of venues) size += venueSize;
    merged.push({ price, size, venues });
  }
  return merged;
}

function ascending(a: number, b: number): number {
  return a - b;
}

function descending(a: number, b: number): number {
  return b - a;
}

function largestFirst(a: readonly [string, number], b: readonly [string, number]): number {
  return b[1] - a[1];
}

function bestOf(books: readonly VenueBookSides[], side: 'bid' | 'ask'): number | undefined {
  let best: number | undefined;
  for (const book of books) {
    const bookSide = side === 'bid' ? book.bids : book.asks;
    if (bookSide.depth === 0) continue;
    const price = bookSide.priceAt(0);
    if (best === undefined || (side === 'bid' ? price > best : price < best)) best = price;
  }
  return best;
}
