import { describe, expect, it } from 'vitest';
import { LinkWatch } from '../../src/feeds/link-watch.js';

const stall = { staleAfterMs: 1_000, reconnectAfterStaleMs: 2_000 };

describe('LinkWatch', () => {
  it('client ping: asks for a ping on the interval, and a missing pong kills the link', () => {
    const watch = new LinkWatch({ heartbeat: { kind: 'client-ping', frame: 'ping', intervalMs: 500, timeoutMs: 300 }, ...stall });
    watch.opened(0);
    watch.sawData(400);
    expect(watch.check(400)).toEqual({ kind: 'fine' });
    expect(watch.check(500)).toEqual({ kind: 'ping', frame: 'ping' });
    watch.pingSent(500);
    watch.sawData(700);
    expect(watch.check(800)).toEqual({ kind: 'fine' });
    expect(watch.check(801)).toEqual({ kind: 'dead', reason: 'no pong within 300 ms' });
    watch.sawPong();
    expect(watch.check(900)).toEqual({ kind: 'fine' });
    expect(watch.check(1_000)).toEqual({ kind: 'ping', frame: 'ping' });
  });

  it('server ping: any frame keeps the link, silence past the timeout kills it', () => {
    const watch = new LinkWatch({ heartbeat: { kind: 'server-ping', timeoutMs: 600 }, ...stall });
    watch.opened(0);
    watch.sawFrame(500);
    watch.sawData(500);
    expect(watch.check(1_000)).toEqual({ kind: 'fine' });
    expect(watch.check(1_101)).toEqual({ kind: 'dead', reason: 'server silent for 600 ms' });
  });

  it('heartbeats alone keep the link but not the data: stale, then dead after the grace', () => {
    const watch = new LinkWatch({ heartbeat: { kind: 'heartbeat-channel', timeoutMs: 500 }, ...stall });
    watch.opened(0);
    for (let t = 100; t <= 3_000; t += 100) watch.sawFrame(t);
    expect(watch.check(900)).toEqual({ kind: 'fine' });
    expect(watch.check(1_001)).toEqual({ kind: 'stale' });
    expect(watch.check(3_001)).toEqual({ kind: 'dead', reason: 'stalled: no market data for 3 s' });
  });

  it('checks often enough for its shortest deadline, within 20 to 250 ms', () => {
    expect(new LinkWatch({ heartbeat: { kind: 'server-ping', timeoutMs: 60_000 }, ...stall }).checkEveryMs).toBe(200);
    expect(new LinkWatch({ heartbeat: { kind: 'server-ping', timeoutMs: 60 }, ...stall }).checkEveryMs).toBe(20);
    expect(new LinkWatch({ heartbeat: { kind: 'server-ping', timeoutMs: 60_000 }, staleAfterMs: 60_000, reconnectAfterStaleMs: 1 }).checkEveryMs).toBe(250);
  });
});
