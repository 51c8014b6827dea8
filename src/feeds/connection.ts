/**
 * ResilientSocket: one venue connection that stays alive. It owns the connection, the heartbeat,
 * the silent-stall watchdog and the reconnect backoff, and keeps the link's phase:
 *
 *   connecting -> open <-> stale -> reconnecting | down -> connecting -> ...   -> closed
 *
 * It knows nothing of books: whether an open link shows as `syncing` or `live` is the owner's
 * word (health.ts's feedState joins the two). Each connection it opens gets a generation;
 * callbacks from a replaced one are dropped, so an old socket can never reach the book. All I/O
 * and timing go through the transport. After close() nothing it owned emits, sends or schedules
 * anything.
 */
import { errorMessage } from '../wire/json.js';
import { Backoff, parseRetryAfter } from './backoff.js';
import { ConnectRequest, type ConnectGate } from './connect-request.js';
import { LinkWatch } from './link-watch.js';
import type { LinkTuning } from './link-tuning.js';
import type { StandbyLink } from './standby-link.js';
import { TimerSlot } from './timer-slot.js';
import type { FeedTransport, SocketListener, WireSocket } from './transport.js';
import type { Frame } from './types.js';

export type LinkPhase = 'connecting' | 'open' | 'stale' | 'reconnecting' | 'down' | 'closed';

interface SocketHandler {
  /** The socket is open: send the subscriptions. */
  opened(): void;
  frame(frame: Frame, receivedAt: number): void;
  /** The connection is gone; whatever the book knew is no longer being kept up to date. */
  lost(reason: string): void;
  /** The connection is doing its job (the book is in sync): a long run of it resets the backoff. */
  healthy(): boolean;
}

interface ReconnectOptions {
  /** A resync by reconnection counts as a resync, not a reconnect. */
  readonly countAsReconnect?: boolean;
  /** A user asked for it: no backoff wait. */
  readonly immediate?: boolean;
  /** false: the reason is no error (the user asked), so the last error stays what it was. */
  readonly isError?: boolean;
}

export class ResilientSocket {
  phase: LinkPhase = 'connecting';
  /** Connections that opened again after one was lost or dropped (a resync's excluded). */
  reconnects = 0;
  /** Connection attempts that never opened: refused, timed out, or closed during the handshake. */
  failedAttempts = 0;
  connectedSince: number | undefined;
  retryAt: number | undefined;
  private error: { readonly message: string; readonly at: number } | undefined;

  private ws: WireSocket | undefined;
  /** Bumped for every connection made or dropped: a callback of another generation is stale. */
  private generation = 0;
  private readonly backoff: Backoff;
  private closed = false;
  private failedForGood = false;
  /** The next connection to open is a reconnect (false for the first, and for a resync's). */
  private nextOpenIsReconnect = false;
  private readonly watch: LinkWatch;
  private readonly tickTimer: TimerSlot;
  private readonly retryTimer: TimerSlot;
  private readonly connectTimer: TimerSlot;
  private readonly connectRequest: ConnectRequest;

  constructor(
    private readonly url: () => string,
    private readonly tuning: LinkTuning,
    private readonly handler: SocketHandler,
    private readonly transport: FeedTransport,
    gate?: ConnectGate,
  ) {
    this.connectRequest = new ConnectRequest(gate);
    this.backoff = new Backoff(tuning.backoff);
    this.watch = new LinkWatch(tuning);
    this.tickTimer = new TimerSlot(transport.clock);
    this.retryTimer = new TimerSlot(transport.clock);
    this.connectTimer = new TimerSlot(transport.clock);
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
    if (this.closed || this.ws || this.connectRequest.waiting) return;
    this.requestConnect();
  }

  /** Sends if the socket is open; a frame for a dead socket is dropped, not queued. */
  send(text: string): boolean {
    const ws = this.ws;
    if (!ws?.isOpen) return false;
    ws.send(text);
    return true;
  }

  markData(at: number): void {
    this.watch.sawData(at);
    if (this.phase === 'stale') this.phase = 'open';
  }

  /** An answer to our ping (client-ping) or a heartbeat; any frame already counts as proof of the link. */
  markPong(): void {
    this.watch.sawPong();
  }

  /** Drop the current connection and open a new one after the backoff wait. */
  reconnect(reason: string, options: ReconnectOptions = {}): void {
    if (this.closed) return;
    if (options.isError !== false) this.lastError = reason;
    this.failedForGood = false;
    this.drop(reason);
    this.nextOpenIsReconnect = options.countAsReconnect !== false;
    this.scheduleConnect(options.immediate ? 0 : undefined);
  }

  /** Stop trying for good (the venue does not list the symbol): shows as `down`, no retry. */
  fail(reason: string): void {
    if (this.closed) return;
    this.lastError = reason;
    this.failedForGood = true;
    this.drop(reason);
    this.retryTimer.clear();
    this.retryAt = undefined;
    this.phase = 'down';
  }

  get failed(): boolean {
    return this.failedForGood;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.generation++;
    this.ws?.terminate();
    this.ws = undefined;
    this.stopTimers();
    this.phase = 'closed';
    this.retryAt = undefined;
  }

  private now(): number {
    return this.transport.clock.now();
  }

  /** Connect when the gate allows; a request still queued is withdrawn by stopTimers(). */
  private requestConnect(): void {
    this.retryAt = undefined;
    this.phase = 'connecting';
    this.connectRequest.ask(() => {
      if (!this.closed && !this.failedForGood) this.connect();
    });
  }

  /**
   * A planned swap (planned-swap.ts): the open standby becomes the current connection and the
   * old one is ended. Not a loss: the handler hears no `lost` and no reconnect is counted.
   * False (and the standby closed) when there is no open connection to replace.
   */
  adopt(standby: StandbyLink): boolean {
    const old = this.ws;
    if (this.closed || !old?.isOpen || !standby.isOpen) {
      standby.close();
      return false;
    }
    this.ws = standby.handOver(this.listener(++this.generation));
    old.terminate();
    const now = this.now();
    this.connectedSince = standby.openedAt ?? now;
    this.watch.opened(now);
    return true;
  }

  private connect(): void {
    this.retryAt = undefined;
    this.phase = 'connecting';
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation;
    try {
      this.ws = this.transport.connect(this.url(), this.listener(generation), { handshakeTimeoutMs: this.tuning.connectTimeoutMs });
    } catch (error) {
      // A URL no socket can use: no retry will fix it, and a throw from a retry timer would crash.
      this.fail(`cannot connect: ${errorMessage(error)}`);
      return;
    }
    if (this.transport.scripted) return;
    this.connectTimer.after(this.tuning.connectTimeoutMs, () => {
      if (current() && this.ws?.isOpen === false) this.lost('connect timed out');
    });
  }

  /** The events of the connection of `generation`; once another is current they are dropped. */
  private listener(generation: number): SocketListener {
    const current = (): boolean => generation === this.generation;
    return {
      open: () => current() && this.onOpen(),
      frame: (frame) => {
        if (!current()) return;
        const now = this.now();
        this.watch.sawFrame(now);
        this.handler.frame(frame, now);
      },
      ping: () => current() && this.watch.sawFrame(this.now()),
      pong: () => current() && this.watch.sawFrame(this.now()),
      refused: (status, retryAfter) => current() && this.lost(`HTTP ${status} on connect`, parseRetryAfter(retryAfter, this.now())),
      closed: (code, reason) => current() && this.lost(`connection closed (${code}${reason ? `: ${reason}` : ''})`),
    };
  }

  private onOpen(): void {
    this.connectTimer.clear();
    const now = this.now();
    this.connectedSince = now;
    if (this.nextOpenIsReconnect) this.reconnects++;
    this.nextOpenIsReconnect = false;
    this.watch.opened(now);
    this.phase = 'open';
    if (!this.transport.scripted) this.tickTimer.every(this.watch.checkEveryMs, () => this.tick());
    this.handler.opened();
  }

  /**
   * The link died on its own, or never opened: retry after the backoff. Only a connection that
   * opens again counts as a reconnect; an attempt that never opened counts as a failed one, so a
   * five-minute outage reads as one reconnect and its many attempts, not as dozens of reconnects.
   */
  private lost(reason: string, retryAfterMs = 0): void {
    this.lastError = reason;
    if (this.connectedSince === undefined) this.failedAttempts++;
    else this.nextOpenIsReconnect = true;
    this.drop(reason);
    this.scheduleConnect(undefined, retryAfterMs);
  }

  private drop(reason: string): void {
    const ws = this.ws;
    this.ws = undefined;
    this.generation++;
    ws?.terminate();
    this.stopTimers();
    this.connectedSince = undefined;
    if (ws) this.handler.lost(reason);
  }

  private scheduleConnect(delayMs?: number, retryAfterMs = 0): void {
    const delay = delayMs ?? this.backoff.next(retryAfterMs);
    this.retryAt = this.now() + delay;
    this.phase = delay >= this.tuning.downAfterMs ? 'down' : 'reconnecting';
    this.retryTimer.after(delay, () => {
      if (!this.closed) this.requestConnect();
    });
  }

  private tick(): void {
    const now = this.now();
    // A close frame or a protocol error leaves the socket closing while a dead peer never
    // completes the TCP close: that link is gone now, not when the close handshake times out.
    if (this.ws && !this.ws.isOpen) return this.lost('connection closed by the venue');
    const verdict = this.watch.check(now);
    switch (verdict.kind) {
      case 'dead':
        return this.reconnect(verdict.reason);
      case 'ping':
        if (this.send(verdict.frame)) this.watch.pingSent(now);
        break;
      case 'probe':
        this.ws?.ping();
        this.watch.probeSent(now);
        break;
      case 'stale':
        if (this.phase === 'open') this.phase = 'stale';
        break;
      case 'fine':
        break;
      default:
        throw new Error(`unknown link verdict ${JSON.stringify(verdict satisfies never)}`);
    }
    if (this.handler.healthy() && this.connectedSince !== undefined && now - this.connectedSince > this.tuning.stableAfterMs) {
      this.backoff.reset();
    }
  }

  private stopTimers(): void {
    this.connectRequest.withdraw();
    this.tickTimer.clear();
    this.retryTimer.clear();
    this.connectTimer.clear();
  }
}
