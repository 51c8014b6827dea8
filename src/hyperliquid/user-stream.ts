/**
 * The user's own channels on Hyperliquid's WebSocket, over the shared ResilientSocket (reconnect,
 * heartbeat, backoff, stale-callback safety): clearinghouseState (positions and margin), orderUpdates
 * and userFills. It decodes and hands events to its one listener; it keeps no state of its own.
 * After close() the listener is never called again.
 *
 * Docs: "Websocket > Subscriptions" ({"method":"subscribe","subscription":{"type":"orderUpdates",
 * "user":"<address>"}}, data formats WsOrder[], WsUserFills {isSnapshot?, user, fills},
 * ClearinghouseState; acks on channel "subscriptionResponse"); "Timeouts and heartbeats" (the server
 * closes a connection idle for 60 s; {"method":"ping"} is answered {"channel":"pong"}).
 */
import { ResilientSocket } from '../feeds/connection.js';
import { feedState } from '../feeds/health.js';
import { DEFAULT_TUNING, type LinkTuning } from '../feeds/link-tuning.js';
import { liveTransport } from '../feeds/live-transport.js';
import type { Frame } from '../feeds/types.js';
import { describeValue, frameText, isRecord, parseJson } from '../wire/json.js';
import type { StreamState } from './positions-view.js';
import { decimal, readClearinghouseState, type ClearinghouseState } from './wire.js';

/** WsOrder: an order's new status (open, filled, canceled, ...rejected). */
export interface StreamOrder {
  readonly coin: string;
  readonly oid: number;
  readonly cloid: string | null;
  readonly status: string;
  readonly sz: string;
  readonly origSz: string;
}

/** WsFill, the fields a close cares about. */
export interface StreamFill {
  readonly coin: string;
  readonly oid: number;
  readonly px: string;
  readonly sz: string;
  readonly side: string;
}

export type UserStreamEvent =
  | { readonly type: 'clearinghouse'; readonly state: ClearinghouseState; readonly at: number }
  | { readonly type: 'orders'; readonly orders: readonly StreamOrder[] }
  | { readonly type: 'fills'; readonly fills: readonly StreamFill[]; readonly snapshot: boolean }
  | { readonly type: 'link'; readonly state: StreamState; readonly error?: string };

export interface UserStreamOptions {
  readonly url: string;
  /** The account (never an agent address). */
  readonly user: string;
  readonly onEvent: (event: UserStreamEvent) => void;
  readonly tuning?: Partial<LinkTuning>;
}

const GREETING = 'Websocket connection established.';
const CHANNELS = ['clearinghouseState', 'orderUpdates', 'userFills'] as const;

/** Ping at half the server's 60 s idle limit. User channels can be silent for hours: silence is not a stall. */
export const USER_STREAM_TUNING: LinkTuning = {
  ...DEFAULT_TUNING,
  heartbeat: { kind: 'client-ping', frame: '{"method":"ping"}', intervalMs: 30_000, timeoutMs: 10_000 },
  staleAfterMs: 24 * 3_600_000,
};

export class UserStream {
  private readonly socket: ResilientSocket;
  /** The server acknowledged the subscriptions on the current connection. */
  private subscribed = false;
  private closed = false;

  constructor(private readonly options: UserStreamOptions) {
    this.socket = new ResilientSocket(() => options.url, { ...USER_STREAM_TUNING, ...options.tuning }, {
      opened: () => this.opened(),
      frame: (frame, at) => this.guardedFrame(frame, at),
      lost: (reason) => {
        this.subscribed = false;
        this.emit({ type: 'link', state: 'reconnecting', error: reason });
      },
      healthy: () => this.subscribed,
    }, liveTransport);
  }

  start(): void {
    if (this.closed) return;
    this.emit({ type: 'link', state: 'connecting' });
    this.socket.start();
  }

  get state(): StreamState {
    return feedState(this.socket.phase, this.subscribed);
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }

  private opened(): void {
    this.subscribed = false;
    for (const type of CHANNELS) {
      this.socket.send(JSON.stringify({ method: 'subscribe', subscription: { type, user: this.options.user } }));
    }
    this.emit({ type: 'link', state: 'syncing' });
  }

  /**
   * No frame from the network may end the process: a throw here would escape the socket's event
   * handler. A frame that cannot be handled is reported on the link; the positions model still
   * has its info poll.
   */
  private guardedFrame(frame: Frame, at: number): void {
    try {
      this.frame(frame, at);
    } catch (error) {
      this.emit({ type: 'link', state: this.state, error: `unreadable frame: ${error instanceof Error ? error.message : 'error'}` });
    }
  }

  private frame(frame: Frame, at: number): void {
    const text = frameText(frame);
    if (text === undefined || text === GREETING) return;
    const parsed = parseJson(text);
    if (!parsed.ok || !isRecord(parsed.value)) return;
    const { channel, data } = parsed.value;
    this.socket.markData(at);
    switch (channel) {
      case 'pong':
        this.socket.markPong();
        return;
      case 'subscriptionResponse':
        this.subscribed = true;
        this.emit({ type: 'link', state: 'live' });
        return;
      case 'clearinghouseState': {
        const state = readClearinghouseState(data);
        if (state.ok) this.emit({ type: 'clearinghouse', state: state.value, at });
        return;
      }
      case 'orderUpdates':
        if (Array.isArray(data)) this.emit({ type: 'orders', orders: (data as readonly unknown[]).flatMap(readOrder) });
        return;
      case 'userFills':
        if (isRecord(data) && Array.isArray(data['fills'])) {
          this.emit({ type: 'fills', fills: (data['fills'] as readonly unknown[]).flatMap(readFill), snapshot: data['isSnapshot'] === true });
        }
        return;
      case 'error':
        // A refused subscription (e.g. a server without the clearinghouseState channel): the
        // positions model still has its info poll, so this is reported, not fatal.
        this.emit({ type: 'link', state: this.state, error: describeValue(data ?? 'error', 200) });
        return;
      default:
        return;
    }
  }

  private emit(event: UserStreamEvent): void {
    if (!this.closed) this.options.onEvent(event);
  }
}

/** WsOrder { order: WsBasicOrder { coin, side, limitPx, sz, oid, timestamp, origSz, cloid }, status, statusTimestamp } */
function readOrder(item: unknown): StreamOrder[] {
  const order = isRecord(item) ? item['order'] : undefined;
  if (!isRecord(item) || !isRecord(order) || typeof item['status'] !== 'string') return [];
  const sz = decimal(order['sz']);
  const origSz = decimal(order['origSz']);
  const { coin, oid, cloid } = order;
  if (typeof coin !== 'string' || typeof oid !== 'number' || sz === undefined || origSz === undefined) return [];
  return [{ coin, oid, cloid: typeof cloid === 'string' ? cloid : null, status: item['status'], sz, origSz }];
}

/** WsFill { coin, px, sz, side, time, startPosition, dir, closedPnl, hash, oid, crossed, fee, tid, ... } */
function readFill(item: unknown): StreamFill[] {
  if (!isRecord(item)) return [];
  const px = decimal(item['px']);
  const sz = decimal(item['sz']);
  const { coin, oid, side } = item;
  if (typeof coin !== 'string' || typeof oid !== 'number' || typeof side !== 'string' || px === undefined || sz === undefined) return [];
  return [{ coin, oid, px, sz, side }];
}
