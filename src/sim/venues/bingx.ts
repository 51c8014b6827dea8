/**
 * BingX spot, simulated: the market socket's `<symbol>@depth<level>` streams (every push a whole
 * book, gzip-compressed like every frame the server sends), its heartbeat, and the public symbols
 * endpoint, read from BingX's docs and not from src/feeds (DESIGN.md, sim/). Per connection it
 * owns the subscriptions, the ping timer and the push timer, and drops a client that stops
 * answering pings, as the real server does. Every push is whole, so there is no gap to fake; BingX sends no checksum
 * and no shutdown notice: it commits no protocol fault of its own.
 *
 * Sources (https://bingx-api.github.io/docs/#/en-us/spot/socket/ and .../spot/market-api.html,
 * read 2026-07-22); a real depth push: ccxt's test data
 * (test/fixtures/peer-examples/bingx-spot-depth100-push-ccxt.json).
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { BookSpec } from '../market-model.js';
import type { SimClient, SimHttpAnswer, SimProtocol, SimSession, SimSymbol, SimulatorOptions, SimVenueContext } from '../venue-server.js';

/**
 * tickSize and stepSize of each <BASE>-USDT pair. BTC's are those its recorded push prints
 * ("84119.73", "0.000011"); the others are typical of BingX spot pairs, not looked up one by one.
 */
const SPECS: Readonly<Record<string, BookSpec>> = {
  BTC: { priceDecimals: 2, sizeDecimals: 6 },
  ETH: { priceDecimals: 2, sizeDecimals: 4 },
  SOL: { priceDecimals: 2, sizeDecimals: 3 },
  XRP: { priceDecimals: 4, sizeDecimals: 1 },
  DOGE: { priceDecimals: 5, sizeDecimals: 0 },
  AVAX: { priceDecimals: 3, sizeDecimals: 2 },
  LINK: { priceDecimals: 3, sizeDecimals: 2 },
  HYPE: { priceDecimals: 3, sizeDecimals: 2 },
};
/** Heartbeats: "the server will send a heartbeat- ping message every 5 seconds". */
const PING_EVERY_MS = 5_000;
/**
 * How long the server waits for a Pong: undocumented; a client that never answered was cut off
 * 30 s after connecting, six pings in (BingX swap socket, probed 2026). Six ping periods.
 */
const PONG_WINDOW_PERIODS = 6;
/** Subscribe Market Depth Data: "Push limited file depth information every 300ms". */
const PUSH_EVERY_MS = 300;
const DEPTH_STREAM = /^([A-Z0-9]+)-USDT@depth(5|10|20|50|100)$/;
/** Code and text BingX answers a subscription it cannot serve with (seen 2026). */
const NOT_SUPPORTED = { code: 80015, msg: 'dataType not support' } as const;
/** Websocket error codes: 100400 "ILLEGAL_ARGUMENT", a request the server cannot read. */
const ILLEGAL_ARGUMENT = { code: 100400, msg: 'ILLEGAL_ARGUMENT' } as const;

interface Stream {
  readonly base: string;
  readonly levels: number;
  lastPushAt: number;
  /** The symbol's state once its book changed since the last push. */
  changed: SimSymbol | undefined;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The heartbeat's time as the doc prints it: "2022-06-07T16:27:36.323+0800". */
function bingxTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

class BingxSession implements SimSession {
  private readonly streams = new Map<string, Stream>();
  private readonly pinger: NodeJS.Timeout;
  private flushTimer: NodeJS.Timeout | undefined;
  /** When the client last proved it answers: connected, answered a ping, or was owed none. */
  private provedAt = Date.now();
  private closed = false;

  constructor(
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly pingEveryMs: number,
    private readonly pushEveryMs: number,
  ) {
    this.pinger = setInterval(() => this.ping(), pingEveryMs);
    this.pinger.unref();
  }

  /**
   * Subscriptions: {"id":"id1","reqType":"sub","dataType":"data to sub"} -> {"id":"id1","code":0,"msg":""};
   * unsubscribe the same with "reqType":"unsub". Heartbeat answers: {"pong":"<ping>","time":"..."}
   * (spot doc) or the plain text "Pong" (BingX's other sockets).
   */
  message(text: string): void {
    if (this.closed) return;
    if (text === 'Pong') return this.proved();
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return;
    }
    if (!isRecord(request)) return;
    if ('pong' in request) return this.proved();
    const { id, reqType, dataType } = request;
    if (typeof dataType !== 'string' || (reqType !== 'sub' && reqType !== 'unsub')) return this.reply(id, ILLEGAL_ARGUMENT);
    if (reqType === 'unsub') {
      this.streams.delete(dataType);
      return this.reply(id, { code: 0, msg: '' });
    }
    const match = DEPTH_STREAM.exec(dataType);
    const state = match ? this.context.symbol(match[1]!) : undefined;
    if (!match || !state) return this.reply(id, NOT_SUPPORTED);
    this.reply(id, { code: 0, msg: '' });
    const stream: Stream = { base: state.base, levels: Number(match[2]), lastPushAt: 0, changed: undefined };
    this.streams.set(dataType, stream);
    this.push(dataType, stream, state);
  }

  /** A step of the market: each stream of the symbol will push the whole book. */
  publish(state: SimSymbol): void {
    if (this.closed) return;
    for (const stream of this.streams.values()) if (stream.base === state.base) stream.changed = state;
    this.scheduleFlush();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.pinger);
    clearTimeout(this.flushTimer);
    this.streams.clear();
  }

  /**
   * BingX pushes a book on a cadence ("every 300ms"), not once per change: the changes of one
   * moment go out as one push, and a stream pushed less than an interval ago waits for the rest of it.
   */
  private scheduleFlush(): void {
    if (this.flushTimer !== undefined || this.closed) return;
    let due = Number.POSITIVE_INFINITY;
    for (const stream of this.streams.values()) if (stream.changed) due = Math.min(due, stream.lastPushAt + this.pushEveryMs);
    if (due === Number.POSITIVE_INFINITY) return;
    this.flushTimer = setTimeout(() => this.flush(), Math.max(0, due - Date.now()));
    this.flushTimer.unref();
  }

  private flush(): void {
    this.flushTimer = undefined;
    if (this.closed) return;
    const now = Date.now();
    for (const [dataType, stream] of this.streams) {
      const state = stream.changed;
      if (!state || now - stream.lastPushAt < this.pushEveryMs) continue;
      stream.changed = undefined;
      this.push(dataType, stream, state);
    }
    this.scheduleFlush();
  }

  /**
   * {"ping":"2177c68e4d0e45679965f482929b59c2","time":"2022-06-07T16:27:36.323+0800"} every period.
   * A ping the server could not send (a stalled link) is owed no answer.
   */
  private ping(): void {
    const now = Date.now();
    if (this.context.faults.active('stall')) {
      this.provedAt = now;
      return;
    }
    if (now - this.provedAt >= PONG_WINDOW_PERIODS * this.pingEveryMs) {
      this.close();
      this.client.close(1008, 'no pong');
      return;
    }
    this.send({ ping: randomUUID().replaceAll('-', ''), time: bingxTime(now) }, 'control');
  }

  private proved(): void {
    this.provedAt = Date.now();
  }

  /**
   * The push as recorded: {"code":0,"data":{"asks":[...],"bids":[...],"lastUpdateId":13565694850},
   * "dataType":"BTC-USDT@depth100","success":true,"timestamp":1743241379958}: bids best first,
   * asks worst first.
   */
  private push(dataType: string, stream: Stream, state: SimSymbol): void {
    stream.lastPushAt = Date.now();
    const bids = state.book.levels('bid', stream.levels);
    const asks = state.book.levels('ask', stream.levels).reverse();
    this.send({ code: 0, data: { asks, bids, lastUpdateId: state.seq }, dataType, success: true, timestamp: stream.lastPushAt }, 'market');
  }

  private reply(id: unknown, answer: { readonly code: number; readonly msg: string }): void {
    this.send({ id: typeof id === 'string' ? id : '', ...answer }, 'control');
  }

  /** "All response data from Websocket server are compressed into GZIP format." */
  private send(message: Readonly<Record<string, unknown>>, kind: 'market' | 'control'): void {
    this.client.send(gzipSync(JSON.stringify(message)), kind);
  }
}

/**
 * GET /openApi/spot/v1/common/symbols?symbol=BTC-USDT&timestamp=<ms> (market-api, "Spot trading
 * symbols"): {"code":0,"msg":"","debugMsg":"","data":{"symbols":[{...}]}}; tickSize and stepSize are
 * numbers. `timestamp` is required (100421 "Null timestamp or timestamp mismatch" otherwise); a pair
 * BingX does not list is simply not in the list.
 */
function symbols(url: URL, context: SimVenueContext, spec: (base: string) => BookSpec): SimHttpAnswer {
  const answer = (body: unknown): SimHttpAnswer => ({ status: 200, body: JSON.stringify(body) });
  if (url.pathname !== '/openApi/spot/v1/common/symbols') return { status: 404, body: '' };
  if (!url.searchParams.get('timestamp')) {
    return answer({ code: 100421, msg: 'Null timestamp or timestamp mismatch', debugMsg: '', data: {} });
  }
  const symbol = url.searchParams.get('symbol') ?? '';
  const base = /^([A-Z0-9]+)-USDT$/.exec(symbol)?.[1];
  const state = base === undefined ? undefined : context.symbol(base);
  if (!state || base === undefined) return answer({ code: 0, msg: '', debugMsg: '', data: { symbols: [] } });
  const { priceDecimals, sizeDecimals } = spec(base);
  const entry = {
    symbol,
    minQty: 0,
    maxQty: 0,
    minNotional: 2,
    maxNotional: 2_000_000,
    status: 1,
    tickSize: 10 ** -priceDecimals,
    stepSize: 10 ** -sizeDecimals,
    apiStateSell: true,
    apiStateBuy: true,
    timeOnline: 0,
    offTime: 0,
    maintainTime: 0,
    displayName: symbol,
  };
  return answer({ code: 0, msg: '', debugMsg: '', data: { symbols: [entry] } });
}

/**
 * A feed asks for its instrument once, before its socket opens: the answer closes its HTTP
 * connection, so a feed that is closed leaves no idle socket in fetch's keep-alive pool.
 */
function closingConnection(answer: SimHttpAnswer): SimHttpAnswer {
  return { ...answer, headers: { ...answer.headers, Connection: 'close' } };
}

/** `heartbeatEveryMs` is the ping period (5 s); `minPushIntervalMs` the depth push interval (300 ms). */
export function bingxProtocol(options: SimulatorOptions = {}): SimProtocol {
  const pingEveryMs = options.heartbeatEveryMs ?? PING_EVERY_MS;
  const pushEveryMs = options.minPushIntervalMs ?? PUSH_EVERY_MS;
  const bookSpec = (base: string): BookSpec => SPECS[base] ?? { priceDecimals: 2, sizeDecimals: 2 };
  return {
    venue: 'bingx',
    faults: [],
    publishedDepth: 100,
    wsPath: '/market',
    bookSpec,
    /** One endpoint, wss://open-api-ws.bingx.com/market; streams are subscriptions on it. */
    connect(url: URL, client: SimClient, context: SimVenueContext): SimSession {
      // The real server refuses the handshake on another path; after the upgrade, closing is the nearest.
      if (url.pathname !== '/market') client.close(1008, `no endpoint at ${url.pathname}`);
      return new BingxSession(client, context, pingEveryMs, pushEveryMs);
    },
    http: (url, _body, context) => closingConnection(symbols(url, context, bookSpec)),
  };
}
