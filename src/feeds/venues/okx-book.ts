/**
 * OKX v5 `books` channel: its push messages, its sequence rule and its CRC32, for the spot and
 * swap codecs alike (./okx.ts). Pure: no socket, no timer.
 *
 * Source: https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel,
 * read 2026-11-29 in the page as published 2026-07-07 (checksum deprecated: the field stays,
 * fixed to 0) and as published 2026-01-15 (the "Checksum" section and its check strings, which
 * the later page dropped). The deprecation took effect in production on 2026-06-23
 * (https://www.okx.com/help/okx-order-book-channels-checksum-field-deprecation, 2026-05-21).
 */
import { crc32Signed } from '../../book/crc32.js';
import type { ChecksumBookView, DeltaEvent, ErrorEvent, RawLevel, SequenceRule, SnapshotEvent } from '../types.js';
import { excerpt, isDecimalString, isRecord, isSeq } from '../../wire/json.js';

/** "Use the first 25 bids and asks in the full load to form a string" (Checksum, 2026-01-15). */
export const CHECKSUM_LEVELS = 25;

/**
 * "Sequence ID": an update applies when its `prevSeqId` is the `seqId` of the message before it.
 * That one rule covers the documented exceptions too: the no-change message ("`seqId` is the
 * same as the last sent message and `prevSeqId` equals to `seqId`", empty sides) and the reset
 * after maintenance ("an incremental message with `seqId` smaller than `prevSeqId`", whose
 * `prevSeqId` still names the last message). Anything else is a lost message. Frames from before
 * OKX added sequence ids (recordings from 2022) carry neither field: only their checksum guards
 * them, so they apply.
 */
export const okxSequence: SequenceRule = {
  classify(bookSeq, _firstAfterSnapshot, delta) {
    if (delta.prevSeq === undefined && delta.lastSeq === undefined) return 'apply';
    return delta.prevSeq === bookSeq && delta.lastSeq !== undefined ? 'apply' : 'gap';
  },
  seqAfter: (delta) => delta.lastSeq ?? 0,
};

/**
 * "Calculate Checksum" (2026-01-15): `bid1[price:size]:ask1[price:size]:bid2...` over the top 25
 * levels a side, a side that runs out being skipped ("the missing depth data will be ignored"),
 * prices and sizes as sent ("If price is '0.5000', DO NOT calculate the checksum by '0.5'").
 */
export function okxChecksumText(book: ChecksumBookView): string {
  const bids = book.topBids(CHECKSUM_LEVELS);
  const asks = book.topAsks(CHECKSUM_LEVELS);
  const parts: string[] = [];
  for (let i = 0; i < CHECKSUM_LEVELS; i++) {
    const bid = bids[i];
    const ask = asks[i];
    if (bid) parts.push(bid[0], bid[1]);
    if (ask) parts.push(ask[0], ask[1]);
  }
  return parts.join(':');
}

/** "the CRC32 value (32-bit signed integer)" of the check string. */
export function okxChecksum(book: ChecksumBookView): number {
  return crc32Signed(okxChecksumText(book));
}

type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * `["411.8", "10", "0", "4"]`: price, quantity ("number of contracts for derivatives, quantity in
 * base currency for Spot"), a deprecated "0", and the number of orders. Only the first two matter.
 */
function readLevels(value: unknown, side: string): Read<readonly RawLevel[]> {
  if (!Array.isArray(value)) return { ok: false, error: `${side} is not an array` };
  const levels: RawLevel[] = [];
  for (const level of value as readonly unknown[]) {
    if (!Array.isArray(level) || !isDecimalString(level[0]) || !isDecimalString(level[1])) {
      return { ok: false, error: `bad ${side} level ${excerpt(JSON.stringify(level), 60)}` };
    }
    levels.push([level[0], level[1]]);
  }
  return { ok: true, value: levels };
}

/** `ts`: "Order book generation time, Unix timestamp format in milliseconds", as a string. */
function readTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) return undefined;
  const ms = Number(value);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/**
 * The checksum to verify, or undefined for none: 0 is what every message has carried since the
 * deprecation, so a book is never failed on it; a non-zero one (older frames, recordings) is a
 * real CRC and is checked.
 */
function readChecksum(value: unknown): Read<number | undefined> {
  if (value === undefined || value === 0) return { ok: true, value: undefined };
  if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) return { ok: true, value };
  return { ok: false, error: `checksum ${excerpt(JSON.stringify(value) ?? String(typeof value), 40)} is not a 32-bit integer` };
}

/** `prevSeqId` of a snapshot is always -1; of an update, the previous message's `seqId` (>= 0). */
function readSequence(item: Readonly<Record<string, unknown>>, snapshot: boolean): Read<{ seq?: number; prevSeq?: number }> {
  const { seqId, prevSeqId } = item;
  if (seqId === undefined && prevSeqId === undefined) return { ok: true, value: {} };
  const prevOk = snapshot ? prevSeqId === -1 || isSeq(prevSeqId) : isSeq(prevSeqId);
  if (!isSeq(seqId) || !prevOk) {
    return { ok: false, error: `bad seqId/prevSeqId ${JSON.stringify(seqId)}/${JSON.stringify(prevSeqId)}` };
  }
  return { ok: true, value: snapshot ? { seq: seqId } : { seq: seqId, prevSeq: prevSeqId as number } };
}

export type BookError = (message: string) => ErrorEvent;

/**
 * One element of a `books` push's `data` ("Push Data Example: Full Snapshot" / "Incremental Data"):
 * {"asks":[["8476.98","415","0","13"]],"bids":[["8476.97","256","0","12"]],"ts":"1597026383085",
 *  "checksum":0,"prevSeqId":-1,"seqId":123456}
 */
export function decodeBookItem(item: unknown, action: 'snapshot' | 'update', error: BookError): SnapshotEvent | DeltaEvent | ErrorEvent {
  if (!isRecord(item)) return error(`books data item is not an object: ${excerpt(JSON.stringify(item) ?? '')}`);
  const asks = readLevels(item['asks'], 'asks');
  if (!asks.ok) return error(`books ${action}: ${asks.error}`);
  const bids = readLevels(item['bids'], 'bids');
  if (!bids.ok) return error(`books ${action}: ${bids.error}`);
  const exchangeTime = readTime(item['ts']);
  if (exchangeTime === undefined) return error(`books ${action}: bad ts ${excerpt(JSON.stringify(item['ts']) ?? '', 40)}`);
  const checksum = readChecksum(item['checksum']);
  if (!checksum.ok) return error(`books ${action}: ${checksum.error}`);
  const sequence = readSequence(item, action === 'snapshot');
  if (!sequence.ok) return error(`books ${action}: ${sequence.error}`);
  const { seq, prevSeq } = sequence.value;
  const common = { bids: bids.value, asks: asks.value, exchangeTime, ...(checksum.value !== undefined ? { checksum: checksum.value } : {}) };
  if (action === 'snapshot') return { type: 'snapshot', ...common, ...(seq !== undefined ? { seq } : {}) };
  return { type: 'delta', ...common, ...(seq !== undefined ? { lastSeq: seq, prevSeq } : {}) };
}
