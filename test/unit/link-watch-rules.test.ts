/**
 * LinkWatch rules the main link-watch tests pass over: how the typical gap between updates is
 * learnt (from the first update after opening, smoothed), how often a client-ping venue is
 * checked, and a heartbeat-channel link that goes silent.
 */
import { describe, expect, it } from 'vitest';
import { LinkWatch } from '../../src/feeds/link-watch.js';
import type { HeartbeatPolicy } from '../../src/feeds/types.js';

const farProbe = { probe: { idleMs: 1e9, timeoutMs: 1e9 } };
const watchOf = (heartbeat: HeartbeatPolicy, staleAfterMs = 60_000): LinkWatch => new LinkWatch({ heartbeat, staleAfterMs, reconnectAfterStaleMs: 5_000, ...farProbe });
const quietServer: HeartbeatPolicy = { kind: 'server-ping', timeoutMs: 60_000 };

describe('LinkWatch learning a feed\'s pace', () => {
  it('measures gaps between updates only: the wait from opening to the first update is no gap', () => {
    const watch = watchOf(quietServer);
    watch.opened(0);
    watch.sawData(30_000);
    expect(watch.staleAfterMs).toBe(60_000);
    watch.sawData(30_050);
    // One gap of 50 ms: 20 of them is under the 2 s floor.
    expect(watch.staleAfterMs).toBe(2_000);
  });

  it('forgets the last connection\'s pace when a new one opens', () => {
    const watch = watchOf(quietServer);
    watch.opened(0);
    for (let t = 100; t <= 1_000; t += 100) watch.sawData(t);
    watch.opened(50_000);
    expect(watch.staleAfterMs).toBe(60_000);
    watch.sawData(80_000);
    watch.sawData(80_100);
    expect(watch.staleAfterMs).toBe(2_000);
  });

  it('smooths the gap: one long pause moves it a tenth of the way', () => {
    const watch = watchOf(quietServer);
    watch.opened(0);
    for (let t = 200; t <= 2_000; t += 200) watch.sawData(t);
    watch.sawData(3_000);
    // 0.9 × 200 + 0.1 × 1000 = 280 ms; 20 gaps of it.
    expect(watch.staleAfterMs).toBeCloseTo(5_600, 6);
  });
});

describe('LinkWatch check period', () => {
  it('a client-ping venue is checked at a fifth of its ping interval when that is the shorter', () => {
    expect(watchOf({ kind: 'client-ping', frame: 'ping', intervalMs: 500, timeoutMs: 10_000 }).checkEveryMs).toBe(100);
    expect(watchOf({ kind: 'client-ping', frame: 'ping', intervalMs: 10_000, timeoutMs: 500 }).checkEveryMs).toBe(100);
  });
});

describe('LinkWatch on a heartbeat channel', () => {
  it('a link silent past the heartbeat timeout is dead; at the timeout it is not yet', () => {
    const watch = watchOf({ kind: 'heartbeat-channel', timeoutMs: 500 });
    watch.opened(0);
    watch.sawFrame(1_000);
    watch.sawData(1_000);
    expect(watch.check(1_500)).toEqual({ kind: 'fine' });
    expect(watch.check(1_501)).toEqual({ kind: 'dead', reason: 'no heartbeat within 500 ms' });
  });

  it('refuses a heartbeat policy it does not know', () => {
    const watch = watchOf({ kind: 'carrier-pigeon' } as unknown as HeartbeatPolicy);
    watch.opened(0);
    expect(() => watch.check(1)).toThrow('unknown heartbeat policy {"kind":"carrier-pigeon"}');
  });
});
