/**
 * OKX v5 public WebSocket and "Get instruments", simulated for spot (`BTC-USDT`) or perpetual
 * swaps (`BTC-USDT-SWAP`, sizes in contracts), read from OKX's docs and not from src/feeds
 * (DESIGN.md, sim/). Each connection owns its `books` subscriptions and one timer that enforces
 * the idle rule and sends a quiet book's keep-alive.
 *
 * https://www.okx.com/docs-v5/en/ (pages as published July 2026, read 2026-11-29):
 * #overview-websocket-connect, -subscribe, -unsubscribe, -notification,
 * #order-book-trading-market-data-ws-order-book-channel, #public-data-rest-api-get-instruments,
 * #error-code-websocket-public, #error-code-rest-api-public. Wire details: ./okx-wire.ts.
 */
import { SIM_INSTRUMENTS, type LevelChange } from '../market-model.js';
import type { ProtocolFault, SimClient, SimHttpAnswer, SimProtocol, SimSession, SimSymbol, SimulatorOptions, SimVenueContext } from '../venue-server.js';
import { bookChecksum, bookSpecOf, instrumentEntry, wireChanges, wireSide, type OkxSimInstType } from './okx-wire.js';

/**
 * Connect: "The connection will break automatically if the subscription is not established or
 * data has not been pushed for more than 30 seconds." OKX has no heartbeat of its own; a test's
 * `heartbeatEveryMs` makes the limit ten such periods (1 s at 100 ms, against pings every 200 ms).
 */
const IDLE_CLOSE_MS = 30_000;
const IDLE_PERIODS = 10;
/** Idle connections are seen closing with 4004 "No data received in 30s" (no doc lists close codes). */
const IDLE_CLOSE = { code: 4004, reason: 'No data received in 30s' } as const;
const PATH = '/ws/v5/public';

export interface OkxSimOptions extends SimulatorOptions {
  /**
   * `crc32` (default): every book message carries the documented CRC32, as before the 2026
   * deprecation, so a wrong one can be sent (`bad-checksum`). `zero`: the field fixed to 0, as now.
   */
  readonly checksums?: 'crc32' | 'zero';
}

interface Timing {
  readonly idleCloseMs: number;
  /** Order book channel: a book with no changes gets an empty update "Around 60 seconds" apart. */
  readonly keepAliveMs: number;
  /** Notification: the notice comes "60 seconds prior to the upgrade". */
  readonly upgradeNoticeMs: number;
}

interface Subscription {
  readonly instId: string;
  readonly state: SimSymbol;
  /** `seqId` of the last message sent (or lost) for it: the next one's `prevSeqId`. */
  lastSeqId: number;
  lastPushAt: number;
}

type Message = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let connections = 0;

class OkxSession implements SimSession {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly connId = (0xa4d3ae55 + connections++).toString(16).slice(-8);
  private readonly timer: NodeJS.Timeout;
  private lastPushAt = Date.now();
  private unsubscribedSince = Date.now();
  private shutdownTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly instType: OkxSimInstType,
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly peers: Set<OkxSession>,
    private readonly timing: Timing,
    private readonly checksums: 'crc32' | 'zero',
  ) {
    peers.add(this);
    this.timer = setInterval(() => this.tick(), Math.max(10, Math.floor(timing.idleCloseMs / 10)));
    this.timer.unref();
  }

  /** Text `ping` -> `pong` (Connect); JSON {"id"?, "op", "args":[{"channel","instId"}]} (Subscribe, Unsubscribe). */
  message(text: string): void {
    if (this.closed) return;
    if (text === 'ping') {
      if (!this.context.faults.active('no-pong')) this.send('pong');
      return;
    }
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return this.reply({ event: 'error', code: '60012', msg: `Invalid request: ${text}` });
    }
    const id = isRecord(request) && typeof request['id'] === 'string' ? { id: request['id'] } : {};
    const op = isRecord(request) ? request['op'] : undefined;
    const args = isRecord(request) ? request['args'] : undefined;
    if ((op !== 'subscribe' && op !== 'unsubscribe') || !Array.isArray(args) || args.length === 0) {
      return this.reply({ ...id, event: 'error', code: '60012', msg: `Invalid request: ${text}` });
    }
    for (const arg of args as unknown[]) this.channel(op, arg, id);
  }

  publish(state: SimSymbol, changes: readonly LevelChange[], firstSeq: number): void {
    if (this.closed) return;
    // The upgrade is the server's: every connection hears it, whichever session drew the fault.
    if (this.context.faults.take('server-shutdown')) for (const peer of this.peers) peer.announceUpgrade();
    const seqId = firstSeq + changes.length - 1;
    for (const subscription of this.subscriptions.values()) {
      if (subscription.state !== state) continue;
      const prevSeqId = subscription.lastSeqId;
      subscription.lastSeqId = seqId;
      // Lost on the way: the next message's prevSeqId names this one, which never arrived.
      if (this.context.faults.take('gap')) continue;
      this.book(subscription, 'update', { ...wireChanges(this.instType, state.base, changes), prevSeqId, seqId });
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.shutdownTimer);
    this.peers.delete(this);
    this.subscriptions.clear();
  }

  private channel(op: 'subscribe' | 'unsubscribe', arg: unknown, id: Message): void {
    const channel = isRecord(arg) ? arg['channel'] : undefined;
    const instId = isRecord(arg) ? arg['instId'] : undefined;
    if (typeof channel !== 'string') return this.reply({ ...id, event: 'error', code: '60012', msg: `Invalid request: ${JSON.stringify(arg)}` });
    const state = channel === 'books' && typeof instId === 'string' ? this.symbolOf(instId) : undefined;
    if (!state || typeof instId !== 'string') {
      // 60018: "Wrong URL or {0} doesn't exist. Please use the correct URL, channel and parameters referring to API document."
      const name = `channel:${channel}${typeof instId === 'string' ? `,instId:${instId}` : ''}`;
      return this.reply({ ...id, event: 'error', code: '60018', msg: `Wrong URL or ${name} doesn't exist. Please use the correct URL, channel and parameters referring to API document.` });
    }
    const ack = { ...id, event: op, arg: { channel, instId } };
    if (op === 'unsubscribe') {
      this.subscriptions.delete(instId);
      if (this.subscriptions.size === 0) this.unsubscribedSince = Date.now();
      return this.reply(ack);
    }
    this.reply(ack);
    const subscription: Subscription = { instId, state, lastSeqId: state.seq, lastPushAt: Date.now() };
    this.subscriptions.set(instId, subscription);
    // "400 depth levels will be pushed in the initial full snapshot": the sim's books are smaller.
    const asks = wireSide(this.instType, state.book, 'ask');
    const bids = wireSide(this.instType, state.book, 'bid');
    this.book(subscription, 'snapshot', { asks, bids, prevSeqId: -1, seqId: state.seq });
  }

  /** BTC-USDT on spot, BTC-USDT-SWAP on swaps; anything else does not exist here. */
  private symbolOf(instId: string): SimSymbol | undefined {
    const pattern = this.instType === 'SPOT' ? /^([A-Z0-9]+)-USDT$/ : /^([A-Z0-9]+)-USDT-SWAP$/;
    const base = pattern.exec(instId)?.[1];
    return base === undefined ? undefined : this.context.symbol(base);
  }

  /**
   * {"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot"|"update","data":[{"asks",
   * "bids","ts","checksum","prevSeqId","seqId"}]}, key order as in the doc's push examples.
   */
  private book(subscription: Subscription, action: 'snapshot' | 'update', body: { asks: unknown; bids: unknown; prevSeqId: number; seqId: number }): void {
    const data = { asks: body.asks, bids: body.bids, ts: String(Date.now()), checksum: this.checksum(subscription.state), prevSeqId: body.prevSeqId, seqId: body.seqId };
    subscription.lastPushAt = Date.now();
    this.send(JSON.stringify({ arg: { channel: 'books', instId: subscription.instId }, action, data: [data] }), 'market');
  }

  private checksum(state: SimSymbol): number {
    if (this.checksums === 'zero') return 0;
    const right = bookChecksum(this.instType, state.book);
    if (!this.context.faults.take('bad-checksum')) return right;
    // Never 0: a zero checksum is no checksum.
    return (right ^ 1) === 0 ? 2 : right ^ 1;
  }

  /** "60 seconds prior to the upgrade ... the notification message will be sent", then the close. */
  private announceUpgrade(): void {
    if (this.closed || this.shutdownTimer) return;
    this.reply({ event: 'notice', code: '64008', msg: 'The connection will soon be closed for a service upgrade. Please reconnect.' });
    this.shutdownTimer = setTimeout(() => this.client.close(1001, 'service upgrade'), this.timing.upgradeNoticeMs);
    this.shutdownTimer.unref();
  }

  /** The idle rule, and the empty update a quiet book gets ("seqId is the same as the last sent message and prevSeqId equals to seqId"). */
  private tick(): void {
    const now = Date.now();
    const idle = this.timing.idleCloseMs;
    if (now - this.lastPushAt > idle || (this.subscriptions.size === 0 && now - this.unsubscribedSince > idle)) {
      this.closed = true;
      this.client.close(IDLE_CLOSE.code, IDLE_CLOSE.reason);
      return;
    }
    for (const subscription of this.subscriptions.values()) {
      if (now - subscription.lastPushAt < this.timing.keepAliveMs) continue;
      this.book(subscription, 'update', { asks: [], bids: [], prevSeqId: subscription.lastSeqId, seqId: subscription.lastSeqId });
    }
  }

  private reply(message: Message): void {
    this.send(JSON.stringify({ ...message, connId: this.connId }));
  }

  private send(text: string, kind: 'market' | 'control' = 'control'): void {
    this.lastPushAt = Date.now();
    this.client.send(text, kind);
  }
}

/**
 * GET /api/v5/public/instruments?instType=SPOT&instId=BTC-USDT (Get instruments): {"code":"0",
 * "msg":"","data":[{...}]}. An instId it does not list: {"code":"51001","msg":"Instrument ID,
 * Instrument ID code or Spread ID doesn't exist.","data":[]}, HTTP 200; a missing or unknown
 * instType: 51000 "Parameter {param0} error", HTTP 400 (error codes, REST API, Public).
 */
function instruments(instType: OkxSimInstType, url: URL, context: SimVenueContext): SimHttpAnswer {
  if (url.pathname !== '/api/v5/public/instruments') return { status: 404, body: '' };
  const answer = (status: number, code: string, msg: string, data: unknown[] = []): SimHttpAnswer => ({ status, body: JSON.stringify({ code, msg, data }) });
  const type = url.searchParams.get('instType');
  if (!type || !['SPOT', 'MARGIN', 'SWAP', 'FUTURES', 'OPTION'].includes(type)) return answer(400, '51000', 'Parameter instType error');
  const instId = url.searchParams.get('instId');
  const pattern = instType === 'SPOT' ? /^([A-Z0-9]+)-USDT$/ : /^([A-Z0-9]+)-USDT-SWAP$/;
  const base = instId === null ? undefined : pattern.exec(instId)?.[1];
  if (type !== instType || (instId !== null && (base === undefined || !context.symbol(base)))) {
    if (instId === null) return answer(200, '0', '');
    return answer(200, '51001', "Instrument ID, Instrument ID code or Spread ID doesn't exist.");
  }
  const bases = base === undefined ? SIM_INSTRUMENTS.map((i) => i.base).filter((b) => context.symbol(b)) : [base];
  return answer(200, '0', '', bases.map((b) => instrumentEntry(instType, b)));
}

/** The simulated OKX for one instrument type: `okx` (SPOT) or `okx-swap` (SWAP). */
export function okxProtocol(instType: OkxSimInstType, options: OkxSimOptions = {}): SimProtocol {
  const peers = new Set<OkxSession>();
  const idleCloseMs = options.heartbeatEveryMs === undefined ? IDLE_CLOSE_MS : options.heartbeatEveryMs * IDLE_PERIODS;
  const timing: Timing = { idleCloseMs, keepAliveMs: 2 * idleCloseMs, upgradeNoticeMs: 2 * idleCloseMs };
  const checksums = options.checksums ?? 'crc32';
  const faults: ProtocolFault[] = ['gap', ...(checksums === 'crc32' ? ['bad-checksum' as const] : []), 'no-pong', 'server-shutdown'];
  return {
    venue: instType === 'SPOT' ? 'okx' : 'okx-swap',
    faults,
    wsPath: PATH,
    bookSpec: (base) => bookSpecOf(instType, base),
    connect(url: URL, client: SimClient, context: SimVenueContext): SimSession {
      // Production Trading Services: wss://ws.okx.com:8443/ws/v5/public; after the upgrade, closing is the nearest to a refusal.
      if (url.pathname !== PATH) client.close(1008, `no endpoint at ${url.pathname}`);
      return new OkxSession(instType, client, context, peers, timing, checksums);
    },
    http: (url, _body, context) => instruments(instType, url, context),
  };
}
