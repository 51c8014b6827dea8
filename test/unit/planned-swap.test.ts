/**
 * PlannedSwap on a hand-driven clock and sockets, with a real BookSync and the real Binance
 * USDⓈ-M codec: when the standby opens, which of its diffs meet the book (whichever connection
 * is ahead), which are handed over, and what it does when the standby fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Book } from '../../src/book/book.js';
import { PlannedSwap, type HeldDiff } from '../../src/feeds/planned-swap.js';
import { BookSync } from '../../src/feeds/snapshot-sync.js';
import type { StandbyLink } from '../../src/feeds/standby-link.js';
import type { Clock, FeedTransport, SocketListener, TimerHandle, WireSocket } from '../../src/feeds/transport.js';
import type { DeltaEvent, VenueAdapter } from '../../src/feeds/types.js';
import { binanceUsdm } from '../../src/feeds/venues/binance-usdm.js';
import { Recorder } from '../../src/record/recorder.js';

const LIFETIME_MS = 1_000_000;
/** LEAD_SHARE of planned-swap.ts: a quarter of the lifetime, this one being short of the cap. */
const LEAD_MS = LIFETIME_MS / 4;

class ManualClock implements Clock {
  at = 0;
  private readonly timers = new Map<TimerHandle, { due: number; run: () => void }>();

  now(): number {
    return this.at;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = {} as TimerHandle;
    this.timers.set(handle, { due: this.at + ms, run: callback });
    return handle;
  }

  setInterval(): TimerHandle {
    throw new Error('PlannedSwap sets no interval');
  }

  clear(timer: TimerHandle | undefined): void {
    if (timer) this.timers.delete(timer);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Moves to `to`, running every timer due by then in order. */
  advanceTo(to: number): void {
    for (;;) {
      const next = [...this.timers].sort((a, b) => a[1].due - b[1].due)[0];
      if (!next || next[1].due > to) break;
      this.timers.delete(next[0]);
      this.at = next[1].due;
      next[1].run();
    }
    this.at = to;
  }
}

class FakeSocket implements WireSocket {
  isOpen = false;
  terminated = false;
  constructor(readonly url: string, readonly listener: SocketListener) {}
  send(): void {}
  ping(): void {}
  terminate(): void {
    this.isOpen = false;
    this.terminated = true;
  }
  open(): void {
    this.isOpen = true;
    this.listener.open();
  }
  diff(pu: number, U: number, u: number): void {
    this.listener.frame(JSON.stringify({ e: 'depthUpdate', E: 1, T: 1, s: 'BTCUSDT', U, u, pu, b: [[`${u}`, '1']], a: [] }));
  }
}

const adapter = { ...binanceUsdm({ ws: 'ws://sim', rest: 'http://sim' }), connectionLifetimeMs: LIFETIME_MS };
const futuresDelta = (pu: number, U: number, u: number): DeltaEvent => ({ type: 'delta', prevSeq: pu, firstSeq: U, lastSeq: u, bids: [[`${u}`, '1']], asks: [] });

interface Rig {
  readonly clock: ManualClock;
  readonly sockets: FakeSocket[];
  readonly sync: BookSync;
  readonly swap: PlannedSwap;
  /** Each hand-over, with the held diffs handed over as their [pu, U, u]. */
  readonly takeOvers: { link: StandbyLink; held: readonly (readonly [number?, number?, number?])[] }[];
}

/** A swap whose book is in sync at update id 300, its connection opened at time 0. */
function rig(): Rig {
  const clock = new ManualClock();
  const sockets: FakeSocket[] = [];
  const transport: FeedTransport = {
    clock,
    connect: (url, listener) => {
      const socket = new FakeSocket(url, listener);
      sockets.push(socket);
      return socket;
    },
    get: () => Promise.reject(new Error('no REST here')),
  };
  const sync = new BookSync(adapter, new Book());
  sync.onDelta(futuresDelta(90, 95, 100));
  sync.onRestSnapshot({ type: 'snapshot', seq: 99, bids: [['1', '1']], asks: [['1000', '1']] });
  sync.onDelta(futuresDelta(100, 101, 300));
  expect(sync.synced).toBe(true);
  const takeOvers: Rig['takeOvers'] = [];
  const swap = PlannedSwap.plan({
    adapter,
    makeCodec: () => adapter,
    transport,
    gate: undefined,
    handshakeTimeoutMs: 5_000,
    symbol: () => 'BTCUSDT',
    host: {
      meet: (event) => sync.meet(event),
      takeOver: (link, _codec, held: readonly HeldDiff[]) => takeOvers.push({ link, held: held.map(({ event }) => [event.prevSeq, event.firstSeq, event.lastSeq] as const) }),
    },
  })!;
  swap.connected(0);
  return { clock, sockets, sync, swap, takeOvers };
}

/** The rig with its standby opened (jitter 0: a full lead before the cut-off). */
function withStandby(): Rig & { standby: FakeSocket } {
  vi.spyOn(Math, 'random').mockReturnValue(0);
  const r = rig();
  r.clock.advanceTo(LIFETIME_MS - LEAD_MS);
  const standby = r.sockets[0]!;
  standby.open();
  return { ...r, standby };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PlannedSwap.plan', () => {
  const parts = (transport: FeedTransport, venue: VenueAdapter = adapter, factory: 'factory' | 'none' = 'factory') => ({
    adapter: venue, makeCodec: factory === 'factory' ? () => adapter : undefined, transport, gate: undefined, handshakeTimeoutMs: 5_000, symbol: () => 'BTCUSDT',
    host: { meet: () => undefined, takeOver: () => undefined },
  });
  const live: FeedTransport = { clock: new ManualClock(), connect: () => { throw new Error('no'); }, get: () => Promise.reject(new Error('no')) };

  it('plans a swap for a venue with a lifetime, given a codec factory, on a live transport', () => {
    expect(PlannedSwap.plan(parts(live))).toBeInstanceOf(PlannedSwap);
  });

  it('plans none without a lifetime or a codec factory, on a replay, or while recording', () => {
    const dir = mkdtempSync(join(tmpdir(), 'depthmux-swap-'));
    const recorder = new Recorder(join(dir, 'r.jsonl'), () => undefined);
    try {
      expect(PlannedSwap.plan(parts(live, { ...adapter, connectionLifetimeMs: undefined }))).toBeUndefined();
      expect(PlannedSwap.plan(parts(live, adapter, 'none'))).toBeUndefined();
      expect(PlannedSwap.plan(parts({ ...live, scripted: true }))).toBeUndefined();
      expect(PlannedSwap.plan(parts(recorder.wrap(live, adapter.id, 'BTC')))).toBeUndefined();
    } finally {
      void recorder.close().finally(() => rmSync(dir, { recursive: true, force: true }));
    }
  });
});

describe('PlannedSwap timing', () => {
  it('opens the standby between a lead and half a lead before the cut-off, to the same stream', () => {
    for (const [random, opensAt] of [[0, LIFETIME_MS - LEAD_MS], [0.5, LIFETIME_MS - LEAD_MS * 0.75]] as const) {
      vi.spyOn(Math, 'random').mockReturnValue(random);
      const { clock, sockets, swap } = rig();
      clock.advanceTo(opensAt - 1);
      expect(sockets).toHaveLength(0);
      clock.advanceTo(opensAt);
      expect(sockets.map((s) => s.url)).toEqual([adapter.url('BTCUSDT')]);
      swap.close();
    }
  });

  it('tries a failed standby again an eighth of the lead later, and not past the cut-off', () => {
    const { clock, sockets, standby } = withStandby();
    standby.listener.closed(1006, '');
    clock.advanceTo(clock.at + LEAD_MS / 8 - 1);
    expect(sockets).toHaveLength(1);
    clock.advanceTo(clock.at + 1);
    expect(sockets).toHaveLength(2);
    // A handshake that never completes fails after 5 s; every 36.25 s another, the last one
    // started 1.25 s before the cut-off. None is tried once the next would start past it.
    clock.advanceTo(LIFETIME_MS);
    expect(sockets).toHaveLength(8);
    expect(sockets.slice(0, -1).every((s) => s.terminated)).toBe(true);
    clock.advanceTo(LIFETIME_MS + 60_000);
    expect(sockets).toHaveLength(8);
    expect(sockets.every((s) => s.terminated)).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('stop() ends the standby and its plan; connected() plans anew', () => {
    const { clock, swap, standby } = withStandby();
    swap.stop();
    expect(standby.terminated).toBe(true);
    expect(clock.pending).toBe(0);
    swap.connected(clock.at);
    expect(clock.pending).toBe(1);
    swap.close();
    expect(clock.pending).toBe(0);
    swap.connected(clock.at);
    expect(clock.pending).toBe(0);
  });
});

describe('PlannedSwap meeting the book (book at 300)', () => {
  it('the standby ahead: its first diff applies on the book, and is handed over', () => {
    const { standby, takeOvers } = withStandby();
    standby.diff(300, 301, 303);
    expect(takeOvers.map((t) => t.held)).toEqual([[[300, 301, 303]]]);
  });

  it('the old connection ahead: the standby diff the book ends at is the meeting point, not handed over', () => {
    const { standby, takeOvers } = withStandby();
    standby.diff(250, 251, 280);
    expect(takeOvers).toEqual([]);
    standby.diff(280, 281, 300);
    expect(takeOvers.map((t) => t.held)).toEqual([[]]);
  });

  it('a standby further ahead is held until the old connection brings the book to it', () => {
    const { standby, sync, swap, takeOvers } = withStandby();
    standby.diff(303, 304, 306);
    standby.diff(306, 307, 309);
    expect(takeOvers).toEqual([]);
    sync.onDelta(futuresDelta(300, 301, 303));
    swap.bookMoved();
    expect(takeOvers.map((t) => t.held)).toEqual([[[303, 304, 306], [306, 307, 309]]]);
  });

  it('waits while the book is out of sync, drops what the book passed, and plans the next swap after a hand-over', () => {
    const { clock, standby, sync, swap, takeOvers } = withStandby();
    sync.reset();
    standby.diff(300, 301, 303);
    expect(takeOvers).toEqual([]);
    sync.onDelta(futuresDelta(303, 304, 305));
    sync.onRestSnapshot({ type: 'snapshot', seq: 303, bids: [['1', '1']], asks: [['1000', '1']] });
    expect(sync.synced).toBe(true);
    swap.bookMoved();
    expect(takeOvers).toHaveLength(0);
    standby.diff(303, 304, 305);
    expect(takeOvers.map((t) => t.held)).toEqual([[]]);
    // The standby is the current connection now: its own cut-off is a lifetime after it opened.
    expect(clock.pending).toBe(1);
  });
});
