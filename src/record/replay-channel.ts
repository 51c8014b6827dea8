/**
 * One feed's side of a replay: the transport its VenueFeed runs on. The recording, not the feed,
 * decides when a connection opens (a `connect` record offers one; the feed's socket takes it) and
 * when it ends (the next `connect` record ends the one before); REST answers come from the
 * recording, matched to the request by its path. Nothing here reaches the network.
 */
import type { Clock, FeedTransport, HttpAnswer, SocketListener, WireSocket } from '../feeds/transport.js';
import type { Frame } from '../feeds/types.js';

class ReplaySocket implements WireSocket {
  opened = false;
  terminated = false;

  constructor(readonly listener: SocketListener) {}

  get isOpen(): boolean {
    return this.opened && !this.terminated;
  }

  /** What the feed sends is in the recording already (`"dir": "out"`): nothing to do. */
  send(): void {}

  /** A replay does not judge its link: the probe goes nowhere. */
  ping(): void {}

  terminate(): void {
    this.terminated = true;
  }
}

interface Waiting {
  readonly path: string;
  readonly resolve: (answer: HttpAnswer) => void;
}

export class ReplayChannel implements FeedTransport {
  readonly scripted = true;
  /** Frames the recording holds for this feed. */
  framesSeen = 0;
  /** Frames that arrived while the feed had no connection to take them (it was reconnecting). */
  framesUnheard = 0;
  private socket: ReplaySocket | undefined;
  /** The recording has a connection on offer that no socket has taken yet. */
  private offered = false;
  private readonly answers = new Map<string, HttpAnswer[]>();
  private readonly waiting: Waiting[] = [];

  constructor(readonly clock: Clock) {}

  connect(_url: string, listener: SocketListener): WireSocket {
    this.socket = new ReplaySocket(listener);
    return this.socket;
  }

  get(url: string, signal: AbortSignal): Promise<HttpAnswer> {
    const path = new URL(url).pathname;
    const queued = this.answers.get(path)?.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const entry: Waiting = { path, resolve };
      this.waiting.push(entry);
      signal.addEventListener('abort', () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal.reason);
      }, { once: true });
    });
  }

  /** True once the feed has a socket waiting for the recording's connection, or using it. */
  get hasSocket(): boolean {
    return this.socket !== undefined && !this.socket.terminated;
  }

  /**
   * A `connect` record: the connection before it (if the feed still holds it) ended here, and a
   * new one is on offer. Returns whether a connection was ended, so the player lets the feed
   * reconnect before going on.
   */
  connectRecorded(): boolean {
    const current = this.socket;
    const ended = current !== undefined && current.opened && !current.terminated;
    if (ended) {
      current.terminated = true;
      current.listener.closed(1006, 'the recorded connection ended');
    }
    this.offered = true;
    this.openOffered();
    return ended;
  }

  /** Opens a socket the feed made, if the recording has a connection on offer. */
  openOffered(): void {
    const socket = this.socket;
    if (!this.offered || !socket || socket.opened || socket.terminated) return;
    this.offered = false;
    socket.opened = true;
    socket.listener.open();
  }

  frameRecorded(frame: Frame): void {
    this.framesSeen++;
    this.openOffered();
    const socket = this.socket;
    if (socket?.isOpen) socket.listener.frame(frame);
    else this.framesUnheard++;
  }

  restRecorded(url: string, status: number, body: string): void {
    const path = new URL(url).pathname;
    const answer: HttpAnswer = { status, body, retryAfter: undefined };
    const at = this.waiting.findIndex((entry) => entry.path === path);
    if (at >= 0) return this.waiting.splice(at, 1)[0]!.resolve(answer);
    const queue = this.answers.get(path) ?? [];
    this.answers.set(path, [...queue, answer]);
  }
}
