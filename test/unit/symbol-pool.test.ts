/**
 * SymbolPool on fake sessions and fake timers: when a switch swaps in, what is kept warm, what is
 * closed (exactly once), and that nothing is left ticking after close().
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isReady, SymbolPool, type PoolChange, type PoolSession } from '../../src/pool/symbol-pool.js';

class FakeSession implements PoolSession {
  live = 0;
  failed = 0;
  starts = 0;
  closes = 0;
  constructor(
    readonly base: string,
    readonly total = 3,
  ) {}
  start(): void {
    this.starts++;
  }
  readiness(): { live: number; failed: number; total: number } {
    return { live: this.live, failed: this.failed, total: this.total };
  }
  close(): void {
    this.closes++;
  }
  allLive(): this {
    this.live = this.total;
    return this;
  }
}

interface Harness {
  readonly pool: SymbolPool<FakeSession>;
  readonly made: FakeSession[];
  readonly changes: PoolChange[];
  /** The newest session made for `base`. */
  last(base: string): FakeSession;
}

function harness(options: { readyOnStart?: boolean; warmSize?: number } = {}): Harness {
  const made: FakeSession[] = [];
  const pool = new SymbolPool<FakeSession>({
    symbol: 'BTC',
    makeSession: (base) => {
      const session = new FakeSession(base);
      if (options.readyOnStart) session.allLive();
      made.push(session);
      return session;
    },
    warm: { size: options.warmSize ?? 2, ttlMs: 60_000 },
  });
  const changes: PoolChange[] = [];
  pool.onChange((change) => changes.push(change));
  const last = (base: string): FakeSession => {
    const found = made.filter((session) => session.base === base).at(-1);
    if (!found) throw new Error(`no session was made for ${base}`);
    return found;
  };
  return { pool, made, changes, last };
}

/** Switches and lets the new session become ready (all venues live). */
function switchReady(h: Harness, base: string): void {
  h.pool.switchTo(base);
  h.pool.pending?.allLive();
  vi.advanceTimersByTime(50);
  expect(h.pool.current.base).toBe(base);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('readiness', () => {
  it('keeps the current symbol until every venue of the new one is live, then swaps in one step', () => {
    const h = harness();
    const btc = h.pool.current;
    expect(btc.starts).toBe(1);
    h.pool.switchTo('ETH');
    const eth = h.last('ETH');
    expect(eth.starts).toBe(1);
    expect(h.pool.pending).toBe(eth);
    eth.live = 2;
    vi.advanceTimersByTime(200);
    expect(h.pool.current).toBe(btc);
    expect(h.pool.pendingReadiness()).toMatchObject({ base: 'ETH', live: 2, total: 3, overdue: false });
    eth.live = 3;
    vi.advanceTimersByTime(50);
    expect(h.pool.current).toBe(eth);
    expect(h.pool.pending).toBeUndefined();
    expect(h.pool.warmBases()).toEqual(['BTC']);
    expect(btc.closes).toBe(0);
    expect(h.changes.map((change) => change.type)).toEqual(['switching', 'progress', 'progress', 'swapped']);
    expect(h.changes.at(-1)).toEqual({ type: 'swapped', base: 'ETH', previous: 'BTC' });
  });

  it('counts a venue that does not list the symbol as settled', () => {
    const h = harness();
    h.pool.switchTo('HYPE');
    const hype = h.last('HYPE');
    hype.live = 1;
    hype.failed = 2;
    vi.advanceTimersByTime(50);
    expect(h.pool.current).toBe(hype);
  });

  it('keeps the current view when no venue lists the new symbol, and says so', () => {
    const h = harness();
    h.pool.switchTo('ZZZ');
    const zzz = h.last('ZZZ');
    zzz.failed = 3;
    vi.advanceTimersByTime(50);
    expect(h.pool.current.base).toBe('BTC');
    expect(h.pool.pending).toBeUndefined();
    expect(zzz.closes).toBe(1);
    expect(h.changes.at(-1)).toEqual({ type: 'unlisted', base: 'ZZZ' });
  });

  it('after the readiness timeout one live venue is enough', () => {
    const h = harness();
    h.pool.switchTo('ETH');
    h.last('ETH').live = 1;
    vi.advanceTimersByTime(4_950);
    expect(h.pool.current.base).toBe('BTC');
    expect(h.pool.pendingReadiness()?.overdue).toBe(false);
    vi.advanceTimersByTime(50);
    expect(h.pool.current.base).toBe('ETH');
  });

  it('with none live after the timeout it keeps waiting, and swaps when one arrives', () => {
    const h = harness();
    h.pool.switchTo('ETH');
    vi.advanceTimersByTime(30_000);
    expect(h.pool.current.base).toBe('BTC');
    expect(h.pool.pendingReadiness()).toMatchObject({ live: 0, overdue: true, waitingMs: 30_000 });
    h.last('ETH').live = 1;
    vi.advanceTimersByTime(50);
    expect(h.pool.current.base).toBe('ETH');
    expect(vi.getTimerCount()).toBe(1); // only BTC's warm-expiry timer
  });
});

describe('warm cache', () => {
  it('revives a left symbol instantly when it is still ready', () => {
    const h = harness();
    const btc = h.pool.current.allLive();
    switchReady(h, 'ETH');
    h.pool.switchTo('BTC');
    expect(h.pool.current).toBe(btc);
    expect(h.pool.pending).toBeUndefined();
    expect(h.made.filter((session) => session.base === 'BTC')).toHaveLength(1);
    expect(h.pool.warmBases()).toEqual(['ETH']);
  });

  it('waits for a revived session that is no longer ready', () => {
    const h = harness();
    const btc = h.pool.current;
    switchReady(h, 'ETH');
    btc.live = 1;
    h.pool.switchTo('BTC');
    expect(h.pool.pending).toBe(btc);
    btc.live = 3;
    vi.advanceTimersByTime(50);
    expect(h.pool.current).toBe(btc);
  });

  it('closes a left session after its time to live and opens a new one for it afterwards', () => {
    const h = harness();
    const btc = h.pool.current;
    switchReady(h, 'ETH');
    vi.advanceTimersByTime(59_000);
    expect(btc.closes).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(btc.closes).toBe(1);
    expect(h.pool.warmBases()).toEqual([]);
    h.pool.switchTo('BTC');
    expect(h.pool.pending).not.toBe(btc);
    expect(h.pool.pending?.base).toBe('BTC');
    expect(btc.closes).toBe(1);
  });

  it('keeps the last two symbols and closes the least recently left', () => {
    const h = harness();
    const btc = h.pool.current;
    switchReady(h, 'ETH');
    switchReady(h, 'SOL');
    expect(h.pool.warmBases()).toEqual(['BTC', 'ETH']);
    switchReady(h, 'XRP');
    expect(h.pool.warmBases()).toEqual(['ETH', 'SOL']);
    expect(btc.closes).toBe(1);
    // An evicted session is never handed out again.
    h.pool.switchTo('BTC');
    expect(h.pool.pending).not.toBe(btc);
    expect(h.made.filter((session) => session.base === 'BTC')).toHaveLength(2);
  });
});

describe('superseded switches', () => {
  it('holding the key closes each unready session at once and keeps at most one pending', () => {
    const h = harness();
    const bases = ['ETH', 'SOL', 'XRP', 'DOGE', 'AVAX', 'LINK', 'HYPE'];
    for (let round = 0; round < 5; round++) {
      for (const base of bases) {
        h.pool.switchTo(base);
        vi.advanceTimersByTime(30);
        const open = h.made.filter((session) => session.closes === 0);
        expect(open).toHaveLength(2); // BTC on screen + the one pending
      }
    }
    expect(h.made.filter((session) => session.closes > 1)).toEqual([]);
    expect(h.pool.current.base).toBe('BTC');
    expect(vi.getTimerCount()).toBe(2); // the pending switch's poll, and its wait to connect
  });

  it('holding the key connects only the first symbol and the one it lands on', () => {
    const h = harness();
    const bases = ['ETH', 'SOL', 'XRP', 'DOGE', 'AVAX', 'LINK', 'HYPE'];
    for (let round = 0; round < 3; round++) {
      for (const base of bases) {
        h.pool.switchTo(base);
        vi.advanceTimersByTime(33); // a 30 Hz key repeat
      }
    }
    h.pool.switchTo('SOL');
    const landed = h.last('SOL');
    expect(landed.starts).toBe(0);
    vi.advanceTimersByTime(100);
    expect(landed.starts).toBe(1);
    const started = h.made.filter((session) => session.starts > 0).map((session) => session.base);
    expect(started).toEqual(['BTC', 'ETH', 'SOL']);
    landed.allLive();
    vi.advanceTimersByTime(50);
    expect(h.pool.current).toBe(landed);
  });

  it('a switch made while none is pending connects at once', () => {
    const h = harness();
    switchReady(h, 'ETH');
    h.pool.switchTo('SOL');
    expect(h.last('SOL').starts).toBe(1);
  });

  it('a superseded session that never connected is closed and its wait cancelled', () => {
    const h = harness();
    h.pool.switchTo('ETH');
    h.pool.switchTo('SOL');
    const sol = h.last('SOL');
    h.pool.switchTo('BTC');
    expect(sol.closes).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(sol.starts).toBe(0);
  });

  it('a superseded session revived from the warm cache goes back to it', () => {
    const h = harness();
    const btc = h.pool.current;
    switchReady(h, 'ETH');
    btc.live = 0;
    h.pool.switchTo('BTC');
    h.pool.switchTo('SOL');
    expect(btc.closes).toBe(0);
    expect(h.pool.warmBases()).toEqual(['BTC']);
  });

  it('switching to the current symbol cancels the pending switch', () => {
    const h = harness();
    h.pool.switchTo('ETH');
    const eth = h.last('ETH');
    h.pool.switchTo('BTC');
    expect(h.pool.pending).toBeUndefined();
    expect(eth.closes).toBe(1);
    expect(h.changes.at(-1)).toEqual({ type: 'cancelled', base: 'ETH' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('switching to the pending symbol again opens nothing new', () => {
    const h = harness();
    h.pool.switchTo('ETH');
    h.pool.switchTo('ETH');
    expect(h.made).toHaveLength(2);
  });
});

describe('close', () => {
  it('closes current, pending and warm sessions exactly once and leaves no timer', () => {
    const h = harness();
    switchReady(h, 'ETH');
    switchReady(h, 'SOL');
    h.pool.switchTo('XRP');
    expect(vi.getTimerCount()).toBe(3); // two warm expiries + the poll
    const before = h.changes.length;
    h.pool.close();
    h.pool.close();
    expect(h.made.map((session) => [session.base, session.closes])).toEqual([
      ['BTC', 1],
      ['ETH', 1],
      ['SOL', 1],
      ['XRP', 1],
    ]);
    expect(vi.getTimerCount()).toBe(0);
    h.pool.switchTo('DOGE');
    vi.advanceTimersByTime(120_000);
    expect(h.made).toHaveLength(4);
    expect(h.changes).toHaveLength(before);
  });

  it('an unsubscribed listener hears nothing more', () => {
    const h = harness({ readyOnStart: true });
    const heard: PoolChange[] = [];
    const unsubscribe = h.pool.onChange((change) => heard.push(change));
    h.pool.switchTo('ETH');
    unsubscribe();
    h.pool.switchTo('SOL');
    expect(heard.map((change) => change.type)).toEqual(['switching', 'swapped']);
    h.pool.close();
  });
});

describe('any sequence of switches', () => {
  const bases = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'];
  const action = fc.oneof(
    fc.record({ kind: fc.constant('switch' as const), base: fc.constantFrom(...bases) }),
    fc.record({ kind: fc.constant('ready' as const), live: fc.nat(3), failed: fc.nat(3) }),
    fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 70_000 }) }),
  );

  it('never hands out a closed session, never closes one twice, holds no more than it should', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        const h = harness();
        for (const step of actions) {
          if (step.kind === 'switch') h.pool.switchTo(step.base);
          else if (step.kind === 'wait') vi.advanceTimersByTime(step.ms);
          else if (h.pool.pending) {
            h.pool.pending.live = Math.min(step.live, 3);
            h.pool.pending.failed = Math.min(step.failed, 3 - h.pool.pending.live);
          }
          const { current, pending } = h.pool;
          expect(current.closes).toBe(0);
          expect(pending?.closes ?? 0).toBe(0);
          expect(h.made.every((session) => session.closes <= 1)).toBe(true);
          const open = h.made.filter((session) => session.closes === 0);
          const warm = h.pool.warmBases();
          expect(warm.length).toBeLessThanOrEqual(2);
          expect(warm).not.toContain(current.base);
          expect(open).toHaveLength(1 + (pending ? 1 : 0) + warm.length);
        }
        h.pool.close();
        expect(h.made.every((session) => session.closes === 1)).toBe(true);
        expect(vi.getTimerCount()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the readiness rule', () => {
  it('is never ready with no venue live, however the rest stand', () => {
    for (const overdue of [false, true]) {
      expect(isReady({ live: 0, failed: 0, total: 0 }, overdue)).toBe(false);
      expect(isReady({ live: 0, failed: 3, total: 3 }, overdue)).toBe(false);
      expect(isReady({ live: 1, failed: 2, total: 3 }, overdue)).toBe(true);
    }
    expect(isReady({ live: 1, failed: 0, total: 3 }, false)).toBe(false);
    expect(isReady({ live: 1, failed: 0, total: 3 }, true)).toBe(true);
  });
});

describe('no poll without a switch to wait for', () => {
  it('a warm revival that swaps in at once leaves only the warm timers', () => {
    const h = harness();
    h.pool.current.allLive();
    switchReady(h, 'ETH');
    h.pool.switchTo('BTC');
    expect(h.pool.current.base).toBe('BTC');
    expect(vi.getTimerCount()).toBe(1); // ETH's warm expiry
  });

  it('a symbol that no venue can quote ends the switch at once, with no timer left', () => {
    const made: FakeSession[] = [];
    const pool = new SymbolPool<FakeSession>({
      symbol: 'BTC',
      makeSession: (base) => {
        const session = new FakeSession(base);
        if (base === 'ZZZ') session.failed = session.total;
        made.push(session);
        return session;
      },
    });
    const changes: PoolChange[] = [];
    pool.onChange((change) => changes.push(change));
    pool.switchTo('ZZZ');
    expect(changes.map((change) => change.type)).toEqual(['switching', 'unlisted']);
    expect(pool.pending).toBeUndefined();
    expect(pool.pendingReadiness()).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
    pool.close();
    expect(made.map((session) => session.closes)).toEqual([1, 1]);
  });

  it('switching to the symbol on screen with nothing pending says nothing', () => {
    const h = harness();
    h.pool.switchTo('BTC');
    expect(h.changes).toEqual([]);
    expect(h.pool.pendingReadiness()).toBeUndefined();
  });
});

describe('listeners that act on what they hear', () => {
  it('a listener that closes the pool on a switch: nothing throws, later listeners hear nothing, no timer is left', () => {
    const h = harness();
    const after: PoolChange[] = [];
    h.pool.onChange((change) => {
      if (change.type === 'switching') h.pool.close();
    });
    h.pool.onChange((change) => after.push(change));
    expect(() => h.pool.switchTo('ETH')).not.toThrow();
    expect(after).toEqual([]);
    expect(h.made.map((session) => session.closes)).toEqual([1, 1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a listener that cancels the switch as it starts leaves no pending session and no poll', () => {
    const h = harness();
    h.pool.onChange((change) => {
      if (change.type === 'switching') h.pool.switchTo('BTC');
    });
    expect(() => h.pool.switchTo('ETH')).not.toThrow();
    expect(h.pool.pending).toBeUndefined();
    expect(h.changes.map((change) => change.type)).toEqual(['switching', 'cancelled']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a listener that cancels on the first progress leaves no poll', () => {
    const h = harness();
    h.pool.onChange((change) => {
      if (change.type === 'progress') h.pool.switchTo('BTC');
    });
    h.pool.switchTo('ETH');
    expect(h.pool.pending).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a listener that redirects a switch leaves one poll, which close() stops', () => {
    const h = harness();
    h.pool.onChange((change) => {
      if (change.type === 'switching' && change.base === 'ETH') h.pool.switchTo('SOL');
    });
    h.pool.switchTo('ETH');
    expect(h.pool.pending?.base).toBe('SOL');
    // SOL superseded a switch, so it waits to connect: that wait and one poll.
    expect(vi.getTimerCount()).toBe(2);
    h.pool.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
