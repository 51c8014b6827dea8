/**
 * The figures a health pane shows: messages per second over the last whole second (not a second
 * still being counted, not an old one after a silence), the state a user reads from the link's
 * phase and the book's sync, and a latency figure that follows a change of a second at once.
 */
import { describe, expect, it } from 'vitest';
import type { LinkPhase } from '../../src/feeds/connection.js';
import { LatencyMeter, RateMeter, feedState } from '../../src/feeds/health.js';

/** A meter marked at each of `times`. */
function marked(times: readonly number[]): RateMeter {
  const meter = new RateMeter();
  for (const t of times) meter.mark(t);
  return meter;
}

describe('RateMeter', () => {
  it('reports the last whole second, not the one being counted', () => {
    const meter = marked([0, 200, 400, 600, 800]);
    expect(meter.perSecond(999)).toBe(0);
    expect(meter.perSecond(1_000)).toBe(5);
    meter.mark(1_500);
    expect(meter.perSecond(1_999)).toBe(5);
    expect(meter.perSecond(2_000)).toBe(1);
  });

  it('reports 0 once a whole second has passed without a message', () => {
    expect(marked([0, 500]).perSecond(2_000)).toBe(0);
    expect(marked([0, 500]).perSecond(7_250)).toBe(0);
    const meter = marked([0, 500]);
    expect(meter.perSecond(1_999)).toBe(2);
    expect(meter.perSecond(3_000)).toBe(0);
  });

  it('keeps its seconds on whole-second boundaries after a silence', () => {
    const meter = marked([0]);
    expect(meter.perSecond(2_500)).toBe(0);
    // The second now being counted began at 2000: these three fall in it.
    for (const t of [2_600, 2_700, 2_999]) meter.mark(t);
    meter.mark(3_000);
    expect(meter.perSecond(3_000)).toBe(3);
    expect(meter.perSecond(4_000)).toBe(1);
  });

  it('counts a busy second exactly', () => {
    const times = Array.from({ length: 250 }, (_, i) => 10_000 + i * 4);
    expect(marked(times).perSecond(11_000)).toBe(250);
  });
});

describe('feedState', () => {
  it.each(['connecting', 'stale', 'reconnecting', 'down', 'closed'] satisfies LinkPhase[])('a %s link is shown as such, whatever its book', (phase) => {
    for (const synced of [false, true]) for (const behind of [false, true]) expect(feedState(phase, synced, behind)).toBe(phase);
  });

  it('an open link is syncing until its book is in sync, live while current, stale when far behind', () => {
    expect(feedState('open', false)).toBe('syncing');
    expect(feedState('open', false, true)).toBe('syncing');
    expect(feedState('open', true)).toBe('live');
    expect(feedState('open', true, false)).toBe('live');
    expect(feedState('open', true, true)).toBe('stale');
  });
});

describe('LatencyMeter steps', () => {
  it('takes a change of exactly a second at once', () => {
    const meter = new LatencyMeter();
    meter.sample(0, 40);
    meter.sample(1_000, 2_040);
    expect(meter.ms).toBe(1_040);
  });

  it('smooths a small change of a large figure: a fifth of the way each sample', () => {
    const meter = new LatencyMeter();
    meter.sample(0, 600);
    meter.sample(1_000, 1_650);
    expect(meter.ms).toBe(610);
    meter.sample(2_000, 2_650);
    expect(meter.ms).toBe(618);
  });
});
