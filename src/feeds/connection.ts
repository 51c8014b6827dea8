/**
 * ResilientSocket: one venue connection that stays alive. It owns the WebSocket, the heartbeat,
 * the silent-stall watchdog and the reconnect backoff, and keeps the feed's state machine:
 *
 *   connecting -> syncing -> live <-> stale -> reconnecting | down -> connecting -> ...   -> closed
 *
 * The book's side of the machine (syncing vs live) is told by the owner through markSynced /
 * markUnsynced. Each WebSocket it opens gets a generation; callbacks from a replaced socket are
 * dropped by identity, so an old socket can never reach the book. After close() nothing it owned
 * emits, sends or schedules anything.
 */
import WebSocket from 'ws';
import { Backoff, DEFAULT_BACKOFF, parseRetryAfter, type BackoffPolicy } from './backoff.js';
import type { FeedState } from './health.js';
import { LinkWatch } from './link-watch.js';
import type { Frame, HeartbeatPolicy } from './types.js';

export interface LinkTuning {
  readonly heartbeat: HeartbeatPolicy;
  /** No market data for this long while connected -> `stale`. */
  readonly staleAfterMs: number;
  /** Stale for this much longer -> reconnect. */
  readonly reconnectAfterStaleMs: number;
  readonly backoff: BackoffPolicy;
  /** A connection that carried data this long resets the backoff attempts. */
  readonly stableAfterMs: number;
  /** A retry wait at least this long shows as `down` rather than `reconnecting`. */
  readonly downAfterMs: number;
  readonly connectTimeoutMs: number;
}

export const DEFAULT_TUNING: Omit<LinkTuning, 'heartbeat' | 'staleAfterMs'> = {
  reconnectAfterStaleMs: 5_000,
  backoff: DEFAULT_BACKOFF,
  stableAfterMs: 15_000,
  downAfterMs: 2_000,
  connectTimeoutMs: 10_000,
};

export interface SocketHandler {
  /** The socket is open: send the subscriptions. */
  opened(): void;
  frame(frame: Frame, receivedAt: number): void;
  /** The connection is gone; whatever the book knew is no longer being kept up to date. */
  lost(reason: string): void;
}

export interface ReconnectOptions {
  /** A resync by reconnection counts as a resync, not a reconnect. */
  readonly countAsReconnect?: boolean;
  /** A user asked for it: no backoff wait. */
  readonly immediate?: boolean;
  /** false: the reason is no error (the user asked), so the last error stays what it was. */
  readonly isError?: boolean;
}

/**
 * Asks for permission to open a connection (the pool's per-venue rate limiter): `open` runs when
 * allowed, perhaps at once; the returned function withdraws a request still waiting.
 */
export type ConnectGate = (open: () => void) => () => void;

const noop = (): void => {};

export class ResilientSocket {
  state: FeedState = 'connecting';
  reconnects = 0;
  connectedSince: number | undefined;
  private error: { readonly message: string; readonly at: number } | undefined;
  retryAt: number | undefined;

  private ws: WebSocket | undefined;
  private readonly backoff: Backoff;
  private synced = false;
  private closed = false;
  private failedForGood = false;
  private readonly watch: LinkWatch;
  private tickTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private cancelGate: (() => void) | undefined;

  constructor(
    private readonly url: () => string,
    private readonly tuning: LinkTuning,
    private readonly handler: SocketHandler,
    private readonly now: () => number = Date.now,
    private readonly gate?: ConnectGate,
  ) {
    this.backoff = new Backoff(tuning.backoff);
    this.watch = new LinkWatch(tuning);
  }

  /** The last thing that went wrong, as the user should read it; setting it stamps the time. */
  get lastError(): string | undefined {
    return this.error?.message;
  }

  set lastError(message: string | undefined) {
    this.error = message === undefined ? undefined : { message, at: this.now() };
  }

  get lastErrorAt(): number | undefined {
    return this.error?.at;
  }

  start(): void {
    if (this.closed || this.ws || this.cancelGate) return;
    this.requestConnect();
  }

  /** Sends if the socket is open; a frame for a dead socket is dropped, not queued. */
  send(text: string): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(text);
    return true;
  }

  markData(at: number): void {
    this.watch.sawData(at);
    if (this.state === 'stale') this.state = this.synced ? 'live' : 'syncing';
  }

  /** An answer to our ping (client-ping) or a heartbeat; any frame already counts as proof of the link. */
  markPong(_at: number): void {
    this.watch.sawPong();
  }

  markSynced(): void {
    this.synced = true;
    if (this.ws?.readyState === WebSocket.OPEN && this.state !== 'stale') this.state = 'live';
  }

  markUnsynced(): void {
    this.synced = false;
    if (this.state === 'live' || this.state === 'stale') this.state = 'syncing';
  }

  /** Drop the current connection and open a new one after the backoff wait. */
  reconnect(reason: string, options: ReconnectOptions = {}): void {
    if (this.closed) return;
    if (options.isError !== false) this.lastError = reason;
    this.failedForGood = false;
    this.drop(reason);
    if (options.countAsReconnect !== false) this.reconnects++;
    this.scheduleConnect(options.immediate ? 0 : undefined);
  }

  /** Stop trying for good (the venue does not list the symbol): shows as `down`, no retry. */
  fail(reason: string): void {
    if (this.closed) return;
    this.lastError = reason;
    this.failedForGood = true;
    this.drop(reason);
    this.clearTimer('retryTimer');
    this.retryAt = undefined;
    this.state = 'down';
  }

  get failed(): boolean {
    return this.failedForGood;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach(this.ws);
    this.ws = undefined;
    this.stopTimers();
    this.state = 'closed';
    this.retryAt = undefined;
  }

  /** Connect when the gate allows; a request still queued is withdrawn by stopTimers(). */
  private requestConnect(): void {
    this.retryAt = undefined;
    this.state = 'connecting';
    if (!this.gate) return this.connect();
    let granted = false;
    const cancel = this.gate(() => {
      granted = true;
      this.cancelGate = undefined;
      if (!this.closed && !this.failedForGood) this.connect();
    });
    if (!granted) this.cancelGate = cancel;
  }

  private connect(): void {
    this.retryAt = undefined;
    this.state = 'connecting';
    this.synced = false;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url(), { perMessageDeflate: false, handshakeTimeout: this.tuning.connectTimeoutMs });
    } catch (error) {
      // A URL ws cannot use: no retry will fix it, and a throw from a retry timer would crash.
      this.fail(`cannot connect: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.ws = ws;
    // An 'error' without a listener would throw; the error is reported with the 'close' that
    // follows, so the user reads "getaddrinfo ENOTFOUND …", not only "closed (1006)".
    let socketError: string | undefined;
    ws.on('error', (error) => {
      if (ws === this.ws) socketError = error.message;
    });
    ws.on('unexpected-response', (request, response) => {
      if (ws !== this.ws) return;
      const status = response.statusCode ?? 0;
      const retryAfter = parseRetryAfter(response.headers['retry-after'] as string | undefined, this.now());
      request.destroy();
      this.lost(`HTTP ${status} on connect`, retryAfter);
    });
    ws.on('open', () => {
      if (ws !== this.ws) return;
      this.clearTimer('connectTimer');
      const now = this.now();
      this.connectedSince = now;
      this.watch.opened(now);
      this.state = 'syncing';
      this.startTicking();
      this.handler.opened();
    });
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (ws !== this.ws) return;
      const now = this.now();
      this.watch.sawFrame(now);
      this.handler.frame(toFrame(data, isBinary), now);
    });
    ws.on('ping', () => {
      if (ws === this.ws) this.watch.sawFrame(this.now());
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (ws !== this.ws) return;
      const text = reason.length > 0 ? `: ${reason.toString()}` : socketError !== undefined ? `: ${socketError}` : '';
      this.lost(`connection closed (${code}${text})`);
    });
    this.connectTimer = setTimeout(() => {
      if (ws === this.ws && ws.readyState === WebSocket.CONNECTING) this.lost('connect timed out');
    }, this.tuning.connectTimeoutMs);
  }

  /** The link died on its own: count it and retry after the backoff. */
  private lost(reason: string, retryAfterMs = 0): void {
    this.lastError = reason;
    this.drop(reason);
    this.reconnects++;
    this.scheduleConnect(undefined, retryAfterMs);
  }

  private drop(reason: string): void {
    const ws = this.ws;
    this.ws = undefined;
    this.detach(ws);
    this.stopTimers();
    this.connectedSince = undefined;
    this.synced = false;
    if (ws) this.handler.lost(reason);
  }

  private scheduleConnect(delayMs?: number, retryAfterMs = 0): void {
    const delay = delayMs ?? this.backoff.next(retryAfterMs);
    this.retryAt = this.now() + delay;
    this.state = delay >= this.tuning.downAfterMs ? 'down' : 'reconnecting';
    this.clearTimer('retryTimer');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closed) this.requestConnect();
    }, delay);
  }

  private startTicking(): void {
    this.clearTimer('tickTimer');
    this.tickTimer = setInterval(() => this.tick(), this.watch.checkEveryMs);
  }

  private tick(): void {
    const now = this.now();
    const verdict = this.watch.check(now);
    switch (verdict.kind) {
      case 'dead':
        return this.reconnect(verdict.reason);
      case 'ping':
        if (this.send(verdict.frame)) this.watch.pingSent(now);
        break;
      case 'stale':
        if (this.state === 'live' || this.state === 'syncing') this.state = 'stale';
        break;
      case 'fine':
        break;
      default:
        throw new Error(`unknown link verdict ${JSON.stringify(verdict satisfies never)}`);
    }
    if (this.synced && this.connectedSince !== undefined && now - this.connectedSince > this.tuning.stableAfterMs) {
      this.backoff.reset();
    }
  }

  private detach(ws: WebSocket | undefined): void {
    if (!ws) return;
    ws.removeAllListeners();
    ws.on('error', noop);
    ws.terminate();
  }

  private stopTimers(): void {
    this.cancelGate?.();
    this.cancelGate = undefined;
    this.clearTimer('tickTimer');
    this.clearTimer('retryTimer');
    this.clearTimer('connectTimer');
  }

  private clearTimer(name: 'tickTimer' | 'retryTimer' | 'connectTimer'): void {
    const timer = this[name];
    if (timer !== undefined) {
      clearTimeout(timer);
      this[name] = undefined;
    }
  }
}

function toFrame(data: WebSocket.RawData, isBinary: boolean): Frame {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  return isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : buffer.toString('utf8');
}
