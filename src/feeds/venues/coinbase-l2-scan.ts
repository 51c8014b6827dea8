/**
 * Coinbase Advanced Trade `l2_data` messages read straight from the frame text, without
 * JSON.parse, in exactly the spelling the venue sends; any other spelling is declined
 * (undefined) and the codec's general path reads it. What is read here is what the general path
 * reads of the same message (its sequence number, timestamp and events), and the codec applies
 * both alike (./coinbase.ts): the connection's sequence state stays with the codec.
 *
 * Level2 Channel example (Channels page; the live feed and the AsyncAPI file omit `client_id`):
 *   {"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":0,
 *    "events":[{"type":"snapshot","product_id":"BTC-USD","updates":[{"side":"bid","event_time":"1970-01-01T00:00:00Z",
 *    "price_level":"21921.73","new_quantity":"0.06317902"}]}]}
 */
import { CLOSE_ARRAY, CLOSE_OBJECT, COMMA, OPEN_ARRAY, TextScanner } from '../../wire/text-scanner.js';
import { MAX_DECIMAL_LENGTH, UpdatesCollector, type L2Event } from './coinbase-updates.js';

/** One for every frame (see TextScanner: a scanner per frame costs optimized code at each GC). */
const scanner = new TextScanner();

export interface ScannedL2 {
  readonly seq: number;
  readonly timestamp: string;
  readonly events: readonly L2Event[];
}

/**
 * One update, `{"side":"bid"|"offer","event_time":"…","price_level":"…","new_quantity":"…"}`:
 * the event time a plain string (no quote, backslash or control character: what JSON.parse gives
 * back unchanged), price and size plain decimals as isDecimalText accepts them (digits, then
 * optionally a dot and at least one digit; their length is checked after).
 */
const UPDATE = /\{"side":"(bid|offer)","event_time":"[^"\\\u0000-\u001f]*","price_level":"(\d+(?:\.\d+)?)","new_quantity":"(\d+(?:\.\d+)?)"\}/y;

/** `[]` or `[update,…]` */
function scanUpdates(scan: TextScanner, snapshot: boolean): UpdatesCollector | undefined {
  if (!scan.skipChar(OPEN_ARRAY)) return undefined;
  const collected = new UpdatesCollector(snapshot);
  if (scan.skipChar(CLOSE_ARRAY)) return collected;
  do {
    const update = scan.match(UPDATE);
    if (update === null) return undefined;
    const price = update[2]!;
    const size = update[3]!;
    // isDecimalText's limit: Number() of up to 64 characters stays finite.
    if (price.length > MAX_DECIMAL_LENGTH || size.length > MAX_DECIMAL_LENGTH) return undefined;
    collected.add(update[1] === 'bid' ? 'bid' : 'offer', price, size);
  } while (scan.skipChar(COMMA));
  return scan.skipChar(CLOSE_ARRAY) ? collected : undefined;
}

function scanEvent(scan: TextScanner): L2Event | undefined {
  let type: 'snapshot' | 'update';
  if (scan.skip('{"type":"update","product_id":')) type = 'update';
  else if (scan.skip('{"type":"snapshot","product_id":')) type = 'snapshot';
  else return undefined;
  if (!scan.skipPlainString() || !scan.skip(',"updates":')) return undefined;
  const updates = scanUpdates(scan, type === 'snapshot');
  return updates && scan.skipChar(CLOSE_OBJECT) ? { type, updates } : undefined;
}

export function scanL2Data(text: string): ScannedL2 | undefined {
  const scan = scanner.read(text);
  if (!scan.skip('{"channel":"l2_data",')) return undefined;
  if (scan.skip('"client_id":') && (!scan.skipPlainString() || !scan.skip(','))) return undefined;
  if (!scan.skip('"timestamp":')) return undefined;
  const timestamp = scan.plainString();
  if (timestamp === undefined || !scan.skip(',"sequence_num":')) return undefined;
  const seq = scan.seq();
  if (seq < 0 || !scan.skip(',"events":[')) return undefined;
  const events: L2Event[] = [];
  if (!scan.skipChar(CLOSE_ARRAY)) {
    do {
      const event = scanEvent(scan);
      if (event === undefined) return undefined;
      events.push(event);
    } while (scan.skipChar(COMMA));
    if (!scan.skipChar(CLOSE_ARRAY)) return undefined;
  }
  return scan.skip('}') && scan.done ? { seq, timestamp, events } : undefined;
}
