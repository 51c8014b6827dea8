/**
 * Where a feed's I/O comes from: a socket factory, a REST/instrument fetcher and a clock. The
 * feed machinery (connection, snapshot fetcher, feed) does all its I/O and timing through one of
 * these, so the same code runs live (./live-transport.ts), recorded (record/recorder.ts wraps
 * the live one) or replayed (record/replayer.ts plays a file).
 */
import type { Frame } from './types.js';

declare const timerBrand: unique symbol;
/** A timer a Clock made; only that clock can clear it. */
export type TimerHandle = { readonly [timerBrand]: true };

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  setInterval(callback: () => void, ms: number): TimerHandle;
  /** Clears a timeout or an interval; undefined and timers already fired are ignored. */
  clear(timer: TimerHandle | undefined): void;
}

/** What one connection tells its owner. Nothing is called after the socket was terminated. */
export interface SocketListener {
  open(): void;
  frame(frame: Frame): void;
  /** A protocol-level ping (answered by the WebSocket layer itself): proof of a live link. */
  ping(): void;
  /** The answer to our protocol-level ping: proof of a live link. */
  pong(): void;
  /** The handshake was answered with an HTTP status instead of an upgrade. */
  refused(status: number, retryAfter: string | undefined): void;
  /** The connection ended; `reason` is the close reason or the error that caused it. */
  closed(code: number, reason: string): void;
}

export interface WireSocket {
  readonly isOpen: boolean;
  send(text: string): void;
  /**
   * A protocol-level ping frame. Every WebSocket endpoint must answer it with a pong (RFC 6455
   * §5.5.2), whatever the venue's own heartbeat: the one probe that works on every venue.
   */
  ping(): void;
  /** Ends the connection now; its listener hears nothing more. */
  terminate(): void;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  /** The Retry-After header, as sent. */
  readonly retryAfter: string | undefined;
}

export interface FeedTransport {
  readonly clock: Clock;
  /** Opens a connection; may throw for a URL no connection can be made to. */
  connect(url: string, listener: SocketListener, options: { readonly handshakeTimeoutMs: number }): WireSocket;
  /** One GET; rejects on network failure or abort. */
  get(url: string, signal: AbortSignal): Promise<HttpAnswer>;
  /**
   * The connections open and end as a recording says: the link is not judged (no heartbeat, no
   * stall watchdog, no connect timeout), because a replay must not reconnect on its own.
   */
  readonly scripted?: boolean;
  /**
   * The feed keeps at most one connection open at a time: no standby beside the current one
   * (planned-swap.ts). A recording cannot tell two connections' frames apart (record/format.ts).
   */
  readonly oneConnection?: boolean;
}
