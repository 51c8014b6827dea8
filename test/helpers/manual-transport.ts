/**
 * A FeedTransport the test drives by hand: time moves only when the test advances it, every
 * connection is a socket the test opens, feeds and drops, and every GET waits for the test's
 * answer. So a connection's rules (backoff, retry timers, link checks) are seen exactly, with no
 * network and no wall-clock slack, and the timers still pending are counted.
 */
import type { Clock, FeedTransport, HttpAnswer, SocketListener, TimerHandle, WireSocket } from '../../src/feeds/transport.js';

interface Timer {
  due: number;
  readonly every: number | undefined;
  readonly callback: () => void;
  readonly order: number;
}

export class ManualClock implements Clock {
  private time = 0;
  private made = 0;
  private readonly timers = new Set<Timer>();
  /** The period of every interval ever set, in order. */
  readonly intervals: number[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    return this.add(callback, ms, undefined);
  }

  setInterval(callback: () => void, ms: number): TimerHandle {
    this.intervals.push(ms);
    return this.add(callback, ms, Math.max(1, ms));
  }

  clear(timer: TimerHandle | undefined): void {
    if (timer !== undefined) this.timers.delete(timer as unknown as Timer);
  }

  /** Timers set and neither fired (timeouts) nor cleared. */
  get pending(): number {
    return this.timers.size;
  }

  /** The earliest time a timer is due, if any. */
  get nextDue(): number | undefined {
    return this.earliest()?.due;
  }

  /** Fires, in time order, every timer due by `t`, then stands at `t`. */
  advanceTo(t: number): void {
    for (let next = this.earliest(); next && next.due <= t; next = this.earliest()) {
      this.time = Math.max(this.time, next.due);
      if (next.every === undefined) this.timers.delete(next);
      else next.due += next.every;
      next.callback();
    }
    this.time = Math.max(this.time, t);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  /** Advances until `predicate` holds, one timer at a time; throws past `limitMs` from now. */
  advanceUntil(description: string, predicate: () => boolean, limitMs: number): void {
    const limit = this.time + limitMs;
    while (!predicate()) {
      const due = this.nextDue;
      if (due === undefined || due > limit) throw new Error(`${description} did not happen within ${limitMs} ms of clock time`);
      this.advanceTo(due);
    }
  }

  private add(callback: () => void, ms: number, every: number | undefined): TimerHandle {
    const timer: Timer = { due: this.time + Math.max(0, ms), every, callback, order: this.made++ };
    this.timers.add(timer);
    return timer as unknown as TimerHandle;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) if (!best || timer.due < best.due || (timer.due === best.due && timer.order < best.order)) best = timer;
    return best;
  }
}

/** One connection the transport made; the test plays the venue's side of it. */
export class ManualSocket implements WireSocket {
  isOpen = false;
  terminated = false;
  terminatedAt: number | undefined;
  readonly sent: string[] = [];
  pings = 0;

  constructor(
    readonly url: string,
    private readonly listener: SocketListener,
    private readonly clock: ManualClock,
    /** The handshake timeout the connection asked for. */
    readonly handshakeTimeoutMs: number,
  ) {}

  send(text: string): void {
    this.sent.push(text);
  }

  ping(): void {
    this.pings++;
  }

  terminate(): void {
    this.isOpen = false;
    this.terminated = true;
    this.terminatedAt = this.clock.now();
  }

  /** The handshake completes. */
  open(): void {
    this.isOpen = true;
    this.listener.open();
  }

  frame(text: string): void {
    this.listener.frame(text);
  }

  serverPing(): void {
    this.listener.ping();
  }

  pong(): void {
    this.listener.pong();
  }

  /** The venue closes the connection. */
  drop(code = 1006, reason = ''): void {
    this.isOpen = false;
    this.listener.closed(code, reason);
  }

  refuse(status: number, retryAfter?: string): void {
    this.listener.refused(status, retryAfter);
  }
}

interface PendingGet {
  readonly url: string;
  readonly signal: AbortSignal;
  readonly at: number;
  answer(answer: HttpAnswer): void;
  /** The network fails the request. */
  fail(error: Error): void;
}

export class ManualTransport implements FeedTransport {
  readonly clock = new ManualClock();
  readonly sockets: ManualSocket[] = [];
  readonly gets: PendingGet[] = [];

  connect(url: string, listener: SocketListener, options: { readonly handshakeTimeoutMs: number }): WireSocket {
    const socket = new ManualSocket(url, listener, this.clock, options.handshakeTimeoutMs);
    this.sockets.push(socket);
    return socket;
  }

  get(url: string, signal: AbortSignal): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      this.gets.push({ url, signal, at: this.clock.now(), answer: resolve, fail: reject });
    });
  }

  /** The newest connection. */
  get socket(): ManualSocket {
    const last = this.sockets.at(-1);
    if (!last) throw new Error('no connection was made');
    return last;
  }
}
