/**
 * Bybit v5 public codec, one module for two categories: spot (`bybit`) and USDT linear perpetuals
 * (`bybit-linear`). They share the topic, the snapshot/delta rules and the ping; what differs (host
 * path, instrument fields, ack and pong shapes) is data in CATEGORIES or read by field, never by
 * position. Pure: no socket, no timer, no I/O.
 *
 * Sources (github.com/bybit-exchange/docs @ 072c197, read 2026-07-25):
 * - Orderbook: https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook (last changed 2026-03-18)
 * - Connect:   https://bybit-exchange.github.io/docs/v5/ws/connect (hosts, ping/pong, subscribe acks, args limits)
 * - Full orderbook: https://bybit-exchange.github.io/docs/v5/websocket/public/full-ob (2026-07: spells out the `u` rule)
 * - Instruments: ./bybit-instrument.ts
 * Failed subscriptions are not in the docs; their text is as peers record it (see decodeOpAnswer).
 */
import type { DeltaEvent, ErrorEvent, Frame, RawLevel, SequenceRule, SnapshotEvent, VenueAdapter, VenueEndpoints, VenueEvent } from '../types.js';
import { excerpt, frameText, isDecimalString, isRecord, isSeq, parseJson } from '../../wire/json.js';
import { scanBybitBook } from './bybit-book-scan.js';
import { bybitInstrumentRequest, type BybitCategory } from './bybit-instrument.js';

const FACTS = {
  rest: 'https://api.bybit.com',
  /** Connect: "Mainnet: Spot: wss://stream.bybit.com/v5/public/spot", "USDT, USDC perpetual & USDT Futures: .../linear". */
  wsHost: 'wss://stream.bybit.com',
  /**
   * Orderbook "Depths": 1, 50, 200 and 1000 on both spot and linear. 50 (pushed every 20 ms) is
   * deeper than any screen shows and has snapshot + delta; level 1 is snapshot-only.
   */
  depth: 50,
  /** Connect: "we recommend that you send the ping heartbeat packet every 20 seconds". */
  ping: '{"op":"ping"}',
  pingEveryMs: 20_000,
} as const;

interface CategoryFacts {
  readonly id: 'bybit' | 'bybit-linear';
  readonly name: string;
  readonly market: 'spot' | 'perp';
  readonly category: BybitCategory;
}

const CATEGORIES: Readonly<Record<BybitCategory, CategoryFacts>> = {
  spot: { id: 'bybit', name: 'Bybit', market: 'spot', category: 'spot' },
  linear: { id: 'bybit-linear', name: 'Bybit Perp', market: 'perp', category: 'linear' },
};

/** Base asset as the user types it; both categories name USDT pairs <BASE>USDT. */
const BASE = /^[A-Z0-9]{1,20}$/;
const QUOTE = 'USDT';
const BOOK_TOPIC = `orderbook.${FACTS.depth}.`;

/**
 * Full orderbook, "Order Book Update Procedure" (the `u` Update ID of the orderbook topic): "the
 * `u` value of each delta packet increments by one from the previous"; an event whose `u` is less
 * than the book's is ignored (equal holds nothing newer either); one past `u + 1` means "one or
 * more events have been missed". `u == 1` (a service restart) never reaches this rule: it decodes
 * as a snapshot.
 */
export const bybitSequence: SequenceRule = {
  classify(bookSeq, _firstAfterSnapshot, delta) {
    const u = delta.lastSeq;
    if (u === undefined) return 'gap';
    if (u <= bookSeq) return 'skip';
    return u === bookSeq + 1 ? 'apply' : 'gap';
  },
  seqAfter(delta) {
    if (delta.lastSeq === undefined) throw new Error('bybit: seqAfter on a delta without u');
    return delta.lastSeq;
  },
};

function errorEvent(message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>): ErrorEvent {
  return { type: 'error', message: `Bybit: ${message}`, ...extra };
}

function readLevels(value: unknown): readonly RawLevel[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const levels: RawLevel[] = [];
  for (const level of value as readonly unknown[]) {
    if (!Array.isArray(level) || level.length !== 2 || !isDecimalString(level[0]) || !isDecimalString(level[1])) return undefined;
    levels.push([level[0], level[1]]);
  }
  return levels;
}

/**
 * A millisecond timestamp. The table types `ts` as a number; the page's 2026-03 key-order reminder
 * prints it as a string ("ts": "1772694601512"), so both are read.
 */
function readTime(value: unknown): number | undefined {
  if (isSeq(value)) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Orderbook "Response Example" (linear keys in this order; spot puts `ts` before `type`):
 * {"topic":"orderbook.50.BTCUSDT","type":"snapshot","ts":1672304484978,"data":{"s":"BTCUSDT",
 *  "b":[["16493.50","0.006"]],"a":[["16611.00","0.029"]],"u":18521288,"seq":7961638724},"cts":1672304484976}
 * "If you receive a new snapshot message, you will have to reset your local orderbook"; `u`
 * "Occasionally, you'll receive "u"=1, which is a snapshot data due to the restart of the
 * service. So please overwrite your local orderbook" — whatever its `type` says. `seq` (the cross
 * sequence) only orders data across depths, so it is checked but not the book's id. Latency is
 * measured from `cts`, the matching engine's time, else `ts`, when the system sent it.
 */
function decodeBook(msg: Readonly<Record<string, unknown>>): SnapshotEvent | DeltaEvent | ErrorEvent {
  const { type, data } = msg;
  if (!isRecord(data) || typeof data['s'] !== 'string') return errorEvent(`orderbook message without data.s: ${excerpt(JSON.stringify(msg))}`);
  const { u, seq } = data;
  if (!isSeq(u) || !isSeq(seq)) return errorEvent(`orderbook message with bad u/seq (${JSON.stringify(u)}/${JSON.stringify(seq)})`);
  const bids = readLevels(data['b']);
  const asks = readLevels(data['a']);
  if (!bids || !asks) return errorEvent(`orderbook message with bad levels: ${excerpt(JSON.stringify(data))}`);
  const ts = readTime(msg['ts']);
  const exchangeTime = readTime(msg['cts']) ?? ts;
  if (ts === undefined) return errorEvent(`orderbook message with bad ts ${JSON.stringify(msg['ts'])}`);
  const time = exchangeTime === undefined ? {} : { exchangeTime };
  if (type === 'snapshot' || (type === 'delta' && u === 1)) return { type: 'snapshot', bids, asks, seq: u, ...time };
  if (type === 'delta') return { type: 'delta', bids, asks, firstSeq: u, lastSeq: u, ...time };
  return errorEvent(`orderbook message of type ${JSON.stringify(type)}`);
}

/**
 * Answers to our own requests ("op" echoed). Connect, "How to Send the Heartbeat Packet":
 *   spot   {"success":true,"ret_msg":"pong","conn_id":"0970e817-…","op":"ping"}
 *   linear {"success":true,"ret_msg":"pong","conn_id":"465772b1-…","req_id":"","op":"ping"}
 *   option/private {"op":"pong","args":["1672916271846"],…}
 * "Understanding the Subscription Response":
 *   spot   {"success":true,"ret_msg":"subscribe","conn_id":"2324d924-…","req_id":"10001","op":"subscribe"}
 *   linear {"success":true,"ret_msg":"","conn_id":"3cd84cb1-…","req_id":"","op":"subscribe"}
 * A refused topic is answered {"success":false,…}; the docs print none. Peers record
 * "error:handler not found,topic:<topic>" (linear; ccxt issue #16378) and "Invalid symbol :[<topic>]"
 * (spot): our topic's depth is a documented one, so either means the symbol is not listed.
 */
function decodeOpAnswer(msg: Readonly<Record<string, unknown>>): VenueEvent {
  const { op, success } = msg;
  const text = typeof msg['ret_msg'] === 'string' ? msg['ret_msg'] : '';
  if (op === 'pong') return { type: 'pong' };
  if (success === false) {
    const notListed = op === 'subscribe' && /handler not found|invalid symbol/i.test(text);
    return errorEvent(`${String(op)} refused: ${excerpt(text || JSON.stringify(msg))}`, notListed ? { notListed } : undefined);
  }
  if (success !== true) return errorEvent(`answer without success: ${excerpt(JSON.stringify(msg))}`);
  if (op === 'ping') return { type: 'pong' };
  if (op === 'subscribe') return { type: 'subscribed' };
  return { type: 'ignored' };
}

function decode(frame: Frame): readonly VenueEvent[] {
  const text = frameText(frame);
  if (text === undefined) return [errorEvent('frame is not UTF-8 text')];
  // Nearly every frame is a book push in the venue's own spelling: read that without JSON.parse.
  const scanned = scanBybitBook(text, BOOK_TOPIC);
  if (scanned) return [scanned];
  const parsed = parseJson(text);
  if (!parsed.ok) return [errorEvent(`frame is not JSON: ${excerpt(text)}`)];
  const msg = parsed.value;
  if (!isRecord(msg)) return [errorEvent(`frame is not an object: ${excerpt(text)}`)];
  if (typeof msg['topic'] === 'string') return [msg['topic'].startsWith(BOOK_TOPIC) ? decodeBook(msg) : { type: 'ignored' }];
  if (typeof msg['op'] === 'string') return [decodeOpAnswer(msg)];
  return [{ type: 'ignored' }];
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

function bybitCodec(facts: CategoryFacts, endpoints?: VenueEndpoints): VenueAdapter {
  const ws = trimSlash(endpoints?.ws ?? `${FACTS.wsHost}/v5/public/${facts.category}`);
  const rest = trimSlash(endpoints?.rest ?? FACTS.rest);
  const book = (op: 'subscribe' | 'unsubscribe', symbol: string): string => JSON.stringify({ op, args: [`${BOOK_TOPIC}${symbol}`] });
  return {
    id: facts.id,
    name: facts.name,
    market: facts.market,
    quote: QUOTE,
    symbolFor: (base) => (BASE.test(base) ? `${base}${QUOTE}` : undefined),
    url: () => ws,
    // Connect "How to Subscribe to Topics": {"op":"subscribe","args":["orderbook.1.BTCUSDT"]}; one
    // arg, well under spot's "up to 10 args for each subscription request".
    subscribe: (symbol) => [book('subscribe', symbol)],
    // "Once you have subscribed successfully, you will receive a snapshot": a new subscription on
    // the same socket is a fresh book.
    resubscribe: (symbol) => [book('unsubscribe', symbol), book('subscribe', symbol)],
    heartbeat: { kind: 'client-ping', frame: FACTS.ping, intervalMs: FACTS.pingEveryMs, timeoutMs: 10_000 },
    // A depth-50 book changes many times a second on a listed pair; 30 s of silence is a stall.
    staleAfterMs: 30_000,
    sync: 'ws-snapshot',
    sequence: bybitSequence,
    instrument: bybitInstrumentRequest(rest, facts.category),
    // Orderbook "Depths": a fixed-depth book; levels that leave the top 50 are deleted by delta.
    depthLimit: FACTS.depth,
    decode,
  };
}

/** Bybit spot, `orderbook.50.<SYMBOL>` on /v5/public/spot. */
export function bybitSpot(endpoints?: VenueEndpoints): VenueAdapter {
  return bybitCodec(CATEGORIES.spot, endpoints);
}

/** Bybit USDT linear perpetuals, `orderbook.50.<SYMBOL>` on /v5/public/linear; sizes are in the base coin. */
export function bybitLinear(endpoints?: VenueEndpoints): VenueAdapter {
  return bybitCodec(CATEGORIES.linear, endpoints);
}
