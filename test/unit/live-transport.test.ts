/**
 * The live transport against servers on this machine: a real WebSocket, a raw TCP peer that
 * answers the handshake and then breaks the protocol, one that never answers, and an HTTP
 * server. Each event reaches the listener as it happened (with the reason a user can act on),
 * a protocol error on an open link is reported at once, terminate() ends the socket and silences
 * it, GETs carry status, body and Retry-After and can be aborted, and the clock is Node's.
 */
import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { liveTransport } from '../../src/feeds/live-transport.js';
import type { SocketListener, WireSocket } from '../../src/feeds/transport.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every event the listener heard, as text; frames as `text …` or `binary …` (hex). */
function recorder(): { listener: SocketListener; heard: string[] } {
  const heard: string[] = [];
  return {
    heard,
    listener: {
      open: () => heard.push('open'),
      frame: (frame) => heard.push(typeof frame === 'string' ? `text ${frame}` : `binary ${Buffer.from(frame).toString('hex')}`),
      ping: () => heard.push('ping'),
      pong: () => heard.push('pong'),
      refused: (status, retryAfter) => heard.push(`refused ${status} ${retryAfter}`),
      closed: (code, reason) => heard.push(`closed ${code} ${reason}`),
    },
  };
}

function connect(url: string, handshakeTimeoutMs = 5_000): { socket: WireSocket; heard: string[] } {
  const { listener, heard } = recorder();
  const socket = liveTransport.connect(url, listener, { handshakeTimeoutMs });
  cleanups.push(() => socket.terminate());
  return { socket, heard };
}

const portOf = (server: { address(): AddressInfo | string | null }): number => (server.address() as AddressInfo).port;

async function wsServer(): Promise<{ url: string; peers: WebSocket[]; extensions: (string | undefined)[] }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const peers: WebSocket[] = [];
  const extensions: (string | undefined)[] = [];
  server.on('connection', (peer, request) => {
    peers.push(peer);
    extensions.push(request.headers['sec-websocket-extensions']);
  });
  await new Promise<void>((resolve) => server.on('listening', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const peer of server.clients) peer.terminate();
    server.close(() => resolve());
  }));
  return { url: `ws://127.0.0.1:${portOf(server)}`, peers, extensions };
}

/** A TCP server whose peers get `onSocket`; every socket is destroyed at cleanup. */
async function tcpServer(onSocket: (socket: Socket) => void): Promise<string> {
  const sockets: Socket[] = [];
  const server: TcpServer = createTcpServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  return `ws://127.0.0.1:${portOf(server)}`;
}

async function httpServer(handler: Parameters<typeof createHttpServer>[1]): Promise<string> {
  const server: HttpServer = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return `http://127.0.0.1:${portOf(server)}`;
}

describe('liveTransport sockets', () => {
  it('carries text, binary, pings and pongs both ways, and the close with its reason', async () => {
    const server = await wsServer();
    const { socket, heard } = connect(server.url);
    expect(socket.isOpen).toBe(false);
    await waitFor('open', () => heard.includes('open') && server.peers.length === 1);
    expect(socket.isOpen).toBe(true);
    // No compression is offered: every frame would cost an inflate on the hot path.
    expect(server.extensions).toEqual([undefined]);
    const peer = server.peers[0]!;
    const received: string[] = [];
    peer.on('message', (data) => received.push(String(data)));
    socket.send('{"op":"subscribe"}');
    await waitFor('the subscribe at the server', () => received.length === 1);
    expect(received).toEqual(['{"op":"subscribe"}']);
    peer.send('BTC € 67 000');
    peer.send(Buffer.from([0, 1, 254, 255]), { binary: true });
    peer.ping();
    socket.ping();
    await waitFor('frames, ping and pong', () => heard.length === 5);
    expect(heard.slice(1).sort()).toEqual(['binary 0001feff', 'ping', 'pong', 'text BTC € 67 000']);
    peer.close(4000, 'maintenance');
    await waitFor('the close', () => heard.length === 6);
    expect(heard[5]).toBe('closed 4000 maintenance');
    expect(socket.isOpen).toBe(false);
  });

  it('a close without a reason reports none', async () => {
    const server = await wsServer();
    const { heard } = connect(server.url);
    await waitFor('open', () => heard.includes('open') && server.peers.length === 1);
    server.peers[0]!.close(1000);
    await waitFor('the close', () => heard.length === 2);
    expect(heard[1]).toBe('closed 1000 ');
  });

  it('a refused handshake reports the status and the Retry-After, as sent', async () => {
    const url = (await httpServer((_request, response) => {
      response.writeHead(429, { 'retry-after': '7' }).end('slow down');
    })).replace('http', 'ws');
    const { heard } = connect(url);
    await waitFor('the refusal', () => heard.length > 0);
    expect(heard[0]).toBe('refused 429 7');
    const plain = (await httpServer((_request, response) => response.writeHead(503).end())).replace('http', 'ws');
    const other = connect(plain);
    await waitFor('the refusal', () => other.heard.length > 0);
    expect(other.heard[0]).toBe('refused 503 undefined');
  });

  it('a connection that cannot be made is closed with the network error as its reason', async () => {
    const url = await tcpServer((socket) => socket.destroy());
    const { heard } = connect(url);
    await waitFor('the close', () => heard.length > 0);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/^closed 1006 (socket hang up|read ECONNRESET)$/);
  });

  it('a handshake never answered is closed after its timeout, saying so', async () => {
    const url = await tcpServer(() => undefined);
    const { heard } = connect(url, 100);
    await waitFor('the close', () => heard.length > 0, 5_000);
    expect(heard).toEqual(['closed 1006 Opening handshake has timed out']);
  });

  it('a protocol error on an open link is reported at once, not when a dead peer finishes the close', async () => {
    // Answers the handshake, then sends a frame with a reserved opcode and reads nothing more.
    const url = await tcpServer((socket) => {
      socket.once('data', (request) => {
        const key = /sec-websocket-key: (.+)\r\n/i.exec(request.toString())![1]!;
        const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        socket.write(Buffer.from([0x83, 0x00]));
        socket.pause();
      });
    });
    const { heard } = connect(url);
    await waitFor('the protocol error', () => heard.length === 2, 5_000);
    expect(heard[0]).toBe('open');
    expect(heard[1]).toMatch(/^closed 1002 .*opcode 3/);
  });

  it('terminate() ends the connection at once and its listener hears nothing more, even mid-handshake', async () => {
    const server = await wsServer();
    const { socket, heard } = connect(server.url);
    await waitFor('open', () => heard.includes('open') && server.peers.length === 1);
    const peer = server.peers[0]!;
    let peerClosed = false;
    peer.on('close', () => (peerClosed = true));
    socket.terminate();
    expect(socket.isOpen).toBe(false);
    await waitFor('the server to see the connection end', () => peerClosed);
    expect(heard).toEqual(['open']);
    // Ended before its handshake completed: ws reports an error nobody is left to hear.
    const silent = await tcpServer(() => undefined);
    const early = connect(silent);
    early.socket.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(early.heard).toEqual([]);
  });
});

describe('liveTransport GET', () => {
  it('answers with the status, the body and the Retry-After header', async () => {
    const base = await httpServer((request, response) => {
      if (request.url === '/limited') response.writeHead(418, { 'retry-after': '30' }).end('teapot');
      else response.writeHead(200).end(`{"path":"${request.url}"}`);
    });
    const never = new AbortController();
    expect(await liveTransport.get(`${base}/limited`, never.signal)).toEqual({ status: 418, body: 'teapot', retryAfter: '30' });
    expect(await liveTransport.get(`${base}/depth?symbol=BTCUSDT`, never.signal)).toEqual({ status: 200, body: '{"path":"/depth?symbol=BTCUSDT"}', retryAfter: undefined });
  });

  it('is aborted by its signal', async () => {
    const base = await httpServer(() => undefined);
    const abort = new AbortController();
    const answer = liveTransport.get(`${base}/slow`, abort.signal);
    abort.abort();
    await expect(answer).rejects.toThrow(/abort/i);
  });
});

describe('liveTransport clock', () => {
  it("is Node's: now, timeouts, intervals, and clear for both", async () => {
    const { clock } = liveTransport;
    const before = Date.now();
    const now = clock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    const fired: string[] = [];
    const cleared = clock.setTimeout(() => fired.push('cleared timeout'), 1);
    clock.clear(cleared);
    clock.clear(undefined);
    let ticks = 0;
    const interval = clock.setInterval(() => ticks++, 1);
    await waitFor('three ticks', () => ticks >= 3, 2_000);
    clock.clear(interval);
    const stoppedAt = ticks;
    // Node runs due timers in order of their time: a 1 ms interval still set would tick first.
    await new Promise<void>((resolve) => clock.setTimeout(() => resolve(), 5));
    expect(ticks).toBe(stoppedAt);
    expect(fired).toEqual([]);
  });
});
