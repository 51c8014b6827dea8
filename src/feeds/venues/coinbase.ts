/**
 * Coinbase Advanced Trade codec: the public `level2` channel (messages arrive on channel
 * `l2_data`: one snapshot, then updates) and the `heartbeats` channel, which keeps quiet
 * subscriptions open and proves the link. Pure: no socket, no timer, no I/O. One codec serves one
 * feed, so it keeps the connection's `sequence_num` state (./coinbase-sequence.ts).
 *
 * This is Advanced Trade, not the older Coinbase Exchange feed (ws-feed.exchange.coinbase.com)
 * that ccxt's and cryptofeed's examples show: Exchange sends `snapshot`/`l2update` with
 * `bids`/`asks`/`changes` and a per-product `sequence`; Advanced Trade wraps every message in
 * {channel, timestamp, sequence_num, events[]} and one counter covers the whole connection.
 *
 * Sources (read 2026-07-22):
 * - Channels: https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels
 *   (Level2 Channel, Heartbeats Channel) and the AsyncAPI file that replaced the prose examples,
 *   https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/advanced-trade-asyncapi.json
 *   ("verified against the production feed": no `client_id`, `heartbeat_counter` an integer).
 * - Overview: .../advanced-trade-apis/websocket/websocket-overview (subscribe within 5 s, one
 *   channel per subscribe message, unsubscribe answered with `subscriptions`, sequence numbers).
 * - Live traffic as reported by users of the feed (one counter per connection; a BTC-USD
 *   snapshot is one ~5 MB frame of ~46 000 levels).
 */
import type { DeltaEvent, ErrorEvent, Frame, RawLevel, SnapshotEvent, VenueAdapter, VenueEndpoints, VenueEvent } from '../types.js';
import { excerpt, frameText, isRecord, isSeq, parseJson } from '../../wire/json.js';
import { scanL2Data } from './coinbase-l2-scan.js';
import { readUpdates, type L2Event, type Read } from './coinbase-updates.js';
import { decodeProduct } from './coinbase-product.js';
import { ConnectionSequence, coinbaseSequence } from './coinbase-sequence.js';
import { SnapshotFill, bestFirst } from './coinbase-snapshot-fill.js';

const FACTS = {
  /** Overview: "Market Data Endpoint: wss://advanced-trade-ws.coinbase.com". */
  ws: 'wss://advanced-trade-ws.coinbase.com',
  /** REST base of the Advanced Trade API (api.coinbase.com/api/v3/brokerage/...). */
  rest: 'https://api.coinbase.com',
  /** Heartbeats Channel: "receive heartbeats messages every second". */
  heartbeatEveryMs: 1_000,
} as const;

/** Base asset as the user types it; product ids are BASE-QUOTE ("BTC-USD"). */
const BASE = /^[A-Z0-9]{1,20}$/;
/** Spot products quote in USD; "-USDC" products return the "-USD" data on market channels (Channels page). */
const QUOTE = 'USD';

type Message = Readonly<Record<string, unknown>>;

function errorEvent(message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>): ErrorEvent {
  return { type: 'error', message: `Coinbase: ${message}`, ...extra };
}

/** Envelope `timestamp` ("2023-02-09T20:32:50.714964855Z") in ms; snapshot `event_time`s are 1970. */
function timeOf(stamp: unknown): number | undefined {
  if (typeof stamp !== 'string') return undefined;
  const ms = Date.parse(stamp);
  return Number.isFinite(ms) ? ms : undefined;
}

/** One parsed element of `events`. */
function readEvent(event: unknown): Read<L2Event> {
  if (!isRecord(event) || (event['type'] !== 'snapshot' && event['type'] !== 'update')) {
    return { ok: false, error: `l2_data event of unknown type: ${excerpt(JSON.stringify(event) ?? '', 80)}` };
  }
  const updates = readUpdates(event['updates'], event['type'] === 'snapshot');
  return updates.ok ? { ok: true, value: { type: event['type'], updates: updates.value } } : { ok: false, error: `l2_data ${updates.error}` };
}

export function coinbase(endpoints?: VenueEndpoints): VenueAdapter {
  if (endpoints && endpoints.rest === undefined) {
    // The product facts and the socket must come from the same venue (a simulator, or Coinbase).
    throw new TypeError('coinbase: endpoints.rest is required with custom endpoints');
  }
  const ws = endpoints?.ws ?? FACTS.ws;
  const rest = (endpoints?.rest ?? FACTS.rest).replace(/\/+$/, '');
  const sequence = new ConnectionSequence();
  const fill = new SnapshotFill();

  /**
   * Level2 Channel example (Channels page):
   * {"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":0,
   *  "events":[{"type":"snapshot","product_id":"BTC-USD","updates":[{"side":"bid","event_time":"1970-01-01T00:00:00Z",
   *  "price_level":"21921.73","new_quantity":"0.06317902"},...]}]}
   * An update message has the same shape with "type":"update". A connection carries one product
   * (subscribe() names one), so every event is ours; several updates in one message merge into
   * one delta.
   */
  function decodeL2(message: Message, seq: number): VenueEvent[] {
    const events = message['events'];
    if (!Array.isArray(events)) {
      sequence.lost();
      return [errorEvent('l2_data without events')];
    }
    return applyL2(seq, timeOf(message['timestamp']), events.length, (i) => readEvent(events[i]));
  }

  /**
   * The `count` events of one l2_data message, each read by `eventAt` only when its turn comes:
   * the events before a bad one have changed the connection's state already, as they would
   * have. Several updates in one message merge into one delta.
   */
  function applyL2(seq: number, exchangeTime: number | undefined, count: number, eventAt: (index: number) => Read<L2Event>): VenueEvent[] {
    const out: VenueEvent[] = [];
    let delta: { bids: RawLevel[]; asks: RawLevel[] } | undefined;
    for (let i = 0; i < count; i++) {
      const event = eventAt(i);
      if (!event.ok) {
        sequence.lost();
        return [errorEvent(event.error)];
      }
      const updates = event.value.updates;
      if (event.value.type === 'snapshot') {
        sequence.snapshot(seq);
        delta = undefined;
        const { bids, asks } = updates;
        const head = updates.bestFirst ? fill.start(bids, asks) : fill.start(bestFirst(bids, true), bestFirst(asks, false));
        const snapshot: SnapshotEvent = { type: 'snapshot', ...head, seq, ...(exchangeTime !== undefined ? { exchangeTime } : {}) };
        out.push(snapshot);
      } else if (delta) {
        delta.bids.push(...updates.bids);
        delta.asks.push(...updates.asks);
      } else {
        delta = { bids: updates.bids, asks: updates.asks };
      }
    }
    if (delta) {
      fill.touch(delta.bids, delta.asks);
      const prevSeq = sequence.update(seq);
      const event: DeltaEvent = {
        type: 'delta',
        ...delta,
        lastSeq: seq,
        ...(prevSeq !== undefined ? { prevSeq } : {}),
        ...(exchangeTime !== undefined ? { exchangeTime } : {}),
      };
      out.push(event);
    }
    return out.length > 0 ? out : [{ type: 'ignored' }];
  }

  function decode(frame: Frame): readonly VenueEvent[] {
    const text = frameText(frame);
    if (text === undefined) return [errorEvent('frame is not UTF-8 text')];
    // Nearly every frame is level2 data in the venue's own spelling: read that without JSON.parse.
    const scanned = scanL2Data(text);
    if (scanned) {
      sequence.see(scanned.seq);
      const { events } = scanned;
      return withRestOfSnapshot(applyL2(scanned.seq, timeOf(scanned.timestamp), events.length, (i) => ({ ok: true, value: events[i]! })));
    }
    const parsed = parseJson(text);
    if (!parsed.ok) return [errorEvent(`frame is not JSON: ${excerpt(text)}`)];
    const message = parsed.value;
    if (!isRecord(message)) return [errorEvent(`frame is not an object: ${excerpt(text)}`)];
    // Subscribe errors come unsequenced: {"type":"error","message":"failure to subscribe"} (as seen
    // live, 2026). Our subscriptions name one product the product endpoint confirmed and the
    // heartbeats channel, so a refusal means Coinbase will not serve that product here.
    if (message['type'] === 'error') {
      const reason = typeof message['message'] === 'string' ? message['message'] : JSON.stringify(message['message']) ?? 'error';
      return [errorEvent(excerpt(reason, 200), /subscribe/i.test(reason) ? { notListed: true } : undefined)];
    }
    const channel = message['channel'];
    if (typeof channel !== 'string') return [errorEvent(`frame without channel: ${excerpt(text)}`)];
    const seq = message['sequence_num'];
    if (!isSeq(seq)) {
      if (channel === 'l2_data') sequence.lost();
      return [errorEvent(`${channel} without sequence_num: ${excerpt(text)}`)];
    }
    sequence.see(seq);
    return withRestOfSnapshot(decodeChannel(channel, message, seq));
  }

  function withRestOfSnapshot(events: VenueEvent[]): VenueEvent[] {
    return fill.pending && !events.some((event) => event.type === 'snapshot') ? [...events, ...restOfSnapshot()] : events;
  }

  /**
   * The next part of a large snapshot, riding on a frame that came after it (./coinbase-snapshot-fill.ts):
   * a delta at the book's own sequence number, so it applies only to the unbroken book it belongs to.
   */
  function restOfSnapshot(): VenueEvent[] {
    const chain = sequence.chain;
    const chunk = chain === undefined ? undefined : fill.next();
    if (chain === undefined || !chunk) {
      fill.clear();
      return [];
    }
    return [{ type: 'delta', ...chunk, prevSeq: chain, lastSeq: chain }];
  }

  function decodeChannel(channel: string, message: Message, seq: number): VenueEvent[] {
    switch (channel) {
      case 'l2_data':
        return decodeL2(message, seq);
      // Heartbeats Channel: {"channel":"heartbeats","timestamp":"...","sequence_num":3,
      // "events":[{"current_time":"...","heartbeat_counter":3049}]}: liveness, never book data.
      case 'heartbeats':
        return [{ type: 'pong' }];
      // {"channel":"subscriptions","timestamp":"...","sequence_num":0,"events":[{"subscriptions":{"level2":["BTC-USD"]}}]}
      case 'subscriptions':
        return [{ type: 'subscribed' }];
      // "New message types can be added at any time. Clients are expected to ignore messages they do not support."
      default:
        return [{ type: 'ignored' }];
    }
  }

  const request = (type: 'subscribe' | 'unsubscribe', channel: string, productIds?: readonly string[]): string =>
    JSON.stringify({ type, ...(productIds ? { product_ids: productIds } : {}), channel });

  return {
    id: 'coinbase',
    name: 'Coinbase',
    market: 'spot',
    quote: QUOTE,
    symbolFor: (base) => (BASE.test(base) ? `${base}-${QUOTE}` : undefined),
    url: () => ws,
    /**
     * Overview, "Sending Messages without API Keys": {"type":"subscribe","product_ids":["ETH-USD"],
     * "channel":"level2"}, one channel per message; heartbeats need no product ids (AsyncAPI
     * SubscribeHeartbeats). The feed calls this once per new connection, on open, and nowhere
     * else: that is how the codec learns a connection is new and restarts its sequence_num
     * tracking (a resubscription on the same socket keeps counting, so it does not come here).
     */
    subscribe: (symbol) => {
      sequence.reset();
      fill.clear();
      return [request('subscribe', 'level2', [symbol]), request('subscribe', 'heartbeats')];
    },
    // A fresh snapshot on the open socket: "You receive a subscriptions message as a response to an
    // unsubscribe message", and a new level2 subscription starts with a snapshot.
    resubscribe: (symbol) => [request('unsubscribe', 'level2', [symbol]), request('subscribe', 'level2', [symbol])],
    // Any frame proves the link; heartbeats come every second, so five missed ones is a dead link.
    heartbeat: { kind: 'heartbeat-channel', timeoutMs: FACTS.heartbeatEveryMs * 5 },
    // level2 is silent while a book does not change; a quiet product gets a minute.
    staleAfterMs: 60_000,
    sync: 'ws-snapshot',
    sequence: coinbaseSequence,
    instrument: {
      url: (symbol) => `${rest}/api/v3/brokerage/market/products/${encodeURIComponent(symbol)}`,
      decode: decodeProduct,
    },
    decode,
  };
}
