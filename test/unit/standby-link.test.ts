/**
 * StandbyLink on a hand-driven clock and sockets: it waits for the connection gate, subscribes
 * only once open, gives up a handshake that does not complete in time, reports each way it can
 * fail once and nothing after close(), and after handOver() routes the socket to its new owner
 * and owns nothing more (no timer, no gate place, no socket to end).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StandbyLink, type StandbyHandler } from '../../src/feeds/standby-link.js';
import type { FeedTransport, SocketListener } from '../../src/feeds/transport.js';
import { ManualTransport } from '../helpers/manual-transport.js';

const URL = 'wss://venue.test/ws';
const HANDSHAKE_MS = 5_000;

/** Everything the handler heard, in order. */
function handler(onOpened: (heard: string[]) => void = () => undefined): StandbyHandler & { heard: string[] } {
  const heard: string[] = [];
  return {
    heard,
    opened: () => {
      heard.push('opened');
      onOpened(heard);
    },
    frame: (frame, at) => heard.push(`frame ${String(frame)} at ${at}`),
    failed: (reason) => heard.push(`failed ${reason}`),
  };
}

/** Every link a test made: closed after it (a second close() does nothing). */
const links: StandbyLink[] = [];
afterEach(() => {
  for (const l of links.splice(0)) l.close();
});

function link(transport: FeedTransport = new ManualTransport(), h = handler()): { link: StandbyLink; heard: string[] } {
  const l = new StandbyLink(URL, transport, HANDSHAKE_MS, h);
  links.push(l);
  return { link: l, heard: h.heard };
}

/** A connection gate the test grants by hand; `cancelled` counts the places given up. */
function manualGate(): { gate: (open: () => void) => () => void; grant: () => void; waiting: number; cancelled: number } {
  const queue: (() => void)[] = [];
  const g = {
    waiting: 0,
    cancelled: 0,
    gate: (open: () => void) => {
      queue.push(open);
      g.waiting++;
      return () => {
        g.cancelled++;
      };
    },
    grant: () => queue.shift()!(),
  };
  return g;
}

describe('StandbyLink connecting', () => {
  it('connects to its URL with its handshake timeout, once, and is open only after the handshake', () => {
    const transport = new ManualTransport();
    const { link: l, heard } = link(transport);
    l.start(undefined);
    l.start(undefined);
    expect(transport.sockets.map((s) => [s.url, s.handshakeTimeoutMs])).toEqual([[URL, HANDSHAKE_MS]]);
    expect(l.isOpen).toBe(false);
    l.send('early');
    transport.clock.advanceTo(1_234);
    transport.socket.open();
    expect(l.openedAt).toBe(1_234);
    expect(l.isOpen).toBe(true);
    l.send('subscribe');
    expect(transport.socket.sent).toEqual(['subscribe']);
    expect(heard).toEqual(['opened']);
    // The handshake timer is gone with the handshake.
    expect(transport.clock.pending).toBe(0);
    l.close();
  });

  it('may subscribe from its opened() handler', () => {
    const transport = new ManualTransport();
    let standby: StandbyLink | undefined;
    const h = handler(() => standby!.send('subscribe'));
    standby = new StandbyLink(URL, transport, HANDSHAKE_MS, h);
    links.push(standby);
    standby.start(undefined);
    transport.socket.open();
    expect(transport.socket.sent).toEqual(['subscribe']);
    standby.close();
  });

  it('waits for the connection gate, and connects when it grants', () => {
    const transport = new ManualTransport();
    const g = manualGate();
    const { link: l } = link(transport);
    l.start(g.gate);
    l.start(g.gate);
    expect(g.waiting).toBe(1);
    expect(transport.sockets).toHaveLength(0);
    g.grant();
    expect(transport.sockets).toHaveLength(1);
    l.close();
    // The place was used: closing gives nothing back to the gate.
    expect(g.cancelled).toBe(0);
    expect(transport.socket.terminated).toBe(true);
  });

  it('connects at once through a gate that grants at once, and keeps no place to give back', () => {
    const transport = new ManualTransport();
    let cancelled = 0;
    const { link: l } = link(transport);
    l.start((open) => {
      open();
      return () => cancelled++;
    });
    expect(transport.sockets).toHaveLength(1);
    l.close();
    expect(cancelled).toBe(0);
  });

  it('closed while waiting for the gate: gives its place back and never connects', () => {
    const transport = new ManualTransport();
    const g = manualGate();
    const { link: l, heard } = link(transport);
    l.start(g.gate);
    l.close();
    expect(g.cancelled).toBe(1);
    g.grant();
    l.start(g.gate);
    expect(transport.sockets).toHaveLength(0);
    expect(g.waiting).toBe(1);
    expect(heard).toEqual([]);
  });
});

describe('StandbyLink failing', () => {
  it('a handshake that does not complete within its timeout fails, and the socket is ended', () => {
    const transport = new ManualTransport();
    const { link: l, heard } = link(transport);
    l.start(undefined);
    transport.clock.advanceTo(HANDSHAKE_MS - 1);
    expect(heard).toEqual([]);
    transport.clock.advanceTo(HANDSHAKE_MS);
    expect(heard).toEqual(['failed connect timed out']);
    expect(transport.socket.terminated).toBe(true);
    expect(l.isOpen).toBe(false);
    // Late events of the ended socket reach nobody.
    transport.socket.open();
    transport.socket.frame('late');
    transport.socket.drop();
    expect(heard).toEqual(['failed connect timed out']);
    expect(l.openedAt).toBeUndefined();
  });

  it('an open link is not timed out', () => {
    const transport = new ManualTransport();
    const { link: l, heard } = link(transport);
    l.start(undefined);
    transport.socket.open();
    transport.clock.advanceTo(HANDSHAKE_MS * 3);
    expect(heard).toEqual(['opened']);
    l.close();
  });

  it.each([
    ['a refused handshake', (s: SocketListener) => s.refused(429, '5'), 'HTTP 429 on connect'],
    ['a close with a reason', (s: SocketListener) => s.closed(1008, 'policy'), 'connection closed (1008: policy)'],
    ['a close without one', (s: SocketListener) => s.closed(1006, ''), 'connection closed (1006)'],
  ])('%s fails it once, ends the socket and its timer', (_what, end, reason) => {
    const transport = new ManualTransport();
    const listeners: SocketListener[] = [];
    const { link: l, heard } = link({ ...transport, clock: transport.clock, get: transport.get.bind(transport), connect: (url, listener, options) => {
      listeners.push(listener);
      return transport.connect(url, listener, options);
    } });
    l.start(undefined);
    end(listeners[0]!);
    end(listeners[0]!);
    expect(heard).toEqual([`failed ${reason}`]);
    expect(transport.socket.terminated).toBe(true);
    expect(transport.clock.pending).toBe(0);
  });

  it('a URL no socket can use fails it with the reason, and sets no timer', () => {
    const transport = new ManualTransport();
    const throwing: FeedTransport = { clock: transport.clock, get: transport.get.bind(transport), connect: () => {
      throw new Error('bad URL');
    } };
    const { link: l, heard } = link(throwing);
    l.start(undefined);
    expect(heard).toEqual(['failed cannot connect: bad URL']);
    expect(transport.clock.pending).toBe(0);
    expect(l.isOpen).toBe(false);
  });

  it('a non-Error thrown by connect is named too', () => {
    const transport = new ManualTransport();
    const { link: l, heard } = link({ clock: transport.clock, get: transport.get.bind(transport), connect: () => {
      throw 'no route';
    } });
    l.start(undefined);
    expect(heard).toEqual(['failed cannot connect: no route']);
  });
});

describe('StandbyLink frames, close and hand-over', () => {
  it('hands each frame over with its receipt time; nothing after close()', () => {
    const transport = new ManualTransport();
    const { link: l, heard } = link(transport);
    l.start(undefined);
    transport.socket.open();
    transport.clock.advanceTo(42);
    transport.socket.frame('a');
    transport.socket.serverPing();
    transport.socket.pong();
    l.close();
    transport.socket.frame('b');
    transport.socket.drop();
    l.close();
    expect(heard).toEqual(['opened', 'frame a at 42']);
    expect(l.isOpen).toBe(false);
    l.send('after close');
    expect(transport.socket.sent).toEqual([]);
  });

  it('is open only while its socket is', () => {
    const transport = new ManualTransport();
    const { link: l } = link(transport);
    l.start(undefined);
    transport.socket.open();
    transport.socket.isOpen = false;
    expect(l.isOpen).toBe(false);
    l.send('x');
    expect(transport.socket.sent).toEqual([]);
    l.close();
  });

  it('refuses to hand over a link that is not open', () => {
    const transport = new ManualTransport();
    const { link: l } = link(transport);
    const owner = recordingListener();
    expect(() => l.handOver(owner.listener)).toThrow('handOver of a standby that is not open');
    l.start(undefined);
    expect(() => l.handOver(owner.listener)).toThrow('handOver of a standby that is not open');
    l.close();
  });

  it('after handOver() the socket is routed to its new owner; the link owns nothing more', () => {
    const transport = new ManualTransport();
    const g = manualGate();
    const { link: l, heard } = link(transport);
    l.start(g.gate);
    g.grant();
    transport.socket.open();
    const owner = recordingListener();
    expect(l.handOver(owner.listener)).toBe(transport.socket);
    expect(l.isOpen).toBe(false);
    transport.socket.frame('f');
    transport.socket.serverPing();
    transport.socket.pong();
    transport.socket.refuse(503, '1');
    transport.socket.drop(1001, 'away');
    expect(owner.heard).toEqual(['frame f', 'ping', 'pong', 'refused 503 1', 'closed 1001 away']);
    expect(heard).toEqual(['opened']);
    // The new owner ends the socket: close() of the link does not.
    l.close();
    expect(transport.socket.terminated).toBe(false);
    expect(transport.clock.pending).toBe(0);
    expect(g.cancelled).toBe(0);
    expect(l.openedAt).toBe(0);
  });
});

function recordingListener(): { listener: SocketListener; heard: string[] } {
  const heard: string[] = [];
  return {
    heard,
    listener: {
      open: () => heard.push('open'),
      frame: (frame) => heard.push(`frame ${String(frame)}`),
      ping: () => heard.push('ping'),
      pong: () => heard.push('pong'),
      refused: (status, retryAfter) => heard.push(`refused ${status} ${retryAfter}`),
      closed: (code, reason) => heard.push(`closed ${code} ${reason}`),
    },
  };
}
