/** A book's age by the venue's clock, against the smallest lag seen recently. */
import { describe, expect, it } from 'vitest';
import { BEHIND_AFTER_MS, BookLag } from '../../src/feeds/book-lag.js';

const T = 1_700_000_000_000;

describe('BookLag', () => {
  it('takes a steady skew as the usual lag, either way', () => {
    for (const skew of [-3_600_000, 3_600_000]) {
      const lag = new BookLag('full-snapshot');
      for (let i = 0; i < 100; i++) expect(lag.sample('snapshot', T + i * 500 - skew, T + i * 500 + 20)).toBeUndefined();
      expect(lag.behind).toBe(false);
    }
  });

  it('a message far older than the usual lag puts the book behind, and says by how much, once', () => {
    const lag = new BookLag('ws-snapshot');
    lag.sample('delta', T - 30, T);
    expect(lag.sample('delta', T + 100 - 60_030, T + 100)).toBe("book 60.0 s older than the venue's usual lag: not live until a current one comes");
    expect(lag.behind).toBe(true);
    expect(lag.sample('delta', T + 200 - 60_030, T + 200)).toBeUndefined();
    lag.sample('delta', T + 300 - 30, T + 300);
    expect(lag.behind).toBe(false);
  });

  it('allows up to BEHIND_AFTER_MS more than usual', () => {
    const lag = new BookLag('rest-snapshot');
    lag.sample('delta', T, T);
    lag.sample('delta', T + 1 - BEHIND_AFTER_MS, T + 1);
    expect(lag.behind).toBe(false);
    lag.sample('delta', T + 2 - BEHIND_AFTER_MS - 2, T + 2);
    expect(lag.behind).toBe(true);
  });

  it('does not judge the snapshot of a venue that sends deltas: it may carry the time of the last change', () => {
    const lag = new BookLag('ws-snapshot');
    lag.sample('delta', T, T);
    lag.connectionLost();
    expect(lag.sample('snapshot', T - 600_000, T + 1_000)).toBeUndefined();
    expect(lag.behind).toBe(false);
  });

  it('keeps its baseline over a reconnect, judging the new connection afresh', () => {
    const lag = new BookLag('full-snapshot');
    lag.sample('snapshot', T - 60_000, T);
    lag.sample('snapshot', T, T);
    lag.connectionLost();
    expect(lag.behind).toBe(false);
    lag.sample('snapshot', T + 120_000 - 60_000, T + 120_000);
    expect(lag.behind).toBe(true);
  });

  it('follows a lag that settles at a new level once the old windows have passed', () => {
    const lag = new BookLag('full-snapshot');
    lag.sample('snapshot', T, T);
    const behindAt: boolean[] = [];
    for (let s = 1; s <= 40; s++) {
      lag.sample('snapshot', T + s * 1000 - 60_000, T + s * 1000);
      behindAt.push(lag.behind);
    }
    expect(behindAt.slice(0, 19).every(Boolean)).toBe(true);
    expect(behindAt.at(-1)).toBe(false);
  });

  it('says 0 ms behind before any message, and again once the connection is lost', () => {
    const lag = new BookLag('full-snapshot');
    expect(lag.behindMs).toBe(0);
    lag.sample('snapshot', T, T);
    lag.sample('snapshot', T + 1_000 - 60_000, T + 1_000);
    expect(lag.behindMs).toBe(60_000);
    lag.connectionLost();
    expect(lag.behindMs).toBe(0);
    expect(lag.behind).toBe(false);
  });

  it('remembers the usual lag for three windows of ten seconds of data, not two', () => {
    const lag = new BookLag('full-snapshot');
    lag.sample('snapshot', T, T);
    lag.sample('snapshot', T + 10_000 - 60_000, T + 10_000);
    lag.sample('snapshot', T + 20_000 - 60_000, T + 20_000);
    expect(lag.behindMs).toBe(60_000);
  });

  it('starts a new window ten seconds after the last one began', () => {
    const lag = new BookLag('full-snapshot');
    lag.sample('snapshot', T, T);
    // In the second window: the window holding the fast message is the first to be forgotten.
    for (const s of [10, 20, 30]) lag.sample('snapshot', T + s * 1000 - 60_000, T + s * 1000);
    expect(lag.behindMs).toBe(0);
  });
});
