/**
 * The network as it is: `ws` sockets, global fetch, Node's timers and Date.now. The default
 * transport of every feed.
 */
import WebSocket from 'ws';
import type { Clock, FeedTransport, SocketListener, TimerHandle, WireSocket } from './transport.js';
import type { Frame } from './types.js';

const noop = (): void => {};

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as TimerHandle,
  setInterval: (callback, ms) => setInterval(callback, ms) as unknown as TimerHandle,
  // clearTimeout clears intervals too (Node: the two share one timer type).
  clear: (timer) => clearTimeout(timer as unknown as NodeJS.Timeout | undefined),
};

function connect(url: string, listener: SocketListener, options: { readonly handshakeTimeoutMs: number }): WireSocket {
  const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: options.handshakeTimeoutMs });
  // An 'error' without a listener would throw; the error is reported with the 'close' that
  // follows, so the user reads "getaddrinfo ENOTFOUND …", not only "closed (1006)".
  let socketError: string | undefined;
  let opened = false;
  ws.on('error', (error) => {
    socketError = error.message;
    // A protocol error on an open link (a bad frame): ws starts a closing handshake that a dead
    // peer never finishes, so the link is reported gone now rather than up to 30 s later.
    if (opened) listener.closed(1002, error.message);
  });
  ws.on('unexpected-response', (request, response) => {
    const retryAfter = response.headers['retry-after'];
    request.destroy();
    listener.refused(response.statusCode ?? 0, typeof retryAfter === 'string' ? retryAfter : undefined);
  });
  ws.on('open', () => {
    opened = true;
    listener.open();
  });
  ws.on('pong', () => listener.pong());
  ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => listener.frame(toFrame(data, isBinary)));
  ws.on('ping', () => listener.ping());
  ws.on('close', (code: number, reason: Buffer) => listener.closed(code, reason.length > 0 ? reason.toString() : socketError ?? ''));
  return {
    get isOpen() {
      return ws.readyState === WebSocket.OPEN;
    },
    send: (text) => ws.send(text),
    ping: () => ws.ping(),
    // ws cuts its back-references on terminate; removing the listeners first makes sure an event
    // already queued for this socket reaches nobody.
    terminate: () => {
      ws.removeAllListeners();
      ws.on('error', noop);
      ws.terminate();
    },
  };
}

function toFrame(data: WebSocket.RawData, isBinary: boolean): Frame {
  // ws hands over a Buffer of its own per message (binaryType 'nodebuffer'); copying it again
  // (Buffer.from(buffer) copies) cost an allocation per message on the hot path.
  const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  return isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : buffer.toString('utf8');
}

export const liveTransport: FeedTransport = {
  clock: systemClock,
  connect,
  async get(url, signal) {
    const response = await fetch(url, { signal });
    const body = await response.text();
    return { status: response.status, body, retryAfter: response.headers.get('retry-after') ?? undefined };
  },
};
