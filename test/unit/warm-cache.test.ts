/**
 * WarmCache on its own, on fake timers: it holds as many sessions as asked (2 by default) for as
 * long as asked (60 s by default), owns what it holds (each closed exactly once, unless taken
 * back), never holds two sessions of one symbol, and after close() closes whatever it is handed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WARM, WarmCache } from '../../src/pool/warm-cache.js';

class Session {
  closes = 0;
  constructor(readonly base: string) {}
  close(): void {
    this.closes++;
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WarmCache', () => {
  it('holds the last two symbols for a minute by default', () => {
    expect(DEFAULT_WARM).toEqual({ size: 2, ttlMs: 60_000 });
    const cache = new WarmCache<Session>();
    expect([cache.size, cache.ttlMs]).toEqual([2, 60_000]);
    const [a, b, c] = ['A', 'B', 'C'].map((base) => new Session(base)) as [Session, Session, Session];
    cache.put(a);
    cache.put(b);
    cache.put(c);
    expect(cache.bases()).toEqual(['B', 'C']);
    expect(a.closes).toBe(1);
    vi.advanceTimersByTime(59_999);
    expect(cache.count).toBe(2);
    vi.advanceTimersByTime(1);
    expect(cache.count).toBe(0);
    expect([b.closes, c.closes]).toEqual([1, 1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('holds as many as asked, as long as asked', () => {
    const cache = new WarmCache<Session>({ size: 3, ttlMs: 1_000 });
    const sessions = ['A', 'B', 'C', 'D'].map((base) => new Session(base));
    for (const session of sessions) cache.put(session);
    expect(cache.bases()).toEqual(['B', 'C', 'D']);
    expect(cache.has('B')).toBe(true);
    expect(cache.has('A')).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(cache.count).toBe(0);
    expect(sessions.map((session) => session.closes)).toEqual([1, 1, 1, 1]);
  });

  it('a size of 0 keeps nothing: a session put in is closed at once', () => {
    const cache = new WarmCache<Session>({ size: 0 });
    const session = new Session('A');
    cache.put(session);
    expect(session.closes).toBe(1);
    expect(cache.count).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('take hands a session back with ownership: the cache never closes it', () => {
    const cache = new WarmCache<Session>({ ttlMs: 1_000 });
    const session = new Session('A');
    cache.put(session);
    expect(cache.take('A')).toBe(session);
    expect(cache.take('A')).toBeUndefined();
    vi.advanceTimersByTime(5_000);
    cache.close();
    expect(session.closes).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a second session of one symbol replaces the first, which is closed; putting the same one again keeps it open', () => {
    const cache = new WarmCache<Session>({ ttlMs: 1_000 });
    const first = new Session('A');
    const second = new Session('A');
    cache.put(first);
    cache.put(first);
    expect(first.closes).toBe(0);
    expect(cache.count).toBe(1);
    vi.advanceTimersByTime(600);
    cache.put(second);
    expect(first.closes).toBe(1);
    expect(cache.take('A')).toBe(second);
    expect(second.closes).toBe(0);
    // A re-put session lives a full time to live from its last put.
    cache.put(second);
    vi.advanceTimersByTime(600);
    expect(second.closes).toBe(0);
    vi.advanceTimersByTime(400);
    expect(second.closes).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('close() closes what it holds once, and closes whatever it is handed afterwards', () => {
    const cache = new WarmCache<Session>();
    const held = new Session('A');
    cache.put(held);
    cache.close();
    cache.close();
    expect(held.closes).toBe(1);
    const late = new Session('B');
    cache.put(late);
    expect(late.closes).toBe(1);
    expect(cache.count).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
