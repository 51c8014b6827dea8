import { describe, expect, it } from 'vitest';
import { LinkWatch } from '../../src/feeds/link-watch.js';

/** The probe set far away, so each test sees only the rule it is about. */
const farProbe = { probe: { idleMs: 1e9, timeoutMs: 1e9 } };
const stall = { staleAfterMs: 1_000, reconnectAfterStaleMs: 2_000, ...farProbe };

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
    expect(new LinkWatch({ heartbeat: { kind: 'server-ping', timeoutMs: 60_000 }, staleAfterMs: 60_000, reconnectAfterStaleMs: 1, ...farProbe }).checkEveryMs).toBe(250);
    expect(new LinkWatch({ heartbeat: { kind: 'server-ping', timeoutMs: 60_000 }, staleAfterMs: 60_000, reconnectAfterStaleMs: 1, probe: { idleMs: 2_000, timeoutMs: 500 } }).checkEveryMs).toBe(100);
  });

  it('probes an idle link with a protocol ping and calls it dead when nothing answers', () => {
    const watch = new LinkWatch({ heartbeat: { kind: 'server-ping', timeoutMs: 60_000 }, staleAfterMs: 60_000, reconnectAfterStaleMs: 5_000, probe: { idleMs: 2_000, timeoutMs: 3_000 } });
    watch.opened(0);
    watch.sawFrame(1_000);
    expect(watch.check(2_999)).toEqual({ kind: 'fine' });
    expect(watch.check(3_000)).toEqual({ kind: 'probe' });
    watch.probeSent(3_000);
    expect(watch.check(3_500)).toEqual({ kind: 'fine' });
    // The pong (any frame) answers the probe; the next idle spell probes again.
    watch.sawFrame(3_400);
    expect(watch.check(5_400)).toEqual({ kind: 'probe' });
    watch.probeSent(5_400);
    expect(watch.check(8_400)).toEqual({ kind: 'fine' });
    expect(watch.check(8_401)).toEqual({ kind: 'dead', reason: 'link dead: no answer to a ping for 5 s' });
  });

  it("calls a busy feed stale after a silence of many of its own gaps, a quiet one only after the venue's bound", () => {
    const busy = new LinkWatch({ heartbeat: { kind: 'server-ping', timeoutMs: 60_000 }, staleAfterMs: 60_000, reconnectAfterStaleMs: 5_000, ...farProbe });
    busy.opened(0);
    for (let t = 100; t <= 10_000; t += 100) busy.sawData(t);
    expect(busy.staleAfterMs).toBe(2_000);
    expect(busy.check(12_000)).toEqual({ kind: 'fine' });
    expect(busy.check(12_001)).toEqual({ kind: 'stale' });
    // Reconnecting still waits for the venue's own bound: a pause of a link that answers is no dead link.
    busy.sawFrame(64_000);
    expect(busy.check(64_999)).toEqual({ kind: 'stale' });
    busy.sawFrame(74_000);
    expect(busy.check(75_001)).toEqual({ kind: 'dead', reason: 'stalled: no market data for 65 s' });
    const quiet = new LinkWatch({ heartbeat: { kind: 'server-ping', timeoutMs: 60_000 }, staleAfterMs: 60_000, reconnectAfterStaleMs: 5_000, ...farProbe });
    quiet.opened(0);
    for (let t = 10_000; t <= 100_000; t += 10_000) quiet.sawData(t);
    expect(quiet.staleAfterMs).toBe(60_000);
  });
});
