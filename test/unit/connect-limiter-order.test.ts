/**
 * ConnectLimiter when timers run late and clocks move on their own: a window's worth goes out at
 * once and no more, a request that arrives while the timer is overdue still waits its turn, a drain
 * spends slots only on waiters, each venue has its own window unless it names a shared one, and
 * a request dropped (aborted, closed) leaves nothing behind — no grant, no listener, no timer.
 * The limiter reads time through `now`, and timers through the (fake) timer functions, so a late
 * timer is a clock moved without running timers.
 */
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectLimiter, HANDSHAKE_SLACK_MS, sustainedIntervalMs, type ConnectBudget } from '../../src/pool/connect-limiter.js';

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

/** A window of `ms` once the handshake slack is added. */
const windowOf = (ms: number): number => ms - HANDSHAKE_SLACK_MS;

describe('the window', () => {
  it("a window's worth goes out at once, the next waits for the oldest grant to leave it", () => {
    const { limiter, clock } = limiterOn({ v: { connections: 3, perMs: windowOf(1_000) } });
    const granted: number[] = [];
    for (let i = 0; i < 4; i++) limiter.request('v', () => granted.push(i));
    expect(granted).toEqual([0, 1, 2]);
    expect(limiter.queued('v')).toBe(1);
    clock.t = 1_000;
    vi.advanceTimersByTime(1_000);
    expect(granted).toEqual([0, 1, 2, 3]);
    limiter.close();
  });

  it('a grant frees its slot exactly one window later, not before', () => {
    const { limiter, clock } = limiterOn({ v: { connections: 2, perMs: windowOf(1_000) } });
    const at: number[] = [];
    limiter.request('v', () => at.push(clock.t));
    clock.t = 400;
    limiter.request('v', () => at.push(clock.t));
    limiter.request('v', () => at.push(clock.t));
    limiter.request('v', () => at.push(clock.t));
    // The first slot frees at 1 000, the second at 1 400: one grant each, never two at 1 000.
    clock.t = 999;
    vi.advanceTimersByTime(599);
    expect(at).toEqual([0, 400]);
    clock.t = 1_000;
    vi.advanceTimersByTime(1);
    expect(at).toEqual([0, 400, 1_000]);
    clock.t = 1_399;
    vi.advanceTimersByTime(399);
    expect(at).toEqual([0, 400, 1_000]);
    clock.t = 1_400;
    vi.advanceTimersByTime(1);
    expect(at).toEqual([0, 400, 1_000, 1_400]);
    limiter.close();
  });

  it('sustains one connection per window / connections over many windows', () => {
    expect(sustainedIntervalMs({ connections: 8, perMs: windowOf(8_000) })).toBe(1_000);
    expect(sustainedIntervalMs({ connections: 1, perMs: 60_000 })).toBe(60_000 + HANDSHAKE_SLACK_MS);
  });
});

describe('late timers', () => {
  const budgets = { v: { connections: 1, perMs: windowOf(1_000) } }; // one a second

  it('a request made while the timer is overdue waits behind the one already queued', () => {
    const { limiter, clock } = limiterOn(budgets);
    const order: string[] = [];
    limiter.request('v', () => order.push('first'));
    limiter.request('v', () => order.push('queued'));
    clock.t = 1_500; // a slot is free, but the event loop has not run the timer yet
    limiter.request('v', () => order.push('late'));
    expect(order).toEqual(['first']);
    vi.advanceTimersByTime(1_000);
    expect(order).toEqual(['first', 'queued']);
    clock.t = 2_500;
    vi.advanceTimersByTime(1_000);
    expect(order).toEqual(['first', 'queued', 'late']);
    limiter.close();
  });

  it('a drain spends a slot per waiter and keeps the rest for the next request', () => {
    const { limiter, clock } = limiterOn({ v: { connections: 2, perMs: windowOf(1_000) } });
    const order: string[] = [];
    for (const name of ['a', 'b', 'c']) limiter.request('v', () => order.push(name));
    clock.t = 5_000; // the timer is late: both slots are free when it runs
    vi.advanceTimersByTime(1_000);
    expect(order).toEqual(['a', 'b', 'c']);
    limiter.request('v', () => order.push('d'));
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    limiter.request('v', () => order.push('e'));
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    limiter.close();
  });

  it('waits only for the time until the oldest grant leaves the window', () => {
    const { limiter, clock } = limiterOn(budgets);
    const at: number[] = [];
    limiter.request('v', () => at.push(clock.t));
    clock.t = 600;
    limiter.request('v', () => at.push(clock.t));
    expect(at).toEqual([0]);
    expect(vi.getTimerCount()).toBe(1);
    // The timer is set for the 400 ms left of the window, not for a whole window.
    clock.t = 1_000;
    vi.advanceTimersByTime(399);
    expect(at).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(at).toEqual([0, 1_000]);
    limiter.close();
  });
});

describe('shared limits', () => {
  it('each venue has its own window unless it names a shared one', () => {
    const { limiter } = limiterOn({ a: { connections: 1, perMs: 3_000 }, b: { connections: 1, perMs: 3_000 } });
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
  it('an acquire with an already aborted signal is refused and spends no slot', async () => {
    const { limiter } = limiterOn({ v: { connections: 1, perMs: 3_000 } });
    const signal = AbortSignal.abort();
    await expect(limiter.acquire('v', signal)).resolves.toBe(false);
    const granted: string[] = [];
    limiter.request('v', () => granted.push('next'));
    expect(granted).toEqual(['next']);
    limiter.close();
  });

  it('a granted acquire leaves no listener on its signal', async () => {
    const { limiter, clock } = limiterOn({ v: { connections: 1, perMs: windowOf(1_000) } });
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

  it('after close nothing is granted, even on a venue whose window has room', async () => {
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
