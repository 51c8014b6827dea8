/**
 * ConnectLimiter when timers run late and clocks move on their own: a burst goes out at once and
 * no more, a request that arrives while the refill timer is overdue still waits its turn, a drain
 * spends tokens only on waiters, each venue has its own bucket unless it names a shared one, and
 * a request dropped (aborted, closed) leaves nothing behind — no grant, no listener, no timer.
 * The limiter reads time through `now`, and timers through the (fake) timer functions, so a late
 * timer is a clock moved without running timers.
 */
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectLimiter, sustainedIntervalMs, type ConnectBudget } from '../../src/pool/connect-limiter.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A limiter on its own clock: `clock.t` moves only when the test moves it. */
function limiterOn(budgets: Readonly<Record<string, ConnectBudget>>): { limiter: ConnectLimiter; clock: { t: number } } {
  const clock = { t: 0 };
  return { limiter: new ConnectLimiter({ budgets, now: () => clock.t }), clock };
}

describe('the burst', () => {
  it('a quarter of the budget goes out at once, the next waits for the refill', () => {
    const { limiter } = limiterOn({ v: { connections: 8, perMs: 6_000 } }); // burst 2, then one per second
    const granted: number[] = [];
    for (let i = 0; i < 3; i++) limiter.request('v', () => granted.push(i));
    expect(granted).toEqual([0, 1]);
    expect(limiter.queued('v')).toBe(1);
    limiter.close();
  });

  it('sustains one connection per (connections - burst) / window once the burst is spent', () => {
    expect(sustainedIntervalMs({ connections: 8, perMs: 6_000 })).toBe(1_000);
    expect(sustainedIntervalMs({ connections: 1, perMs: 60_000 })).toBe(60_000);
  });
});

describe('late timers', () => {
  const budgets = { v: { connections: 4, perMs: 3_000 } }; // burst 1, then one per second

  it('a request made while the refill timer is overdue waits behind the one already queued', () => {
    const { limiter, clock } = limiterOn(budgets);
    const order: string[] = [];
    limiter.request('v', () => order.push('first'));
    limiter.request('v', () => order.push('queued'));
    clock.t = 1_500; // a token is due, but the event loop has not run the timer yet
    limiter.request('v', () => order.push('late'));
    expect(order).toEqual(['first']);
    vi.advanceTimersByTime(1_000);
    expect(order).toEqual(['first', 'queued']);
    clock.t = 2_500;
    vi.advanceTimersByTime(1_000);
    expect(order).toEqual(['first', 'queued', 'late']);
    limiter.close();
  });

  it('a drain spends a token per waiter and keeps the rest for the next request', () => {
    const { limiter, clock } = limiterOn({ v: { connections: 8, perMs: 6_000 } }); // burst 2, one per second
    const order: string[] = [];
    for (const name of ['a', 'b', 'c']) limiter.request('v', () => order.push(name));
    clock.t = 5_000; // the timer is late: both tokens are back when it runs
    vi.advanceTimersByTime(1_000);
    expect(order).toEqual(['a', 'b', 'c']);
    limiter.request('v', () => order.push('d'));
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    limiter.close();
  });

  it('waits only for the part of a token still missing', () => {
    const { limiter, clock } = limiterOn(budgets);
    const at: number[] = [];
    limiter.request('v', () => at.push(clock.t));
    clock.t = 600; // 0.6 of the next token is back
    limiter.request('v', () => at.push(clock.t));
    expect(at).toEqual([0]);
    expect(vi.getTimerCount()).toBe(1);
    // The timer is set for the 400 ms still missing, not for a whole token's second.
    clock.t = 1_000;
    vi.advanceTimersByTime(399);
    expect(at).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(at).toEqual([0, 1_000]);
    limiter.close();
  });
});

describe('buckets', () => {
  it('each venue has its own bucket unless it names a shared one', () => {
    const { limiter } = limiterOn({ a: { connections: 4, perMs: 3_000 }, b: { connections: 4, perMs: 3_000 } });
    const granted: string[] = [];
    for (const venue of ['a', 'b', 'a', 'b']) limiter.request(venue, () => granted.push(venue));
    expect(granted).toEqual(['a', 'b']);
    expect([limiter.queued('a'), limiter.queued('b')]).toEqual([1, 1]);
    limiter.close();
  });

  it('a venue never asked for has nothing queued', () => {
    const { limiter } = limiterOn({});
    expect(limiter.queued('nobody')).toBe(0);
  });
});

describe('dropped requests', () => {
  it('an acquire with an already aborted signal is refused and spends no token', async () => {
    const { limiter } = limiterOn({ v: { connections: 4, perMs: 3_000 } });
    const signal = AbortSignal.abort();
    await expect(limiter.acquire('v', signal)).resolves.toBe(false);
    const granted: string[] = [];
    limiter.request('v', () => granted.push('next'));
    expect(granted).toEqual(['next']);
    limiter.close();
  });

  it('a granted acquire leaves no listener on its signal', async () => {
    const { limiter, clock } = limiterOn({ v: { connections: 4, perMs: 3_000 } });
    const abort = new AbortController();
    await expect(limiter.acquire('v', abort.signal)).resolves.toBe(true);
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(0);
    const queued = limiter.acquire('v', abort.signal);
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(1);
    clock.t = 1_000;
    vi.advanceTimersByTime(1_000);
    await expect(queued).resolves.toBe(true);
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(0);
    limiter.close();
  });

  it('after close nothing is granted, even on a venue whose bucket is full', async () => {
    const { limiter } = limiterOn({ v: { connections: 4, perMs: 3_000 } });
    limiter.close();
    const granted: string[] = [];
    const cancel = limiter.request('fresh', () => granted.push('fresh'));
    cancel();
    await expect(limiter.acquire('v')).resolves.toBe(false);
    expect(granted).toEqual([]);
    expect(limiter.queued('fresh')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
