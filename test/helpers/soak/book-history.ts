/**
 * The simulators' authoritative top of book over time, per venue: every change of best bid or
 * best ask, stamped when the simulator made it. Recorded by wrapping each simulated book's
 * `moveTo` (the only thing that changes a SimBook: market steps and bursts alike), so a state the
 * book held for no time at all (one message of a 10 000-message burst) is in the history too,
 * and a client that shows it has shown something true.
 */
import type { SimBook } from '../../../src/sim/market-model.js';
import type { VenueServer } from '../../../src/sim/venue-server.js';

export interface TopOfBook {
  readonly at: number;
  readonly bid: number;
  readonly ask: number;
}

function top(book: SimBook, at: number): TopOfBook {
  const [bid] = book.levels('bid', 1);
  const [ask] = book.levels('ask', 1);
  return { at, bid: Number(bid?.[0] ?? Number.NaN), ask: Number(ask?.[0] ?? Number.NaN) };
}

export class BookHistory {
  private readonly tops = new Map<string, TopOfBook[]>();

  /** Starts recording `base` on every server; the book is opened now if no client asked yet. */
  static attach(servers: ReadonlyMap<string, VenueServer>, base: string, now: () => number = Date.now): BookHistory {
    const history = new BookHistory();
    for (const [venue, server] of servers) {
      const book = server.symbol(base)?.book;
      if (!book) throw new Error(`${venue} does not list ${base}`);
      const tops = [top(book, now())];
      history.tops.set(venue, tops);
      const moveTo = book.moveTo.bind(book);
      book.moveTo = (mid) => {
        const changes = moveTo(mid);
        const next = top(book, now());
        const last = tops[tops.length - 1]!;
        if (next.bid !== last.bid || next.ask !== last.ask) tops.push(next);
        return changes;
      };
    }
    return history;
  }

  /** A history written by hand (the checker's own tests). */
  static of(tops: Readonly<Record<string, readonly TopOfBook[]>>): BookHistory {
    const history = new BookHistory();
    for (const [venue, list] of Object.entries(tops)) history.tops.set(venue, [...list]);
    return history;
  }

  /** Every top of book the venue held at some moment in [from, to]: the one in force at `from`, and every later one. */
  heldDuring(venue: string, from: number, to: number): readonly TopOfBook[] {
    const tops = this.tops.get(venue) ?? [];
    // The last change at or before `from` (binary search: bursts make long histories).
    let low = 0;
    let high = tops.length - 1;
    let first = 0;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (tops[mid]!.at <= from) {
        first = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    const held: TopOfBook[] = [];
    for (let i = first; i < tops.length && tops[i]!.at <= to; i++) held.push(tops[i]!);
    return held;
  }
}
