/**
 * ResilientSocket's smaller promises, on a hand-driven transport: what each loss says and when,
 * when a wait shows as `down`, what a resync's and a user's reconnect leave alone, that a failed
 * feed stays down, that a replaced connection's callbacks reach nothing, and that a socket that
 * stopped being open without a close event is dropped at the next check.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectGate } from '../../src/feeds/connect-request.js';
import { ResilientSocket } from '../../src/feeds/connection.js';
import { DEFAULT_TUNING, type LinkTuning } from '../../src/feeds/link-tuning.js';
import type { WireSocket } from '../../src/feeds/transport.js';
import { ManualTransport } from '../helpers/manual-transport.js';

const fixedWait = (ms: number): LinkTuning['backoff'] => ({ baseMs: ms, capMs: ms, floorMs: ms });

const baseTuning: LinkTuning = {
  ...DEFAULT_TUNING,
  heartbeat: { kind: 'server-ping', timeoutMs: 10_000 },
  staleAfterMs: 1_000,
  reconnectAfterStaleMs: 60_000,
  probe: { idleMs: 1e9, timeoutMs: 1e9 },
  backoff: fixedWait(500),
};

interface Made {
  readonly socket: ResilientSocket;
  readonly transport: ManualTransport;
  readonly frames: string[];
  readonly losses: string[];
}

function make(tuning: Partial<LinkTuning> = {}, transport = new ManualTransport(), gate?: ConnectGate): Made {
  const frames: string[] = [];
  const losses: string[] = [];
  const socket = new ResilientSocket(() => 'wss://venue.test/ws', { ...baseTuning, ...tuning }, {
    opened: () => undefined,
    frame: (frame) => frames.push(String(frame)),
    lost: (reason) => losses.push(reason),
    healthy: () => true,
  }, transport, gate);
  return { socket, transport, frames, losses };
}

describe('ResilientSocket losses', () => {
  it('each says what happened, stamped with when', () => {
    const { socket, transport } = make();
    socket.start();
    expect(socket.lastError).toBeUndefined();
    expect(socket.lastErrorAt).toBeUndefined();
    transport.clock.advanceBy(100);
    transport.socket.refuse(503);
    expect(socket.lastError).toBe('HTTP 503 on connect');
    expect(socket.lastErrorAt).toBe(100);
    transport.clock.advanceBy(500);
    transport.socket.open();
    transport.socket.drop(1006, 'gone');
    expect(socket.lastError).toBe('connection closed (1006: gone)');
    transport.clock.advanceBy(500);
    transport.socket.open();
    transport.socket.drop(1000);
    expect(socket.lastError).toBe('connection closed (1000)');
    transport.clock.advanceBy(500);
    transport.clock.advanceBy(baseTuning.connectTimeoutMs);
    expect(socket.lastError).toBe('connect timed out');
    expect(socket.lastErrorAt).toBe(transport.clock.now());
    socket.close();
  });

  it('a refusal with Retry-After waits at least that long', () => {
    const { socket, transport } = make();
    socket.start();
    transport.socket.refuse(429, '7');
    expect(socket.retryAt! - transport.clock.now()).toBe(7_000);
    socket.close();
  });

  it('a socket no longer open without a close event is dropped at the next check', () => {
    const { socket, transport, losses } = make();
    socket.start();
    const link = transport.socket;
    link.open();
    link.isOpen = false;
    transport.clock.advanceBy(200);
    expect(losses).toEqual(['connection closed by the venue']);
    expect(link.terminated).toBe(true);
    socket.close();
  });

  it('a handshake answered in time is not timed out', () => {
    const { socket, transport } = make();
    socket.start();
    transport.clock.advanceBy(baseTuning.connectTimeoutMs - 1);
    transport.socket.open();
    transport.clock.advanceBy(5_000);
    expect(socket.lastError).toBeUndefined();
    expect(transport.sockets).toHaveLength(1);
    socket.close();
  });
});

describe('ResilientSocket phases', () => {
  it('a wait of downAfterMs or more shows as down, a shorter one as reconnecting', () => {
    for (const [wait, phase] of [[1_999, 'reconnecting'], [2_000, 'down'], [5_000, 'down']] as const) {
      const { socket, transport } = make({ backoff: fixedWait(wait), downAfterMs: 2_000 });
      socket.start();
      transport.socket.refuse(503);
      expect(socket.phase, `wait ${wait}`).toBe(phase);
      socket.close();
    }
  });

  it('stale without data, open again with the next update', () => {
    const { socket, transport } = make();
    socket.start();
    transport.socket.open();
    transport.clock.advanceBy(1_200);
    expect(socket.phase).toBe('stale');
    socket.markData(transport.clock.now());
    expect(socket.phase).toBe('open');
    socket.markData(transport.clock.now());
    expect(socket.phase).toBe('open');
    socket.close();
  });

  it('a new connection shows as connecting, and so does one waiting for its gate', () => {
    expect(make().socket.phase).toBe('connecting');
    const { socket } = make({}, new ManualTransport(), () => () => undefined);
    socket.start();
    expect(socket.phase).toBe('connecting');
    socket.close();
  });

  it('data while waiting to reconnect does not make the link open', () => {
    const { socket, transport } = make();
    socket.start();
    transport.socket.open();
    transport.socket.drop();
    socket.markData(transport.clock.now());
    expect(socket.phase).toBe('reconnecting');
    socket.close();
  });

  it('an open link holds one timer, its check: the handshake timeout is gone', () => {
    const { socket, transport } = make();
    socket.start();
    expect(transport.socket.handshakeTimeoutMs).toBe(baseTuning.connectTimeoutMs);
    transport.socket.open();
    expect(transport.clock.pending).toBe(1);
    socket.close();
  });

  it('start() twice opens one connection', () => {
    const { socket, transport } = make();
    socket.start();
    socket.start();
    expect(transport.sockets).toHaveLength(1);
    socket.close();
    socket.start();
    expect(transport.sockets).toHaveLength(1);
  });
});

describe('ResilientSocket reconnect() and fail()', () => {
  it('a reconnect while already waiting reports one loss, not two', () => {
    const { socket, transport, losses } = make();
    socket.start();
    transport.socket.open();
    socket.reconnect('first');
    socket.reconnect('second');
    expect(losses).toEqual(['first']);
    socket.close();
  });

  it('after close() a reconnect does nothing', () => {
    const { socket, transport } = make();
    socket.start();
    socket.close();
    socket.reconnect('too late', { immediate: true });
    transport.clock.advanceBy(60_000);
    expect(socket.phase).toBe('closed');
    expect(socket.lastError).toBeUndefined();
    expect(transport.sockets).toHaveLength(1);
  });

  it('a last error cleared has no time either', () => {
    const { socket, transport } = make();
    socket.start();
    transport.socket.refuse(503);
    socket.lastError = undefined;
    expect(socket.lastErrorAt).toBeUndefined();
    socket.close();
  });

  it("a user's reconnect is immediate, keeps the last error and counts no reconnect", () => {
    const { socket, transport } = make();
    socket.start();
    transport.socket.open();
    socket.reconnect('asked', { immediate: true, isError: false, countAsReconnect: false });
    expect(socket.lastError).toBeUndefined();
    expect(socket.retryAt).toBe(transport.clock.now());
    transport.clock.advanceBy(0);
    expect(transport.sockets).toHaveLength(2);
    transport.socket.open();
    expect(socket.reconnects).toBe(0);
    socket.close();
  });

  it('a reconnect for a reason is an error, waits the backoff and counts when it opens', () => {
    const { socket, transport } = make();
    socket.start();
    transport.socket.open();
    socket.reconnect('stalled');
    expect(socket.lastError).toBe('stalled');
    expect(socket.retryAt! - transport.clock.now()).toBe(500);
    transport.clock.advanceBy(500);
    transport.socket.open();
    expect(socket.reconnects).toBe(1);
    socket.close();
  });

  it('fail() stays down: no retry, no connection, until a reconnect asks again', () => {
    const { socket, transport } = make();
    socket.start();
    transport.socket.open();
    socket.fail('not listed');
    expect(socket.phase).toBe('down');
    expect(socket.failed).toBe(true);
    expect(socket.retryAt).toBeUndefined();
    expect(transport.clock.pending).toBe(0);
    transport.clock.advanceBy(600_000);
    expect(transport.sockets).toHaveLength(1);
    socket.reconnect('try again');
    expect(socket.failed).toBe(false);
    socket.close();
    socket.fail('after close');
    expect(socket.phase).toBe('closed');
  });

  it('a URL no socket can use fails for good instead of throwing from a timer', () => {
    class Refusing extends ManualTransport {
      override connect(): WireSocket {
        throw new TypeError('Invalid URL');
      }
    }
    const { socket, transport } = make({}, new Refusing());
    socket.start();
    expect(socket.phase).toBe('down');
    expect(socket.lastError).toBe('cannot connect: Invalid URL');
    expect(transport.clock.pending).toBe(0);
  });
});

describe('ResilientSocket generations', () => {
  it("a replaced connection's frames, pings and close reach nothing", () => {
    const { socket, transport, frames, losses } = make();
    socket.start();
    const old = transport.socket;
    old.open();
    socket.reconnect('swap', { immediate: true });
    transport.clock.advanceBy(0);
    old.frame('late');
    old.serverPing();
    old.drop();
    expect(frames).toEqual([]);
    expect(losses).toEqual(['swap']);
    expect(socket.phase).toBe('connecting');
    transport.socket.open();
    transport.socket.frame('fresh');
    expect(frames).toEqual(['fresh']);
    socket.close();
  });

  it('server pings on the current connection keep it alive', () => {
    const { socket, transport } = make({ heartbeat: { kind: 'server-ping', timeoutMs: 1_000 }, staleAfterMs: 1e9 });
    socket.start();
    transport.socket.open();
    for (let i = 0; i < 10; i++) {
      transport.clock.advanceBy(500);
      transport.socket.serverPing();
    }
    expect(transport.sockets).toHaveLength(1);
    expect(socket.phase).toBe('open');
    socket.close();
  });

  it('a probe answered by a pong keeps the link', () => {
    const { socket, transport } = make({ probe: { idleMs: 1_000, timeoutMs: 500 }, staleAfterMs: 1e9 });
    socket.start();
    const link = transport.socket;
    link.open();
    for (let i = 0; i < 20; i++) {
      transport.clock.advanceUntil('a probe', () => link.pings > i, 2_000);
      link.pong();
    }
    expect(link.terminated).toBe(false);
    socket.close();
  });

  it('sends only on an open connection', () => {
    const { socket, transport } = make();
    expect(socket.send('early')).toBe(false);
    socket.start();
    expect(socket.send('handshaking')).toBe(false);
    transport.socket.open();
    expect(socket.send('now')).toBe(true);
    expect(transport.socket.sent).toEqual(['now']);
    socket.close();
  });
});

describe('ResilientSocket behind a connect gate', () => {
  it('waits for the gate, and close() withdraws a request still waiting', () => {
    const waiting: (() => void)[] = [];
    let withdrawn = 0;
    const gate: ConnectGate = (open) => {
      waiting.push(open);
      return () => withdrawn++;
    };
    const { socket, transport } = make({}, new ManualTransport(), gate);
    socket.start();
    socket.start();
    expect(transport.sockets).toHaveLength(0);
    expect(waiting).toHaveLength(1);
    socket.close();
    expect(withdrawn).toBe(1);
    waiting[0]!();
    expect(transport.sockets).toHaveLength(0);
  });

  it('connects when the gate allows at once, and has nothing to withdraw at close()', () => {
    let withdrawn = 0;
    const { socket, transport } = make({}, new ManualTransport(), (open) => (open(), () => withdrawn++));
    socket.start();
    expect(transport.sockets).toHaveLength(1);
    socket.close();
    expect(withdrawn).toBe(0);
  });
});

describe('ResilientSocket on a scripted transport', () => {
  it('sets no connect timeout and no link checks: a replay decides when links end', () => {
    class Scripted extends ManualTransport {
      readonly scripted = true;
    }
    const { socket, transport } = make({}, new Scripted());
    socket.start();
    expect(transport.clock.pending).toBe(0);
    transport.socket.open();
    expect(transport.clock.pending).toBe(0);
    transport.clock.advanceBy(600_000);
    expect(socket.phase).toBe('open');
    socket.close();
  });
});
