/**
 * The venue's side of a generic-venue feed driven on a ManualTransport: the venue's own book and
 * sequence, written as the generic wire (./codec.ts) with each frame stamped by the test clock
 * and carrying the checksum of the venue's book after it. A test plays the venue by sending
 * these frames, and can break one promise at a time (a gap, a wrong checksum).
 *
 * The generic venue speaks ws-snapshot. `genericVenueAs` gives the same codec the other two sync
 * models, so the feed's per-model rules run on a codec the test controls frame by frame:
 * - rest-snapshot: the socket sends only updates; the book starts from
 *   GET {rest}/depth?symbol=BTC-USD -> 200 {"seq":12,"bids":[...],"asks":[...]}
 *   (404 {"error":"unknown-symbol","message":"..."} for a symbol the venue does not list;
 *   any other {"error":...} is the venue's own refusal, retried);
 * - full-snapshot: every book message is a whole book (type "snapshot").
 * It also reads two server messages the generic wire leaves out, that real venues send:
 *   <- {"event":"ping","id":7}       answered with -> {"op":"pong","id":7} (Bybit, OKX style)
 *   <- {"event":"shutdown"}          the server will close this connection (Binance serverShutdown)
 */
import { Book } from '../../../src/book/book.js';
import type { Clock } from '../../../src/feeds/transport.js';
import type { ErrorEvent, Frame, RawLevel, SnapshotEvent, SyncModel, VenueAdapter, VenueEvent } from '../../../src/feeds/types.js';
import { isRecord, parseJson } from '../../../src/wire/json.js';
import { genericChecksum, genericVenue, type GenericVenueOptions } from './codec.js';

export const WS_URL = 'wss://generic.test/ws';
export const REST_URL = 'https://generic.test';
export const SYMBOL = 'BTC-USD';

type Levels = readonly RawLevel[];

/** A REST depth answer: the snapshot, or the venue's error. */
function decodeDepth(body: string): SnapshotEvent | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) return { type: 'error', message: `Generic: depth answer is not JSON: ${body}` };
  const answer = parsed.value;
  if (typeof answer['error'] === 'string') {
    const message = `Generic: ${String(answer['message'] ?? answer['error'])}`;
    return answer['error'] === 'unknown-symbol' ? { type: 'error', message, notListed: true } : { type: 'error', message };
  }
  return { type: 'snapshot', seq: answer['seq'] as number, bids: answer['bids'] as Levels, asks: answer['asks'] as Levels };
}

/** The generic codec under `sync` (see above), reading server pings and shutdown notices too. */
export function genericVenueAs(sync: SyncModel, options: GenericVenueOptions = {}): VenueAdapter {
  const generic = genericVenue({ ws: WS_URL, rest: REST_URL }, options);
  const codec: VenueAdapter = { ...generic, decode: (frame) => serverNotice(frame) ?? generic.decode(frame) };
  if (sync === 'ws-snapshot') return codec;
  if (sync === 'full-snapshot') return { ...codec, sync, resubscribe: undefined, sequence: undefined };
  return {
    ...codec,
    sync,
    resubscribe: undefined,
    restSnapshot: { url: (symbol) => `${REST_URL}/depth?symbol=${symbol}`, decode: decodeDepth },
  };
}

function serverNotice(frame: Frame): readonly VenueEvent[] | undefined {
  if (typeof frame !== 'string') return undefined;
  const parsed = parseJson(frame);
  if (!parsed.ok || !isRecord(parsed.value)) return undefined;
  const msg = parsed.value;
  if (msg['event'] === 'ping') return [{ type: 'ping', reply: JSON.stringify({ op: 'pong', id: msg['id'] }) }];
  if (msg['event'] === 'shutdown') return [{ type: 'error', message: 'Generic: server shutting down', reconnect: true }];
  return undefined;
}

export class GenericStream {
  /** The venue's book, after every frame written so far. */
  readonly book = new Book();
  seq = 0;
  /** How long before its receipt a frame is stamped: the latency (and skew) the feed should see. */
  latencyMs = 0;

  constructor(private readonly clock: Clock) {}

  /** A whole book (the ws-snapshot venue's first push, or every full-snapshot message). */
  snapshot(bids: Levels, asks: Levels, options: { readonly checksum?: number } = {}): string {
    this.book.replace(bids, asks);
    this.seq += 1;
    return this.write('snapshot', -1, bids, asks, options.checksum ?? genericChecksum(this.book));
  }

  /**
   * An update on top of the venue's book. `gap` leaves out that many update ids before it (the
   * feed missed them); `checksum` replaces the true one (a venue and a client that disagree).
   */
  update(bids: Levels, asks: Levels, options: { readonly gap?: number; readonly checksum?: number } = {}): string {
    this.book.apply(bids, asks);
    const prevSeq = this.seq + (options.gap ?? 0);
    this.seq = prevSeq + 1;
    return this.write('update', prevSeq, bids, asks, options.checksum ?? genericChecksum(this.book));
  }

  /** The REST depth answer of the venue's book as it is now. */
  depth(): string {
    return JSON.stringify({ seq: this.seq, bids: this.book.topBids(100), asks: this.book.topAsks(100) });
  }

  heartbeat(): string {
    return JSON.stringify({ channel: 'heartbeat', ts: this.stamp() });
  }

  private stamp(): number {
    return Math.round(this.clock.now()) - this.latencyMs;
  }

  private write(type: 'snapshot' | 'update', prevSeq: number, bids: Levels, asks: Levels, checksum: number): string {
    return JSON.stringify({ channel: 'book', type, symbol: SYMBOL, seq: this.seq, prevSeq, bids, asks, checksum, ts: this.stamp() });
  }
}

export const serverPing = (id: number): string => JSON.stringify({ event: 'ping', id });
export const SHUTDOWN = JSON.stringify({ event: 'shutdown' });

/** The venue's own error message on the socket (`code` "unknown-symbol": it does not list the symbol). */
export function venueError(message: string, code = 'bad-request'): string {
  return JSON.stringify({ event: 'error', code, message });
}
