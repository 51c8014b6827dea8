/**
 * A TCP relay between a client and a server that misbehaves on command, the way networks and
 * venues do and scripted simulator faults cannot: it sits below the WebSocket, so the client sees
 * exactly what a real broken link would show it.
 *
 * - `blackhole()`: every open connection stops carrying bytes both ways, and nothing closes: no
 *   FIN, no RST (a NAT that forgot the flow, a cable pulled far away). New connections pass.
 * - `closeFrameThenSilence(code)`: the server side "sends" a WebSocket close frame, then the
 *   link goes black: the client gets the close frame but never the TCP close that should follow.
 * - `reset()`: every open connection is reset (RST).
 * - `inject(bytes)`: raw bytes to every client, as if the server had sent them (a protocol error
 *   when they are not a valid frame).
 * - `refuse`: new connections are closed at once.
 * It counts connections and closes everything it opened on close().
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

interface Link {
  readonly client: Socket;
  readonly upstream: Socket;
  /** No more bytes are relayed on this link, in either direction. */
  dark: boolean;
}

export class FaultProxy {
  refuse = false;
  /** Connections accepted so far. */
  accepted = 0;
  private readonly links = new Set<Link>();
  private readonly server: Server;

  /** Where connections are relayed to ("ws://127.0.0.1:1234/..." or "http://..."); set before the first one. */
  target: string | undefined;

  private constructor() {
    this.server = createServer((client) => this.accept(client));
  }

  /** A relay on a free loopback port; `target` may be given now or set later. */
  static async listen(target?: string): Promise<FaultProxy> {
    const proxy = new FaultProxy();
    proxy.target = target;
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `target` with its host and port replaced by the proxy's, scheme, path and query kept as written. */
  via(target: string): string {
    const { protocol } = new URL(target);
    return `${protocol}//127.0.0.1:${this.port}${target.replace(/^[a-z]+:\/\/[^/]+/i, '')}`;
  }

  /** Links open right now that still carry bytes. */
  get liveLinks(): number {
    return [...this.links].filter((link) => !link.dark).length;
  }

  blackhole(): void {
    for (const link of this.links) link.dark = true;
  }

  /** A WebSocket close frame to every client (RFC 6455 §5.5.1, server frames unmasked), then silence. */
  closeFrameThenSilence(code = 1001): void {
    const frame = Buffer.from([0x88, 0x02, code >> 8, code & 0xff]);
    for (const link of this.links) {
      if (link.dark) continue;
      link.client.write(frame);
      link.dark = true;
    }
  }

  reset(): void {
    for (const link of this.links) {
      link.client.resetAndDestroy();
      link.upstream.destroy();
    }
  }

  inject(bytes: Uint8Array): void {
    for (const link of this.links) if (!link.dark) link.client.write(bytes);
  }

  async close(): Promise<void> {
    for (const link of this.links) {
      link.client.destroy();
      link.upstream.destroy();
    }
    this.links.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.accepted++;
    client.on('error', () => client.destroy());
    if (this.refuse || this.target === undefined) {
      client.destroy();
      return;
    }
    const target = new URL(this.target);
    const upstream = connect(Number(target.port), target.hostname);
    upstream.on('error', () => upstream.destroy());
    const link: Link = { client, upstream, dark: false };
    this.links.add(link);
    // Bytes are relayed by hand, not piped, so a dark link can swallow them without closing.
    client.on('data', (chunk) => {
      if (!link.dark) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!link.dark) client.write(chunk);
    });
    const end = (): void => {
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    // A dark link keeps its sockets: the point is that nobody learns of the end.
    client.once('close', end);
    upstream.once('close', () => {
      if (!link.dark) end();
    });
  }
}
