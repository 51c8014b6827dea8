/**
 * StandbyLink: a second connection to a feed's venue, opened beside the current one so that it
 * can take over without a gap (planned-swap.ts). It owns its socket, its place in the connection
 * gate's queue and its handshake timer until handOver() gives the socket to the ResilientSocket,
 * which then routes its events; close() before that ends everything it owns. It judges no link:
 * it lives for seconds, beside a current connection that is judged.
 */
import { errorMessage } from '../wire/json.js';
import { ConnectRequest, type ConnectGate } from './connect-request.js';
import { TimerSlot } from './timer-slot.js';
import type { FeedTransport, SocketListener, WireSocket } from './transport.js';
import type { Frame } from './types.js';

export interface StandbyHandler {
  /** The standby is open: send it its subscriptions. */
  opened(): void;
  frame(frame: Frame, receivedAt: number): void;
  /** The standby could not be opened, or ended before it was handed over. */
  failed(reason: string): void;
}

export class StandbyLink {
  /** When the handshake completed; the current connection's `connectedSince` after a hand-over. */
  openedAt: number | undefined;
  private ws: WireSocket | undefined;
  /** Where the socket's events go: this link's handler, then the ResilientSocket's listener. */
  private route: SocketListener;
  private connectRequest: ConnectRequest | undefined;
  private readonly connectTimer: TimerSlot;
  private ended = false;

  constructor(
    private readonly url: string,
    private readonly transport: FeedTransport,
    private readonly handshakeTimeoutMs: number,
    private readonly handler: StandbyHandler,
  ) {
    this.route = this.ownListener();
    this.connectTimer = new TimerSlot(transport.clock);
  }

  /** Connect when the gate allows (the venue's connection budget counts a standby too). */
  start(gate: ConnectGate | undefined): void {
    if (this.ended || this.ws || this.connectRequest) return;
    this.connectRequest = new ConnectRequest(gate);
    this.connectRequest.ask(() => {
      if (!this.ended) this.connect();
    });
  }

  get isOpen(): boolean {
    return !this.ended && this.openedAt !== undefined && this.ws?.isOpen === true;
  }

  send(text: string): void {
    if (this.isOpen) this.ws!.send(text);
  }

  /** The socket, from now on routed to `listener`; this link owns nothing more. */
  handOver(listener: SocketListener): WireSocket {
    const ws = this.ws;
    if (!this.isOpen || !ws) throw new Error('handOver of a standby that is not open');
    this.route = listener;
    this.release();
    return ws;
  }

  close(): void {
    if (this.ended) return;
    const ws = this.ws;
    this.release();
    ws?.terminate();
  }

  private release(): void {
    this.ended = true;
    this.ws = undefined;
    this.connectRequest?.withdraw();
    this.connectTimer.clear();
  }

  private connect(): void {
    const forward: SocketListener = {
      open: () => this.route.open(),
      frame: (frame) => this.route.frame(frame),
      ping: () => this.route.ping(),
      pong: () => this.route.pong(),
      refused: (status, retryAfter) => this.route.refused(status, retryAfter),
      closed: (code, reason) => this.route.closed(code, reason),
    };
    try {
      this.ws = this.transport.connect(this.url, forward, { handshakeTimeoutMs: this.handshakeTimeoutMs });
    } catch (error) {
      return this.fail(`cannot connect: ${errorMessage(error)}`);
    }
    this.connectTimer.after(this.handshakeTimeoutMs, () => {
      if (this.openedAt === undefined) this.fail('connect timed out');
    });
  }

  /** Events while this link still owns the socket; nothing reaches the handler after close(). */
  private ownListener(): SocketListener {
    return {
      open: () => {
        if (this.ended) return;
        this.openedAt = this.transport.clock.now();
        this.connectTimer.clear();
        this.handler.opened();
      },
      frame: (frame) => {
        if (!this.ended) this.handler.frame(frame, this.transport.clock.now());
      },
      ping: () => undefined,
      pong: () => undefined,
      refused: (status) => this.fail(`HTTP ${status} on connect`),
      closed: (code, reason) => this.fail(`connection closed (${code}${reason ? `: ${reason}` : ''})`),
    };
  }

  private fail(reason: string): void {
    if (this.ended) return;
    this.close();
    this.handler.failed(reason);
  }
}
