/**
 * The loopback transport every simulator stands on: one HTTP server on 127.0.0.1, port 0, with a
 * WebSocket server that completes only the handshakes the simulator accepts (`ws` in noServer
 * mode). It owns the listening socket, its HTTP connections and the WebSocketServer;
 * closeLoopback() ends them. It knows no routes, no protocol and no faults: the simulator that
 * extends it answers every request (onRequest) and every handshake (onUpgrade).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export abstract class LoopbackServer {
  private readonly http: Server;
  // Pings are answered by hand (answersPing), so a simulated stall can silence the pongs too.
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, autoPong: false });
  private port = 0;

  constructor() {
    this.http = createServer((request, response) => void this.onRequest(request, response));
    this.http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(request, socket, head));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.http.address() as AddressInfo).port;
    return this;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where WebSocket handshakes go: the server's root; a simulator with an endpoint path adds it. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  protected abstract onRequest(request: IncomingMessage, response: ServerResponse): Promise<void>;

  /** A WebSocket handshake: refuse it on `socket`, or complete it with `acceptUpgrade`. */
  protected abstract onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;

  /** Complete a handshake the simulator accepted; `onSocket` gets the open WebSocket. */
  protected acceptUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, onSocket: (ws: WebSocket) => void): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      // RFC 6455 §5.5.2: a ping is answered with a pong carrying its payload.
      ws.on('ping', (data) => {
        if (this.answersPing()) ws.pong(data);
      });
      onSocket(ws);
    });
  }

  /** Whether protocol pings are answered now; a stalled simulator answers nothing. */
  protected answersPing(): boolean {
    return true;
  }

  /** Stop listening and cut every HTTP connection; the simulator ends its own sockets first. */
  protected async closeLoopback(): Promise<void> {
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

/** A request's whole body as UTF-8 text; empty when the client goes away mid-body. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(''));
  });
}
