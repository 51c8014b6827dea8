/**
 * ResilientSocket's promises about its own life, on a hand-driven transport: it reconnects after
 * every loss however many there were, its backoff grows while the link flaps and starts afresh
 * only after a connection carried data in sync for `stableAfterMs`, and close() leaves no timer
 * that could fire (the retry wait, the tick, the connect timeout) and opens nothing afterwards.
 */
import { describe, expect, it } from 'vitest';
import { ResilientSocket } from '../../src/feeds/connection.js';
import { DEFAULT_TUNING, type LinkTuning } from '../../src/feeds/link-tuning.js';
import { ManualTransport } from '../helpers/manual-transport.js';

const BASE_MS = DEFAULT_TUNING.backoff.baseMs;

const tuning: LinkTuning = {
  ...DEFAULT_TUNING,
  heartbeat: { kind: 'server-ping', timeoutMs: 10_000 },
  staleAfterMs: 10_000,
};

function connection(options: { healthy?: () => boolean } = {}): { socket: ResilientSocket; transport: ManualTransport; losses: string[] } {
  const transport = new ManualTransport();
  const losses: string[] = [];
  const socket = new ResilientSocket(() => 'wss://venue.test/ws', tuning, {
    opened: () => undefined,
    frame: () => undefined,
    lost: (reason) => losses.push(reason),
    healthy: options.healthy ?? (() => true),
  }, transport);
  return { socket, transport, losses };
}

/** The wait before the next attempt, as scheduled right after a loss. */
function waitAfterLoss(socket: ResilientSocket, transport: ManualTransport): number {
  expect(socket.retryAt, `phase ${socket.phase}: no retry scheduled`).toBeDefined();
  return socket.retryAt! - transport.clock.now();
}

/** Keeps an open link alive and carrying data for `ms` (a ping and an update every 500 ms). */
function carryData(socket: ResilientSocket, transport: ManualTransport, ms: number): void {
  const end = transport.clock.now() + ms;
  while (transport.clock.now() < end) {
    transport.clock.advanceBy(500);
    transport.socket.serverPing();
    socket.markData(transport.clock.now());
  }
}

describe('ResilientSocket never gives up', () => {
  it('reconnects after each of 15 consecutive losses: drops, refusals and unanswered handshakes', () => {
    const { socket, transport } = connection();
    socket.start();
    for (let loss = 1; loss <= 15; loss++) {
      const current = transport.socket;
      if (loss % 3 === 0) current.refuse(503);
      else if (loss % 3 === 1) {
        current.open();
        current.drop(1006, 'gone');
      } else transport.clock.advanceBy(tuning.connectTimeoutMs);
      expect(['reconnecting', 'down']).toContain(socket.phase);
      const wait = waitAfterLoss(socket, transport);
      expect(wait).toBeLessThanOrEqual(tuning.backoff.capMs);
      transport.clock.advanceBy(wait);
      expect(transport.sockets, `no attempt after loss ${loss}`).toHaveLength(loss + 1);
      expect(socket.phase).toBe('connecting');
    }
    transport.socket.open();
    expect(socket.phase).toBe('open');
    // Reconnects count links that opened again after a loss (losses 4, 7, 10, 13 and the last
    // one); attempts that never opened (refused, timed out) are counted apart.
    expect(socket.reconnects).toBe(5);
    expect(socket.failedAttempts).toBe(10);
    socket.close();
  });
});

describe('ResilientSocket backoff', () => {
  it('grows while the link flaps, even when each connection is in sync for a while', () => {
    const { socket, transport } = connection();
    socket.start();
    const waits: number[] = [];
    for (let flap = 0; flap < 10; flap++) {
      transport.socket.open();
      // In sync for half the stable time: not yet proof of a link that stays.
      carryData(socket, transport, tuning.stableAfterMs / 2);
      transport.socket.drop();
      waits.push(waitAfterLoss(socket, transport));
      transport.clock.advanceBy(waits.at(-1)!);
    }
    // Full jitter draws each wait from [0, base·2^n): with the count kept, all ten under the base
    // wait has odds of 2^-45. Reset on each open, every wait would be under it.
    expect(Math.max(...waits)).toBeGreaterThan(BASE_MS);
    waits.forEach((wait, n) => expect(wait).toBeLessThanOrEqual(Math.min(tuning.backoff.capMs, BASE_MS * 2 ** n)));
    socket.close();
  });

  it('starts afresh once a connection carried data in sync for stableAfterMs, not before', () => {
    let inSync = false;
    const { socket, transport } = connection({ healthy: () => inSync });
    socket.start();
    for (let i = 0; i < 10; i++) {
      transport.socket.open();
      transport.socket.drop();
      transport.clock.advanceBy(waitAfterLoss(socket, transport));
    }

    // Long and carrying data, but the book never in sync: no proof, the count stays. Past ten
    // attempts each wait is drawn from [0, cap): five under the base wait have odds of 1e-8.
    const unsynced: number[] = [];
    for (let i = 0; i < 5; i++) {
      transport.socket.open();
      carryData(socket, transport, tuning.stableAfterMs * 2);
      transport.socket.drop();
      unsynced.push(waitAfterLoss(socket, transport));
      transport.clock.advanceBy(unsynced.at(-1)!);
    }
    expect(Math.max(...unsynced)).toBeGreaterThan(BASE_MS);

    // In sync past stableAfterMs: the next wait is a first attempt's again.
    transport.socket.open();
    inSync = true;
    carryData(socket, transport, tuning.stableAfterMs + 1_000);
    transport.socket.drop();
    expect(waitAfterLoss(socket, transport)).toBeLessThanOrEqual(BASE_MS);
    socket.close();
  });
});

describe('ResilientSocket close()', () => {
  const phases = {
    'waiting out the backoff': (transport: ManualTransport) => {
      transport.socket.open();
      transport.socket.drop();
    },
    'with a handshake unanswered': () => undefined,
    'with the link open': (transport: ManualTransport) => transport.socket.open(),
    'with the link stale': (transport: ManualTransport) => {
      transport.socket.open();
      transport.clock.advanceBy(tuning.staleAfterMs + 100);
    },
  } satisfies Record<string, (transport: ManualTransport) => void>;

  it.each(Object.entries(phases))('%s leaves no timer and opens nothing afterwards', (_phase, reach) => {
    const { socket, transport } = connection();
    socket.start();
    reach(transport);
    expect(transport.clock.pending).toBeGreaterThan(0);
    const made = transport.sockets.length;
    socket.close();
    expect(socket.phase).toBe('closed');
    expect(transport.clock.pending).toBe(0);
    expect(transport.sockets.every((s) => s.terminated || !s.isOpen)).toBe(true);
    transport.clock.advanceBy(3_600_000);
    expect(transport.sockets).toHaveLength(made);
    expect(socket.phase).toBe('closed');
  });
});
