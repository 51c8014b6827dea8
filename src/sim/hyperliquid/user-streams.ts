/**
 * The /ws user streams: per-socket subscriptions and the fan-out of one user's events to every
 * socket subscribed to that user — several sockets per user, many users at once. A subscription
 * is indexed by "channel:lowercase user", so the case a client wrote does not matter, and one
 * socket's subscribe, unsubscribe or close touches only its own entries: delivery to the others
 * is unaffected. Owns its sockets' idle timers; close() ends them all.
 *
 * Protocol (docs "Websocket", "Subscriptions", "Timeouts and heartbeats"; texts the docs leave
 * out from hyperliquid-dex/order_book_server server/src/servers/websocket_server.rs):
 * - on connect the plain-text frame "Websocket connection established." (the Python SDK skips it);
 * - {"method":"ping"} -> {"channel":"pong"};
 * - subscribe / unsubscribe -> {"channel":"subscriptionResponse","data":{"method","subscription"}},
 *   then, for a subscribe, the channel's snapshot if it has one;
 * - refusals are {"channel":"error","data":"Invalid subscription: {…}" | "Already subscribed: {…}" |
 *   "Already unsubscribed: {…}" | "Error parsing JSON into valid websocket request: <text>"};
 * - a connection the server has sent nothing to for 60 s is closed.
 */
import type { WebSocket } from 'ws';
import { parseClientFrame, parseUserSubscription, type UserChannel, type UserSubscription } from './wire.js';

const GREETING = 'Websocket connection established.';
const IDLE_MS = 60_000;

interface StreamClient {
  readonly socket: WebSocket;
  readonly keys: Set<string>;
  readonly idle: NodeJS.Timeout;
}

/** The data of the message a new subscription gets first, or undefined when it gets none. */
export type SnapshotSource = (subscription: UserSubscription) => unknown;

const keyOf = (channel: UserChannel, user: string): string => `${channel}:${user}`;

export class UserStreams {
  private readonly clients = new Set<StreamClient>();
  private readonly subscribers = new Map<string, Set<StreamClient>>();

  constructor(
    private readonly snapshot: SnapshotSource,
    private readonly idleMs = IDLE_MS,
  ) {}

  attach(socket: WebSocket): void {
    const client: StreamClient = { socket, keys: new Set(), idle: setTimeout(() => socket.terminate(), this.idleMs) };
    client.idle.unref();
    this.clients.add(client);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(client, data.toString());
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => this.detach(client));
    this.send(client, GREETING);
  }

  /** Push {channel, data} to every socket subscribed to `channel` for `user` (lowercase). */
  publish(channel: UserChannel, user: string, data: unknown): void {
    const subscribed = this.subscribers.get(keyOf(channel, user));
    if (!subscribed) return;
    const frame = JSON.stringify({ channel, data });
    for (const client of [...subscribed]) this.send(client, frame);
  }

  /** Cut every connection abruptly (clients see 1006), as a server restart does. */
  dropAll(): void {
    for (const client of this.clients) client.socket.terminate();
  }

  close(): void {
    for (const client of [...this.clients]) {
      this.detach(client);
      client.socket.terminate();
    }
  }

  private onMessage(client: StreamClient, text: string): void {
    const frame = parseClientFrame(text);
    if (!frame) return this.error(client, `Error parsing JSON into valid websocket request: ${text}`);
    if (frame.method === 'ping') return this.send(client, JSON.stringify({ channel: 'pong' }));
    const sub = parseUserSubscription(frame.subscription);
    if (!sub) return this.error(client, `Invalid subscription: ${JSON.stringify(frame.subscription)}`);
    const key = keyOf(sub.channel, sub.user);
    const subscribing = frame.method === 'subscribe';
    if (client.keys.has(key) === subscribing) {
      return this.error(client, `Already ${subscribing ? '' : 'un'}subscribed: ${JSON.stringify(sub.echo)}`);
    }
    if (subscribing) this.add(client, key);
    else this.remove(client, key);
    this.send(client, JSON.stringify({ channel: 'subscriptionResponse', data: { method: frame.method, subscription: sub.echo } }));
    const snapshot = subscribing ? this.snapshot(sub) : undefined;
    if (snapshot !== undefined) this.send(client, JSON.stringify({ channel: sub.channel, data: snapshot }));
  }

  private add(client: StreamClient, key: string): void {
    client.keys.add(key);
    const set = this.subscribers.get(key) ?? new Set<StreamClient>();
    set.add(client);
    this.subscribers.set(key, set);
  }

  private remove(client: StreamClient, key: string): void {
    client.keys.delete(key);
    const set = this.subscribers.get(key);
    set?.delete(client);
    if (set?.size === 0) this.subscribers.delete(key);
  }

  /** Forget a closed socket: only its own entries go, by identity, so a reconnect is unaffected. */
  private detach(client: StreamClient): void {
    if (!this.clients.delete(client)) return;
    clearTimeout(client.idle);
    for (const key of [...client.keys]) this.remove(client, key);
  }

  private error(client: StreamClient, text: string): void {
    this.send(client, JSON.stringify({ channel: 'error', data: text }));
  }

  private send(client: StreamClient, frame: string): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    client.idle.refresh(); // the 60 s count from the server's last message (Timeouts and heartbeats)
    client.socket.send(frame);
  }
}
