/**
 * The link is judged as often as its tuning asks: each rule (server silence, a missing pong, the
 * protocol probe, stale data, a stall) acts no later than its threshold plus one check period, a
 * fifth of the shortest deadline (LinkWatch.checkEveryMs). A connection ticking slower than that
 * misses these bounds. Time here is a hand-driven clock, so the bounds are exact, not padded.
 */
import { describe, expect, it } from 'vitest';
import { ResilientSocket } from '../../src/feeds/connection.js';
import { DEFAULT_TUNING, type LinkTuning } from '../../src/feeds/link-tuning.js';
import { ManualTransport } from '../helpers/manual-transport.js';

/** Far enough away that only the rule under test can fire. */
const FAR = 1e9;
const noProbe = { probe: { idleMs: FAR, timeoutMs: FAR } };

function openLink(tuning: LinkTuning): { socket: ResilientSocket; transport: ManualTransport } {
  const transport = new ManualTransport();
  const socket = new ResilientSocket(() => 'wss://venue.test/ws', tuning, {
    opened: () => undefined,
    frame: () => undefined,
    lost: () => undefined,
    healthy: () => true,
  }, transport);
  socket.start();
  transport.socket.open();
  return { socket, transport };
}

/** Advances until the first connection is dropped; the time it was. */
function droppedAt(transport: ManualTransport, limitMs: number): number {
  const first = transport.sockets[0]!;
  transport.clock.advanceUntil('the drop', () => first.terminated, limitMs);
  return first.terminatedAt!;
}

describe('link checks keep their period', () => {
  it('ticks at a fifth of the shortest deadline', () => {
    const { socket, transport } = openLink({ ...DEFAULT_TUNING, ...noProbe, heartbeat: { kind: 'server-ping', timeoutMs: 1_000 }, staleAfterMs: FAR });
    expect(transport.clock.intervals).toEqual([200]);
    socket.close();
  });

  it('a silent server is dropped within its timeout plus one check', () => {
    const { socket, transport } = openLink({ ...DEFAULT_TUNING, ...noProbe, heartbeat: { kind: 'server-ping', timeoutMs: 1_000 }, staleAfterMs: FAR });
    const at = droppedAt(transport, 5_000);
    expect(at).toBeGreaterThan(1_000);
    expect(at).toBeLessThanOrEqual(1_000 + 200);
    socket.close();
  });

  it('pings on time and drops a link whose pong is late by more than one check', () => {
    const heartbeat = { kind: 'client-ping', frame: 'ping', intervalMs: 1_000, timeoutMs: 500 } as const;
    const { socket, transport } = openLink({ ...DEFAULT_TUNING, ...noProbe, heartbeat, staleAfterMs: FAR });
    const link = transport.socket;
    const check = 100;
    transport.clock.advanceUntil('the first ping', () => link.sent.length === 1, 1_000 + check);
    const pingAt = transport.clock.now();
    expect(pingAt).toBeGreaterThanOrEqual(1_000);
    socket.markPong();
    transport.clock.advanceUntil('the second ping', () => link.sent.length === 2, 1_000 + check);
    const secondAt = transport.clock.now();
    const at = droppedAt(transport, 5_000);
    expect(at - secondAt).toBeGreaterThan(heartbeat.timeoutMs);
    expect(at - secondAt).toBeLessThanOrEqual(heartbeat.timeoutMs + check);
    socket.close();
  });

  it('probes an idle link and drops it when the probe goes unanswered', () => {
    const probe = { idleMs: 2_000, timeoutMs: 3_000 };
    const { socket, transport } = openLink({ ...DEFAULT_TUNING, probe, heartbeat: { kind: 'server-ping', timeoutMs: FAR }, staleAfterMs: FAR });
    // A fifth of the probe's 3 s timeout is 600 ms; checks are capped at 250 ms.
    const check = 250;
    const link = transport.socket;
    transport.clock.advanceUntil('the probe', () => link.pings === 1, probe.idleMs + check);
    const probedAt = transport.clock.now();
    const at = droppedAt(transport, 10_000);
    expect(at - probedAt).toBeGreaterThan(probe.timeoutMs);
    expect(at - probedAt).toBeLessThanOrEqual(probe.timeoutMs + check);
    socket.close();
  });

  it('marks a link without data stale, then drops it, each within one check of its threshold', () => {
    const tuning = { ...DEFAULT_TUNING, ...noProbe, heartbeat: { kind: 'heartbeat-channel', timeoutMs: FAR } as const, staleAfterMs: 1_000, reconnectAfterStaleMs: 1_500 };
    const { socket, transport } = openLink(tuning);
    const check = 200;
    // Heartbeats keep coming: the link is up, only the data is missing.
    const heartbeats = transport.clock.setInterval(() => transport.sockets[0]!.isOpen && transport.sockets[0]!.frame('{"heartbeat":1}'), 50);
    transport.clock.advanceUntil('stale', () => socket.phase === 'stale', tuning.staleAfterMs + check);
    expect(transport.clock.now()).toBeGreaterThan(tuning.staleAfterMs);
    const at = droppedAt(transport, 10_000);
    const stalledAfter = tuning.staleAfterMs + tuning.reconnectAfterStaleMs;
    expect(at).toBeGreaterThan(stalledAfter);
    expect(at).toBeLessThanOrEqual(stalledAfter + check);
    transport.clock.clear(heartbeats);
    socket.close();
  });
});
