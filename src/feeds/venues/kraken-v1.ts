/**
 * Kraken spot WebSocket v1 messages (wss://ws.kraken.com), read so that recorded v1 traffic
 * replays through the same venue id as live v2. Frames arrive parsed with numbers kept as text;
 * v1 already quotes every decimal ("All decimal fields (including timestamps) are quoted").
 *
 * Sources (docs.kraken.com, read 2026-11-29):
 * - book:               /exchange/api-reference/spot-websocket-v1/book
 * - checksum:           /exchange/guides/websockets/book-checksum-v1
 * - heartbeat, ping, systemStatus, subscriptionStatus: /exchange/api-reference/spot-websocket-v1/*
 */
import type { DeltaEvent, RawLevel, SnapshotEvent, VenueEvent } from '../types.js';
import { excerpt, isDecimalString, isRecord } from '../../wire/json.js';
import { IGNORED, PONG, SUBSCRIBED, krakenError, meansNotListed, readChecksum, show } from './kraken-events.js';
import { v2Pair } from './kraken-symbols.js';
import { BOOK_DEPTHS, type KrakenReadState } from './kraken-v2.js';

type Fields = Readonly<Record<string, unknown>>;

interface Levels {
  readonly levels: RawLevel[];
  /** Latest level timestamp, ms since epoch (0 when there is none). */
  readonly latest: number;
}

/**
 * Levels ["5541.30000", "2.50700000", "1534614248.123678"] with an optional fourth element "r"
 * ("Republish only": a level re-sent because it came back into the subscribed depth). Kept in
 * the order sent: "the last entries in the array are the most recent".
 */
function readLevels(value: unknown): Levels | undefined {
  if (!Array.isArray(value)) return undefined;
  const levels: RawLevel[] = [];
  let latest = 0;
  for (const level of value as readonly unknown[]) {
    if (!Array.isArray(level) || level.length < 3 || level.length > 4) return undefined;
    const [price, volume, time, flag] = level as readonly unknown[];
    if (!isDecimalString(price) || !isDecimalString(volume) || !isDecimalString(time) || (flag !== undefined && flag !== 'r')) return undefined;
    levels.push([price, volume]);
    latest = Math.max(latest, Number(time) * 1000);
  }
  return { levels, latest };
}

const at = (ms: number): { exchangeTime?: number } => (ms > 0 && Number.isSafeInteger(Math.floor(ms)) ? { exchangeTime: Math.floor(ms) } : {});

/** "book-1000" -> 1000 when it is one of the documented depths. */
function depthOf(channelName: string): number | undefined {
  const depth = Number(/^book-(\d{2,4})$/.exec(channelName)?.[1]);
  return BOOK_DEPTHS.includes(depth) ? depth : undefined;
}

/**
 * Snapshot: [0, {"as": [[...]], "bs": [[...]]}, "book-100", "XBT/USD"] ("there is no checksum on
 * the snapshot").
 * Update: [1234, {"a": [[...]]}, {"b": [[...]], "c": "974947235"}, "book-10", "XBT/USD"] or with
 * one of the two maps; "the checksum field appears in the last bid or ask map structure".
 */
function readBookArray(payloads: readonly unknown[], raw: readonly unknown[]): VenueEvent {
  const bad = (): VenueEvent => krakenError(`bad book message: ${excerpt(JSON.stringify(raw))}`);
  const first = payloads[0];
  if (payloads.length === 1 && isRecord(first) && ('as' in first || 'bs' in first)) {
    const asks = readLevels(first['as'] ?? []);
    const bids = readLevels(first['bs'] ?? []);
    if (!asks || !bids) return bad();
    return { type: 'snapshot', bids: bids.levels, asks: asks.levels, ...at(Math.max(asks.latest, bids.latest)) } satisfies SnapshotEvent;
  }
  const asks: RawLevel[] = [];
  const bids: RawLevel[] = [];
  let latest = 0;
  for (const payload of payloads) {
    if (!isRecord(payload) || !('a' in payload || 'b' in payload)) return bad();
    for (const [key, side] of [['a', asks], ['b', bids]] as const) {
      if (!(key in payload)) continue;
      const read = readLevels(payload[key]);
      if (!read) return bad();
      side.push(...read.levels);
      latest = Math.max(latest, read.latest);
    }
  }
  const last = payloads.at(-1);
  const checksum = isRecord(last) ? readChecksum(last['c']) : undefined;
  if (checksum === undefined) return bad();
  return { type: 'delta', bids, asks, checksum, ...at(latest) } satisfies DeltaEvent;
}

/** [channelID, payload..., channelName, pair]: only `book-*` channels of the feed's pair are its book. */
function readArray(msg: readonly unknown[], state: KrakenReadState): VenueEvent {
  const channelName = msg.at(-2);
  const pair = msg.at(-1);
  if (msg.length < 4 || typeof channelName !== 'string' || typeof pair !== 'string') return krakenError(`unknown v1 message: ${excerpt(JSON.stringify(msg))}`);
  if (!channelName.startsWith('book-')) return IGNORED;
  if (state.symbol !== undefined && v2Pair(pair) !== state.symbol) return IGNORED;
  const depth = depthOf(channelName);
  if (depth === undefined) return krakenError(`unknown book channel ${show(channelName)}`);
  state.confirmDepth(depth);
  return readBookArray(msg.slice(1, -2), msg);
}

/**
 * {"event":"heartbeat"} (sent when no other message went out for about a second),
 * {"event":"pong","reqid":42}, {"event":"systemStatus","status":"online",...},
 * {"event":"subscriptionStatus","channelName":"book-1000","pair":"XBT/USD","status":"subscribed",...}
 * or with "status":"error","errorMessage":"...".
 */
function readEvent(msg: Fields, state: KrakenReadState): VenueEvent {
  switch (msg['event']) {
    case 'heartbeat':
    case 'pong':
      return PONG;
    case 'systemStatus':
      return msg['status'] === 'online' ? IGNORED : krakenError(`trading engine ${show(msg['status'])}`);
    case 'subscriptionStatus':
      break;
    default:
      return IGNORED;
  }
  if (msg['status'] === 'error') {
    const message = show(msg['errorMessage']);
    return krakenError(`subscription failed: ${message}`, meansNotListed(message) ? { notListed: true } : undefined);
  }
  const channelName = msg['channelName'];
  if (msg['status'] !== 'subscribed' || typeof channelName !== 'string' || !channelName.startsWith('book-')) return IGNORED;
  if (state.symbol !== undefined && (typeof msg['pair'] !== 'string' || v2Pair(msg['pair']) !== state.symbol)) return IGNORED;
  const depth = depthOf(channelName);
  if (depth !== undefined) state.confirmDepth(depth);
  return SUBSCRIBED;
}

/** One v1 message: an array (channel data) or an object with an `event`. */
export function decodeV1(msg: unknown, state: KrakenReadState): readonly VenueEvent[] {
  if (Array.isArray(msg)) return [readArray(msg as readonly unknown[], state)];
  if (isRecord(msg) && typeof msg['event'] === 'string') return [readEvent(msg, state)];
  return [krakenError(`unknown v1 message: ${excerpt(JSON.stringify(msg) ?? '')}`)];
}
