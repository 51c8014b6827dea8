/**
 * The frame clock: the only writer of market data into the store. At most `fps` times a second
 * it asks the feeds what changed since the last frame (version counters), rebuilds only what
 * did, and writes the store only when the printed view would differ: a quiet market costs no
 * render at all.
 */
import { mergeDepth, type VenueBookSides } from '../book/merge-depth.js';
import { defaultTick } from '../book/tick.js';
import type { FeedView } from './feed-view.js';
import type { AppState, AppStore, LadderView, SwitchingView, VenueRow } from './app-store.js';
import type { PositionsView } from '../hyperliquid/positions-view.js';
import { venueRow, sameRows } from './selectors.js';
import { liquidityOf } from './liquidity.js';

export interface FrameSource {
  readonly symbol: string;
  readonly feeds: readonly FeedView[];
  readonly switching?: SwitchingView;
  /** Immutable: a new object means new positions. */
  readonly positions?: PositionsView;
}

export interface FrameClockOptions {
  readonly store: AppStore;
  readonly source: () => FrameSource;
  /** Frames per second; capped at 20. */
  readonly fps?: number;
  readonly now?: () => number;
}

export class FrameClock {
  private timer: NodeJS.Timeout | undefined;
  private ladderKey = '';
  private autoTick: { symbol: string; tick: number } | undefined;
  private readonly now: () => number;

  constructor(private readonly options: FrameClockOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    const fps = Math.min(20, Math.max(1, this.options.fps ?? 10));
    this.timer = setInterval(() => this.tick(), Math.round(1000 / fps));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One frame. Public so tests (and `--json`) can drive frames without a timer. */
  tick(): void {
    const { store } = this.options;
    const { symbol, feeds, switching, positions } = this.options.source();
    const state = store.getState();
    const now = this.now();
    const rows: VenueRow[] = [];
    for (const feed of feeds) rows.push(venueRow(feed, now));
    const venuesChanged = !sameRows(state.venues, rows);
    const switchingChanged = !sameSwitching(state.switching, switching);
    const ladder = this.ladder(symbol, feeds, rows, state);
    const positionsChanged = positions !== state.positions;
    if (!venuesChanged && !switchingChanged && !positionsChanged && ladder === undefined && state.symbol === symbol) return;
    // One write: the new symbol, its rows and its ladder appear in the same frame.
    store.setState({
      symbol,
      ...(venuesChanged ? { venues: rows } : {}),
      ...(switchingChanged ? { switching } : {}),
      ...(positionsChanged ? { positions } : {}),
      ...(ladder !== undefined ? { ladder } : {}),
    });
  }

  /**
   * The ladder of the symbol on screen when any of its inputs changed, else undefined.
   * Loops rather than array callbacks: this runs every frame, and V8 keeps a callback's optimized
   * code only while a closure of it lives, so one made anew each frame is optimized again after
   * every full collection (hundreds of compiles a minute). `rows` are this frame's rows of
   * `feeds`, in the same order: their state and price decimals are not read twice.
   */
  private ladder(symbol: string, feeds: readonly FeedView[], rows: readonly VenueRow[], state: AppState): LadderView | undefined {
    const { tickOverride, depth, fillSize, omitted } = state;
    // Only books in sync and current: a stale venue's levels may be seconds old, so they leave at once.
    const synced: FeedView[] = [];
    let decimals = -1;
    for (let i = 0; i < feeds.length; i++) {
      const feed = feeds[i]!;
      const row = rows[i]!;
      if (!feed.synced || row.state !== 'live' || omitted.includes(row.id)) continue;
      synced.push(feed);
      decimals = Math.max(decimals, row.priceDecimals ?? -1);
    }
    const tick = tickOverride ?? this.defaultTickFor(symbol, synced);
    let key = `${symbol}|${tick}|${depth}|${fillSize}|`;
    for (const feed of synced) key += `${feed.adapter.id}:${feed.version},`;
    if (key === this.ladderKey) return undefined;
    this.ladderKey = key;
    const books: VenueBookSides[] = [];
    const included: string[] = [];
    for (const feed of synced) {
      books.push({ venue: feed.adapter.id, bids: feed.book.bids, asks: feed.book.asks, sizeScale: feed.sizeScale });
      included.push(feed.adapter.id);
    }
    const merged = mergeDepth(books, tick, depth);
    const liquidity = liquidityOf(books, merged.bestBid, merged.bestAsk, fillSize);
    return {
      symbol,
      tick,
      ...merged,
      included,
      ...(decimals >= 0 ? { finestTick: Number((10 ** -decimals).toFixed(decimals)) } : {}),
      ...(liquidity ? { liquidity } : {}),
    };
  }

  /** The automatic tick is chosen once per symbol, from the first price seen. */
  private defaultTickFor(symbol: string, synced: readonly FeedView[]): number {
    if (this.autoTick?.symbol === symbol) return this.autoTick.tick;
    const price = synced.map((feed) => feed.book.bestBid).find((p) => p !== undefined);
    if (price === undefined) return defaultTick(1);
    this.autoTick = { symbol, tick: defaultTick(price) };
    return this.autoTick.tick;
  }
}

function sameSwitching(a: SwitchingView | undefined, b: SwitchingView | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.target === b.target && a.live === b.live && a.failed === b.failed && a.total === b.total && a.overdue === b.overdue && venuesKey(a) === venuesKey(b);
}

function venuesKey(view: SwitchingView): string {
  let key = '';
  for (const venue of view.venues ?? []) key += `${venue.id}:${venue.state}:${venue.notListed},`;
  return key;
}
