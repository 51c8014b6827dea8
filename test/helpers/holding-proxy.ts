/**
 * A TCP relay in front of a simulator that can hold new connections: while `holding`, a client's
 * TCP connect succeeds but its WebSocket handshake is never answered, so a feed stays in
 * `connecting` for as long as a test needs (on loopback a handshake otherwise takes a
 * millisecond). It counts the client connections it still has open.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export class HoldingProxy {
  holding = false;
  /** Client connections being held right now (accepted, nothing relayed). */
  held = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(private readonly targetPort: () => number) {
    this.server = createServer((client) => this.accept(client));
  }

  static async listen(targetPort: () => number): Promise<HoldingProxy> {
    const proxy = new HoldingProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Client connections still open (held or relayed). */
  get openConnections(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.on('error', () => client.destroy());
    if (this.holding) {
      this.held++;
      // Read and drop the handshake, or the client's FIN is never seen and 'close' never comes.
      client.resume();
      client.once('close', () => {
        this.held--;
        this.sockets.delete(client);
      });
      return;
    }
    const upstream = connect(this.targetPort(), '127.0.0.1');
    upstream.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
    };
    client.once('close', end);
    upstream.once('close', end);
  }
}
