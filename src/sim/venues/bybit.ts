/**
 * Bybit v5 public streams, simulated for spot and linear from Bybit's docs and not from src/feeds
 * (DESIGN.md, sim/). One protocol, parameterised by category: the host path, the answers' shapes,
 * the key order and number format of book messages, and spot's 10-args cap differ. It owns each
 * connection's topics and idle timer; the topics themselves (and their `u`) are shared by the
 * connections of one simulator, as on the real venue.
 *
 * Connect:   https://bybit-exchange.github.io/docs/v5/ws/connect
 * Orderbook: https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook
 * (bybit-exchange/docs @ 072c197, read 2026-07-25)
 * Faults it commits: `gap` (one delta is not sent: the next `u` skips one), `no-pong` (pings go unanswered).
 * Bybit documents no shutdown notice on public streams, so there is no server-shutdown.
 */
import { randomUUID } from 'node:crypto';
import type { LevelChange } from '../market-model.js';
import type { SimClient, SimProtocol, SimSession, SimSymbol, SimulatorOptions, SimVenueContext } from '../venue-server.js';
import { BookTopic, type TopicPush, type WireLevel } from './bybit-book-topic.js';
import { bookSpecOf, instrumentsInfo, type BybitSimCategory } from './bybit-listings.js';

/** Orderbook "Depths" of spot and linear. */
const DEPTHS = [1, 50, 200, 1000];
const TOPIC = /^orderbook\.(\d+)\.([A-Z0-9]+)USDT$/;
/** Connect, "Public channel - Args limits": "Spot can input up to 10 args for each subscription request". */
const SPOT_MAX_ARGS = 10;
/** Connect: "we recommend that you send the ping heartbeat packet every 20 seconds". */
const PING_EVERY_MS = 20_000;
/**
 * Connect: "if there is no "ping-pong" and no stream data sent from server end, the connection
 * will be cut off after 10 minutes". A busy book always has stream data, so the simulator holds
 * clients to the pings: ten minutes, 30 of the recommended ping periods.
 */
const IDLE_PERIODS = 30;

type Reply = Record<string, unknown>;

interface Subscription {
  readonly topic: string;
  readonly book: BookTopic;
}

/** Spot prints prices and sizes without trailing zeros ("75844", "0.00039"); linear at the pair's scale ("16493.50", "0.100"). */
function trimmed(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

function trimmedLevel([price, size]: WireLevel): WireLevel {
  return [trimmed(price), trimmed(size)];
}

class BybitSession implements SimSession {
  private readonly connId = randomUUID();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly idle: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly category: BybitSimCategory,
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly topics: Map<string, BookTopic>,
    idleMs: number,
  ) {
    this.idle = setTimeout(() => client.close(1000, 'no ping'), idleMs);
    this.idle.unref();
  }

  message(text: string): void {
    if (this.closed) return;
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return this.answer('', false, `Invalid request: ${text.slice(0, 80)}`, '');
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) return this.answer('', false, 'Invalid request', '');
    const { op, args, req_id: reqId } = request as Reply;
    const id = typeof reqId === 'string' ? reqId : '';
    const topics = Array.isArray(args) ? args.filter((arg): arg is string => typeof arg === 'string') : [];
    switch (op) {
      case 'ping':
        this.idle.refresh();
        if (!this.context.faults.active('no-pong')) this.answerPing(id);
        return;
      case 'subscribe':
        return this.subscribe(topics, id);
      case 'unsubscribe':
        for (const topic of topics) this.subscriptions.delete(topic);
        return this.answer('unsubscribe', true, this.category === 'spot' ? 'unsubscribe' : '', id);
      default:
        return this.answer(typeof op === 'string' ? op : '', false, `error:unknown op ${JSON.stringify(op) ?? ''}`, id);
    }
  }

  publish(symbol: SimSymbol, changes: readonly LevelChange[], firstSeq: number): void {
    if (this.closed) return;
    for (const { topic, book } of this.subscriptions.values()) {
      if (!topic.endsWith(`.${symbol.base}USDT`)) continue;
      const delta = book.delta({ changes, firstSeq });
      if (!delta) continue;
      // A lost message: the next delta's `u` is not this one's + 1.
      if (this.context.faults.take('gap')) continue;
      this.sendBook(topic, book.depth === 1 ? 'snapshot' : 'delta', delta, symbol.base);
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.idle);
    this.subscriptions.clear();
  }

  /**
   * All topics are accepted or none: a refused topic fails the whole request (as peers record it).
   * The refusal texts are not documented: linear's is what peers record ("error:handler not
   * found,topic:…"), spot's likewise ("Invalid symbol :[…]").
   */
  private subscribe(topics: readonly string[], id: string): void {
    if (this.category === 'spot' && topics.length > SPOT_MAX_ARGS) return this.answer('subscribe', false, `args size >${SPOT_MAX_ARGS}`, id);
    const accepted: Subscription[] = [];
    for (const topic of topics) {
      const [, depth, base] = TOPIC.exec(topic) ?? [];
      const state = base === undefined ? undefined : this.context.symbol(base);
      if (!state || !DEPTHS.includes(Number(depth))) {
        return this.answer('subscribe', false, this.category === 'spot' ? `Invalid symbol :[${topic}]` : `error:handler not found,topic:${topic}`, id);
      }
      if (this.subscriptions.has(topic)) return this.answer('subscribe', false, `error:already subscribed,topic:${topic}`, id);
      accepted.push({ topic, book: this.topic(topic, Number(depth), state) });
    }
    this.answer('subscribe', true, this.category === 'spot' ? 'subscribe' : '', id);
    // "Once you have subscribed successfully, you will receive a snapshot."
    for (const subscription of accepted) {
      this.subscriptions.set(subscription.topic, subscription);
      const base = TOPIC.exec(subscription.topic)![2]!;
      this.sendBook(subscription.topic, 'snapshot', subscription.book.snapshot(), base);
    }
  }

  private topic(name: string, depth: number, state: SimSymbol): BookTopic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = new BookTopic(depth, state);
      this.topics.set(name, topic);
    }
    return topic;
  }

  /**
   * Orderbook "Response Example"; "Spot (all levels) & Futures (Level 1): the "ts" field appears
   * before the "type" field", "Futures (all other levels): … after".
   */
  private sendBook(topic: string, type: 'snapshot' | 'delta', push: TopicPush, base: string): void {
    const spot = this.category === 'spot';
    const ts = Date.now();
    const data = { s: `${base}USDT`, b: spot ? push.b.map(trimmedLevel) : push.b, a: spot ? push.a.map(trimmedLevel) : push.a, u: push.u, seq: push.seq };
    const tsFirst = this.category === 'spot' || topic.startsWith('orderbook.1.');
    const message = tsFirst ? { topic, ts, type, data, cts: ts - 2 } : { topic, type, ts, data, cts: ts - 2 };
    this.client.send(JSON.stringify(message), 'market');
  }

  /** Connect, "How to Send the Heartbeat Packet": spot has no `req_id` in its pong, linear does. */
  private answerPing(id: string): void {
    const spot = { success: true, ret_msg: 'pong', conn_id: this.connId, op: 'ping' };
    this.send(this.category === 'spot' ? spot : { success: true, ret_msg: 'pong', conn_id: this.connId, req_id: id, op: 'ping' });
  }

  /** Connect, "Understanding the Subscription Response": the same keys on both, spot's `ret_msg` names the op. */
  private answer(op: string, success: boolean, retMsg: string, id: string): void {
    this.send({ success, ret_msg: retMsg, conn_id: this.connId, req_id: id, op });
  }

  private send(message: Reply): void {
    this.client.send(JSON.stringify(message), 'control');
  }
}

/** `heartbeatEveryMs` is the client ping period the venue asks for (20 s); the idle cut-off is 30 of them. */
function bybitProtocol(category: BybitSimCategory, options: SimulatorOptions): SimProtocol {
  const topics = new Map<string, BookTopic>();
  const idleMs = (options.heartbeatEveryMs ?? PING_EVERY_MS) * IDLE_PERIODS;
  const wsPath = `/v5/public/${category}`;
  return {
    venue: category === 'spot' ? 'bybit' : 'bybit-linear',
    faults: ['gap', 'no-pong'],
    publishedDepth: 50,
    wsPath,
    bookSpec: (base) => bookSpecOf(category, base),
    connect(url: URL, client: SimClient, context: SimVenueContext): SimSession {
      // The real server refuses the handshake on another path; after the upgrade, closing is the nearest.
      if (url.pathname !== wsPath) client.close(1008, `no endpoint at ${url.pathname}`);
      return new BybitSession(category, client, context, topics, idleMs);
    },
    http: (url, _body, context) => instrumentsInfo(category, url, context),
  };
}

/** wss://stream.bybit.com/v5/public/spot */
export function bybitSpotProtocol(options: SimulatorOptions = {}): SimProtocol {
  return bybitProtocol('spot', options);
}

/** wss://stream.bybit.com/v5/public/linear */
export function bybitLinearProtocol(options: SimulatorOptions = {}): SimProtocol {
  return bybitProtocol('linear', options);
}
