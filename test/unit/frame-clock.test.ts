/**
 * The frame clock's promises: it paints at most once per frame period (fps, capped at 20 and at
 * least 1), writes the store only when what is printed would change, and a switch (a new symbol,
 * a new switching view, new positions) is written in the very next frame together with its rows
 * and ladder. The automatic grouping tick is chosen once per symbol.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Book } from '../../src/book/book.js';
import type { FeedHealth, FeedState } from '../../src/feeds/health.js';
import type { PositionsView } from '../../src/hyperliquid/positions-view.js';
import { createAppStore, type AppState, type AppStore, type SwitchingView } from '../../src/store/app-store.js';
import type { FeedView } from '../../src/store/feed-view.js';
import { FrameClock, type FrameSource } from '../../src/store/frame-clock.js';

class Feed implements FeedView {
  readonly book = new Book();
  version = 1;
  synced = true;
  sizeScale = 1;
  state: FeedState = 'live';
  readonly adapter: FeedView['adapter'];
  constructor(id: string, bids: [string, string][], asks: [string, string][]) {
    this.adapter = { id, name: id, market: 'spot', quote: 'USDT' };
    this.book.replace(bids, asks);
  }
  health(): FeedHealth {
    return { state: this.state, msgsPerSec: 0, reconnects: 0, failedAttempts: 0, resyncs: 0, notListed: false };
  }
  /** The venue's book moves: a new version. */
  move(bids: [string, string][], asks: [string, string][]): void {
    this.book.apply(bids, asks);
    this.version++;
  }
}

interface Rig {
  readonly store: AppStore;
  readonly clock: FrameClock;
  readonly writes: AppState[];
  source: FrameSource;
}

function rig(source: FrameSource, fps?: number): Rig {
  const store = createAppStore({ symbol: source.symbol, depth: 5 });
  const writes: AppState[] = [];
  store.subscribe((state) => writes.push(state));
  const r: Rig = { store, writes, source, clock: undefined as unknown as FrameClock };
  const clock = new FrameClock({ store, source: () => r.source, ...(fps !== undefined ? { fps } : {}) });
  return Object.assign(r, { clock });
}

const btcFeed = (): Feed => new Feed('binance', [['67000.5', '1'], ['66999.25', '2']], [['67001', '1']]);

describe('frame pacing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** How many frames run in one second at the given fps setting. */
  function framesPerSecond(fps: number | undefined): number {
    let frames = 0;
    const store = createAppStore({ symbol: 'BTC', depth: 5 });
    const clock = new FrameClock({
      store,
      source: () => {
        frames++;
        return { symbol: 'BTC', feeds: [] };
      },
      ...(fps !== undefined ? { fps } : {}),
    });
    clock.start();
    clock.start();
    vi.advanceTimersByTime(1_000);
    clock.stop();
    expect(vi.getTimerCount()).toBe(0);
    return frames;
  }

  it('runs fps frames a second: 10 by default, never more than 20, never fewer than 1', () => {
    expect(framesPerSecond(undefined)).toBe(10);
    expect(framesPerSecond(4)).toBe(4);
    expect(framesPerSecond(20)).toBe(20);
    expect(framesPerSecond(60)).toBe(20);
    expect(framesPerSecond(0)).toBe(1);
  });

  it('stop() ends the frames; start() after it runs them again', () => {
    const r = rig({ symbol: 'BTC', feeds: [btcFeed()] });
    r.clock.start();
    vi.advanceTimersByTime(100);
    expect(r.writes).toHaveLength(1);
    r.clock.stop();
    r.clock.stop();
    r.source = { symbol: 'ETH', feeds: [] };
    vi.advanceTimersByTime(1_000);
    expect(r.writes).toHaveLength(1);
    r.clock.start();
    vi.advanceTimersByTime(100);
    expect(r.writes).toHaveLength(2);
    r.clock.stop();
  });
});

describe('writes only what would print differently', () => {
  it('a quiet market costs no write; a moved book costs one', () => {
    const feed = btcFeed();
    const r = rig({ symbol: 'BTC', feeds: [feed] });
    r.clock.tick();
    expect(r.writes).toHaveLength(1);
    r.clock.tick();
    r.clock.tick();
    expect(r.writes).toHaveLength(1);
    feed.move([['67000.5', '3']], []);
    r.clock.tick();
    expect(r.writes).toHaveLength(2);
    expect(r.store.getState().ladder?.bids[0]).toMatchObject({ price: 67000, size: 3 });
    expect(r.store.getState().venues).toBe(r.writes[0]!.venues);
  });

  it('a row that changed is written without a ladder change', () => {
    const feed = btcFeed();
    const r = rig({ symbol: 'BTC', feeds: [feed] });
    r.clock.tick();
    const ladder = r.store.getState().ladder;
    feed.state = 'stale';
    feed.synced = true;
    r.clock.tick();
    expect(r.writes).toHaveLength(2);
    expect(r.store.getState().venues[0]?.state).toBe('stale');
    // A stale venue leaves the ladder at once.
    expect(r.store.getState().ladder).not.toBe(ladder);
    expect(r.store.getState().ladder?.included).toEqual([]);
  });

  it('a row that changed while the books did not keeps the ladder on screen', () => {
    const feed = btcFeed();
    let msgsPerSec = 5;
    const health = feed.health.bind(feed);
    feed.health = () => ({ ...health(), msgsPerSec });
    const r = rig({ symbol: 'BTC', feeds: [feed] });
    r.clock.tick();
    const ladder = r.store.getState().ladder;
    msgsPerSec = 9;
    r.clock.tick();
    expect(r.writes).toHaveLength(2);
    expect(r.store.getState().venues[0]?.msgsPerSec).toBe(9);
    expect(r.store.getState().ladder).toBe(ladder);
  });

  it('the same switching view in a new object is no write; any field of it changing is one', () => {
    const feed = btcFeed();
    const base: SwitchingView = { target: 'ETH', live: 1, failed: 0, total: 3, overdue: false, venues: [{ id: 'binance', state: 'live', notListed: false }] };
    const r = rig({ symbol: 'BTC', feeds: [feed], switching: base });
    r.clock.tick();
    expect(r.store.getState().switching).toBe(base);
    const variants: SwitchingView[] = [
      { ...base },
      { ...base, target: 'SOL' },
      { ...base, live: 2 },
      { ...base, failed: 1 },
      { ...base, total: 4 },
      { ...base, overdue: true },
      { ...base, venues: [{ id: 'okx', state: 'live', notListed: false }] },
      { ...base, venues: [{ id: 'binance', state: 'syncing', notListed: false }] },
      { ...base, venues: [{ id: 'binance', state: 'live', notListed: true }] },
      { ...base, venues: [] },
    ];
    const written = variants.map((switching) => {
      r.source = { symbol: 'BTC', feeds: [feed], switching: base };
      r.clock.tick();
      const before = r.writes.length;
      r.source = { symbol: 'BTC', feeds: [feed], switching };
      r.clock.tick();
      return r.writes.length - before;
    });
    expect(written).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // A switch not yet reporting its venues compares as having none.
    const { venues: _venues, ...withoutVenues } = base;
    r.source = { symbol: 'BTC', feeds: [feed], switching: withoutVenues };
    r.clock.tick();
    const settled = r.writes.length;
    r.source = { symbol: 'BTC', feeds: [feed], switching: { ...withoutVenues } };
    r.clock.tick();
    r.source = { symbol: 'BTC', feeds: [feed], switching: { ...withoutVenues, venues: [] } };
    r.clock.tick();
    expect(r.writes).toHaveLength(settled);
    r.source = { symbol: 'BTC', feeds: [feed] };
    r.clock.tick();
    expect(r.store.getState().switching).toBeUndefined();
    const before = r.writes.length;
    r.clock.tick();
    expect(r.writes).toHaveLength(before);
  });

  it('new positions are written, the same ones are not', () => {
    const feed = btcFeed();
    const positions = { positions: [] } as unknown as PositionsView;
    const r = rig({ symbol: 'BTC', feeds: [feed] });
    r.clock.tick();
    r.source = { symbol: 'BTC', feeds: [feed], positions };
    r.clock.tick();
    expect(r.writes).toHaveLength(2);
    expect(r.store.getState().positions).toBe(positions);
    r.clock.tick();
    expect(r.writes).toHaveLength(2);
  });
});

describe('a switch lands in one frame', () => {
  it('the new symbol, its rows and its ladder are written together at the first frame after the swap', () => {
    const btc = btcFeed();
    const eth = new Feed('binance', [['3480.12', '5']], [['3480.5', '4']]);
    const r = rig({ symbol: 'BTC', feeds: [btc] });
    r.clock.tick();
    r.source = { symbol: 'ETH', feeds: [eth] };
    r.clock.tick();
    expect(r.writes).toHaveLength(2);
    const state = r.writes[1]!;
    expect(state.symbol).toBe('ETH');
    expect(state.ladder?.symbol).toBe('ETH');
    expect(state.ladder?.bids[0]?.price).toBe(3480.1);
    expect(state.venues[0]?.bestBid).toBe(3480.12);
  });

  it('a symbol change alone, with nothing else to show yet, is written at once', () => {
    const r = rig({ symbol: 'BTC', feeds: [] });
    r.clock.tick();
    const before = r.writes.length;
    r.source = { symbol: 'ZZZ', feeds: [] };
    r.clock.tick();
    expect(r.writes.length).toBe(before + 1);
    expect(r.store.getState().symbol).toBe('ZZZ');
  });
});

describe('the ladder', () => {
  it('chooses the automatic tick once per symbol, from the first price seen', () => {
    const feed = btcFeed();
    const r = rig({ symbol: 'BTC', feeds: [feed] });
    r.clock.tick();
    expect(r.store.getState().ladder?.tick).toBe(1);
    // The price moves a decade: the grouping the user is reading stays.
    feed.book.replace([['6700.5', '1']], [['6701', '1']]);
    feed.version++;
    r.clock.tick();
    expect(r.store.getState().ladder?.tick).toBe(1);
    r.source = { symbol: 'ETH', feeds: [new Feed('binance', [['3480.12', '5']], [['3480.5', '4']])] };
    r.clock.tick();
    expect(r.store.getState().ladder?.tick).toBe(0.1);
  });

  it('waits for a price before fixing the automatic tick', () => {
    const feed = btcFeed();
    feed.synced = false;
    const r = rig({ symbol: 'BTC', feeds: [feed] });
    r.clock.tick();
    expect(r.store.getState().ladder?.tick).toBeCloseTo(0.0001, 15);
    feed.synced = true;
    r.clock.tick();
    expect(r.store.getState().ladder?.tick).toBe(1);
  });

  it('takes the tick from the first venue that has a bid', () => {
    const empty = new Feed('okx', [], [['67001', '1']]);
    const r = rig({ symbol: 'BTC', feeds: [empty, btcFeed()] });
    r.clock.tick();
    expect(r.store.getState().ladder?.tick).toBe(1);
  });

  it('rebuilds when the user changes the tick, the depth or the fill size', () => {
    const feed = btcFeed();
    const r = rig({ symbol: 'BTC', feeds: [feed] });
    r.clock.tick();
    r.store.setState({ tickOverride: 0.5 });
    r.clock.tick();
    expect(r.store.getState().ladder?.tick).toBe(0.5);
    expect(r.store.getState().ladder?.bids.map((level) => level.price)).toEqual([67000.5, 66999]);
    r.store.setState({ depth: 1 });
    r.clock.tick();
    expect(r.store.getState().ladder?.bids).toHaveLength(1);
    r.store.setState({ fillSize: 2 });
    r.clock.tick();
    expect(r.store.getState().ladder?.liquidity?.fillSize).toBe(2);
  });

  it('leaves out the venues the user left out, from levels and liquidity, and takes them back', () => {
    const binance = new Feed('binance', [['100', '1']], [['101', '1']]);
    const okx = new Feed('okx', [['100.5', '2']], [['102', '2']]);
    const r = rig({ symbol: 'X', feeds: [binance, okx] });
    r.store.setState({ tickOverride: 0.5, fillSize: 1 });
    r.clock.tick();
    expect(r.store.getState().ladder).toMatchObject({ included: ['binance', 'okx'], bestBid: 100.5 });
    r.store.setState({ omitted: ['okx'] });
    r.clock.tick();
    const without = r.store.getState().ladder!;
    expect(without).toMatchObject({ included: ['binance'], bestBid: 100, bestAsk: 101 });
    expect(without.bids.map((level) => level.venues.map(([venue]) => venue))).toEqual([['binance']]);
    expect(without.liquidity?.sell).toMatchObject({ filled: 1, averagePrice: 100 });
    r.store.setState({ omitted: [] });
    r.clock.tick();
    expect(r.store.getState().ladder).toMatchObject({ included: ['binance', 'okx'], bestBid: 100.5 });
  });

  it('names the finest tick the venues in it quote, and none when no venue has a level', () => {
    const coarse = new Feed('a', [['67000.5', '1']], [['67001', '1']]);
    const fine = new Feed('b', [['67000.25', '1']], [['67001.10', '1']]);
    const r = rig({ symbol: 'BTC', feeds: [coarse, fine] });
    r.clock.tick();
    expect(r.store.getState().ladder?.finestTick).toBe(0.01);
    const whole = rig({ symbol: 'BTC', feeds: [new Feed('c', [['67000', '1']], [['67001', '1']])] });
    whole.clock.tick();
    expect(whole.store.getState().ladder?.finestTick).toBe(1);
    const none = rig({ symbol: 'BTC', feeds: [new Feed('d', [], [])] });
    none.clock.tick();
    expect(none.store.getState().ladder).not.toHaveProperty('finestTick');
    expect(none.store.getState().ladder).not.toHaveProperty('liquidity');
  });

  it('carries the liquidity of the merged book, in base units', () => {
    const feed = new Feed('okx', [['100', '50']], [['101', '50']]);
    feed.sizeScale = 0.01;
    const r = rig({ symbol: 'X', feeds: [feed] });
    r.store.setState({ fillSize: 0.25 });
    r.clock.tick();
    const liquidity = r.store.getState().ladder?.liquidity;
    expect(liquidity?.mid).toBe(100.5);
    expect(liquidity?.buy).toMatchObject({ filled: 0.25, averagePrice: 101 });
    expect(r.store.getState().ladder?.bids[0]?.size).toBeCloseTo(0.5, 12);
  });
});
