/**
 * ConnectLimiter on fake timers: a venue never gets more new connections per window than its
 * documented budget, excess requests wait in order, and dropped requests leave nothing behind.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectLimiter, FALLBACK_BUDGET, HANDSHAKE_SLACK_MS, type ConnectBudget } from '../../src/pool/connect-limiter.js';
import { connectBudgets } from '../../src/venues/registry.js';

const BUDGETS = connectBudgets();

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Most grants seen in any window of `perMs` (closed at both ends, the stricter reading). */
function busiestWindow(times: readonly number[], perMs: number): number {
  let most = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && (times[j] ?? Infinity) - (times[i] ?? 0) <= perMs) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

function grantTimes(limiter: ConnectLimiter, venueId: string, requests: number, runMs: number): number[] {
  const times: number[] = [];
  const start = Date.now();
  for (let i = 0; i < requests; i++) limiter.request(venueId, () => times.push(Date.now() - start));
  vi.advanceTimersByTime(runMs);
  return times;
}

describe('budgets', () => {
  it.each([
    { venue: 'binance', budget: BUDGETS['binance'] },
    { venue: 'hyperliquid', budget: BUDGETS['hyperliquid'] },
    { venue: 'unregistered', budget: FALLBACK_BUDGET },
  ])('$venue: never more than the documented connections in any window, all granted in time', ({ venue, budget }) => {
    const { connections, perMs } = budget as ConnectBudget;
    const limiter = new ConnectLimiter({ budgets: BUDGETS });
    const times = grantTimes(limiter, venue, connections * 3, perMs * 4 + 10);
    expect(busiestWindow(times, perMs)).toBeLessThanOrEqual(connections);
    // A window's worth at once, then a window's worth each time the window has passed.
    expect(times).toHaveLength(connections * 3);
    expect(times.filter((t) => t === 0)).toHaveLength(connections);
    expect(vi.getTimerCount()).toBe(0);
    limiter.close();
  });

  it('lets a single switch through at once: one connection per venue, synchronously', () => {
    const limiter = new ConnectLimiter({ budgets: BUDGETS });
    const granted: string[] = [];
    for (const venue of ['binance', 'hyperliquid', 'unregistered']) limiter.request(venue, () => granted.push(venue));
    expect(granted).toEqual(['binance', 'hyperliquid', 'unregistered']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('venues counted together by the exchange share one window', () => {
    const limiter = new ConnectLimiter({ budgets: { a: { connections: 2, perMs: 1_000, sharedLimit: 'x' }, b: { connections: 2, perMs: 1_000, sharedLimit: 'x' } } });
    const granted: string[] = [];
    for (const venue of ['a', 'b', 'a']) limiter.request(venue, () => granted.push(venue));
    expect(granted).toEqual(['a', 'b']);
    expect(limiter.queued('a')).toBe(1);
    expect(limiter.queued('b')).toBe(1);
    vi.advanceTimersByTime(1_000 + HANDSHAKE_SLACK_MS);
    expect(granted).toEqual(['a', 'b', 'a']);
  });

  it('OKX spot and swaps: one switch opens both at once, the fourth connection in a second waits', () => {
    const limiter = new ConnectLimiter({ budgets: BUDGETS });
    const granted: string[] = [];
    for (const venue of ['okx', 'okx-swap', 'okx-swap', 'okx']) limiter.request(venue, () => granted.push(venue));
    expect(granted).toEqual(['okx', 'okx-swap', 'okx-swap']);
    vi.advanceTimersByTime(1_000 + HANDSHAKE_SLACK_MS - 1);
    expect(granted).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(granted).toHaveLength(4);
    limiter.close();
  });
});

describe('queueing', () => {
  const budgets = { v: { connections: 1, perMs: 1_000 - HANDSHAKE_SLACK_MS } }; // one a second

  it('grants in request order', () => {
    const limiter = new ConnectLimiter({ budgets });
    const order: number[] = [];
    for (let i = 0; i < 4; i++) limiter.request('v', () => order.push(i));
    expect(order).toEqual([0]);
    vi.advanceTimersByTime(1_000);
    expect(order).toEqual([0, 1]);
    vi.advanceTimersByTime(2_000);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a cancelled request is never granted and does not hold up the next', () => {
    const limiter = new ConnectLimiter({ budgets });
    const order: string[] = [];
    limiter.request('v', () => order.push('first'));
    const cancel = limiter.request('v', () => order.push('dropped'));
    limiter.request('v', () => order.push('third'));
    cancel();
    cancel();
    vi.advanceTimersByTime(1_000);
    expect(order).toEqual(['first', 'third']);
  });

  it('cancelling the last waiter clears the timer', () => {
    const limiter = new ConnectLimiter({ budgets });
    limiter.request('v', () => {});
    const cancels = [limiter.request('v', () => {}), limiter.request('v', () => {})];
    expect(vi.getTimerCount()).toBe(1);
    for (const cancel of cancels) cancel();
    expect(vi.getTimerCount()).toBe(0);
    expect(limiter.queued('v')).toBe(0);
  });

  it('acquire resolves true when granted and false when aborted first', async () => {
    const limiter = new ConnectLimiter({ budgets });
    await expect(limiter.acquire('v')).resolves.toBe(true);
    const abort = new AbortController();
    const aborted = limiter.acquire('v', abort.signal);
    const next = limiter.acquire('v');
    abort.abort();
    await expect(aborted).resolves.toBe(false);
    vi.advanceTimersByTime(1_000);
    await expect(next).resolves.toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('close drops every queued request, resolves waiting acquires false and stops its timers', async () => {
    const limiter = new ConnectLimiter({ budgets });
    const granted: number[] = [];
    limiter.request('v', () => granted.push(1));
    limiter.request('v', () => granted.push(2));
    const waiting = limiter.acquire('v');
    limiter.close();
    await expect(waiting).resolves.toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    limiter.request('v', () => granted.push(3));
    await expect(limiter.acquire('v')).resolves.toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(granted).toEqual([1]);
  });
});

describe('a budget of one connection per window', () => {
  it('the second connection goes one window (and the handshake slack) after the first', () => {
    vi.useFakeTimers();
    try {
      const limiter = new ConnectLimiter({ budgets: { solo: { connections: 1, perMs: 60_000 } }, now: () => Date.now() });
      const opened: number[] = [];
      limiter.request('solo', () => opened.push(Date.now()));
      limiter.request('solo', () => opened.push(Date.now()));
      expect(opened).toHaveLength(1);
      vi.advanceTimersByTime(60_000 + HANDSHAKE_SLACK_MS - 1);
      expect(opened).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(opened).toHaveLength(2);
      expect(opened[1]! - opened[0]!).toBe(60_000 + HANDSHAKE_SLACK_MS);
      limiter.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
