/**
 * The `updates` of a Coinbase Advanced Trade `l2_data` event, read into bid and ask levels, the
 * same way from a parsed message (./coinbase.ts) and from the frame text (./coinbase-l2-scan.ts).
 *
 * Level2 Channel: `updates` is an array of {side, event_time, price_level, new_quantity};
 * side is "bid" or "offer"; "new_quantity is the updated size at that price level, not a delta.
 * A new_quantity of "0" indicates the price level can be removed."
 */
import type { RawLevel } from '../types.js';
import { excerpt, isRecord } from '../../wire/json.js';

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface Updates {
  readonly bids: RawLevel[];
  readonly asks: RawLevel[];
  /** A snapshot's sides each came best first (the order its head is cut from); not read for an update. */
  readonly bestFirst: boolean;
}

/** One event of an l2_data message, read. */
export interface L2Event {
  readonly type: 'snapshot' | 'update';
  readonly updates: Updates;
}

/** Longest price or size read: Number() of up to 64 characters stays finite. */
export const MAX_DECIMAL_LENGTH = 64;

/**
 * A plain non-negative decimal ("21921.73", "0"), what wire/json's isDecimalString accepts, checked
 * by hand: one BTC-USD snapshot runs this ~90 000 times, where the regular expression and the
 * Number() round trip cost a third of the decode. At most 64 characters, so Number() stays finite.
 */
export function isDecimalText(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_DECIMAL_LENGTH) return false;
  let dot = -1;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 46) {
      if (dot !== -1 || i === 0 || i === value.length - 1) return false;
      dot = i;
    } else if (code < 48 || code > 57) {
      return false;
    }
  }
  return true;
}

/**
 * Levels by side as they come, and, for a snapshot, whether each side came best first (only a
 * snapshot's head is cut by it: an update's order is never read, so its prices are not parsed).
 */
export class UpdatesCollector implements Updates {
  readonly bids: RawLevel[] = [];
  readonly asks: RawLevel[] = [];
  bestFirst = true;
  private lastBid = Number.POSITIVE_INFINITY;
  private lastAsk = Number.NEGATIVE_INFINITY;

  constructor(private readonly snapshot: boolean) {}

  /** `price` and `size` already checked by isDecimalText. */
  add(side: 'bid' | 'offer', price: string, size: string): void {
    if (side === 'bid') this.bids.push([price, size]);
    else this.asks.push([price, size]);
    if (!this.snapshot) return;
    const number = Number(price);
    if (side === 'bid') {
      this.bestFirst &&= number < this.lastBid;
      this.lastBid = number;
    } else {
      this.bestFirst &&= number > this.lastAsk;
      this.lastAsk = number;
    }
  }
}

/** A parsed `updates` value, of a snapshot or not. Written as a plain loop: a BTC-USD snapshot holds ~46 000 of them. */
export function readUpdates(value: unknown, snapshot: boolean): Read<Updates> {
  if (!Array.isArray(value)) return { ok: false, error: 'updates is not an array' };
  const collected = new UpdatesCollector(snapshot);
  for (const update of value as readonly unknown[]) {
    if (!isRecord(update)) return { ok: false, error: 'an update is not an object' };
    const price = update['price_level'];
    const size = update['new_quantity'];
    const side = update['side'];
    if (!isDecimalText(price) || !isDecimalText(size) || (side !== 'bid' && side !== 'offer')) {
      return { ok: false, error: `bad update ${excerpt(JSON.stringify(update), 80)}` };
    }
    collected.add(side, price, size);
  }
  return { ok: true, value: collected };
}
