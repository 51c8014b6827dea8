import { describe, expect, it } from 'vitest';
import { Backoff, parseRetryAfter } from '../../src/feeds/backoff.js';

describe('Backoff', () => {
  const policy = { baseMs: 500, capMs: 30_000, floorMs: 100 };

  it('grows exponentially under full jitter and never passes the cap', () => {
    const ceilings: number[] = [];
    const backoff = new Backoff(policy, () => 0.999999);
    for (let i = 0; i < 12; i++) ceilings.push(Math.round(backoff.next()));
    expect(ceilings.slice(0, 5)).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(Math.max(...ceilings)).toBe(30_000);
  });

  it('never gives up and never goes under the floor', () => {
    const backoff = new Backoff(policy, () => 0);
    for (let i = 0; i < 1000; i++) expect(backoff.next()).toBe(100);
    expect(backoff.attempts).toBe(1000);
  });

  it('spreads delays over the whole window (full jitter)', () => {
    let value = 0;
    const backoff = new Backoff(policy, () => (value = (value + 0.37) % 1));
    for (let i = 0; i < 6; i++) backoff.next();
    const samples = Array.from({ length: 50 }, () => {
      const b = new Backoff(policy, () => (value = (value + 0.37) % 1));
      for (let i = 0; i < 6; i++) b.next();
      return b.next();
    });
    expect(Math.min(...samples)).toBeLessThan(10_000);
    expect(Math.max(...samples)).toBeGreaterThan(20_000);
  });

  it('honours Retry-After as a lower bound and resets on demand', () => {
    const backoff = new Backoff(policy, () => 0);
    expect(backoff.next(7_000)).toBe(7_000);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(null)).toBe(0);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('garbage')).toBe(0);
  });
});
