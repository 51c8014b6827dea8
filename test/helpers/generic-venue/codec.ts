/**
 * The client side of "generic", a test-only venue that speaks the kinds no current venue uses:
 * a ws-snapshot book (snapshot on subscribe, then updates), an OKX-style prevSeq chain, a CRC32
 * of the top levels (OKX/Kraken style) and a heartbeat channel (Coinbase/Kraken style). It is a
 * real `VenueAdapter`, so the feed machinery is proven on these kinds before a real venue needs
 * them. Its simulator (./sim.ts) is written separately from this file, from the wire spec below.
 *
 * Wire (both directions JSON text):
 *   -> {"op":"subscribe","channel":"book","symbol":"BTC-USD"}   {"op":"unsubscribe",...}
 *   -> {"op":"subscribe","channel":"heartbeat"}
 *   <- {"event":"subscribed","channel":"book","symbol":"BTC-USD"}   {"event":"unsubscribed",...}
 *   <- {"event":"error","code":"unknown-symbol","message":"..."}
 *   <- {"channel":"book","type":"snapshot"|"update","symbol":"BTC-USD","seq":12,"prevSeq":9,
 *       "ts":1700000000000,"bids":[["67000.00","1.25"]],"asks":[...],"checksum":-1234567}
 *   <- {"channel":"heartbeat","ts":1700000000000}
 * A snapshot has prevSeq -1. An update applies if its prevSeq is the book's seq. `checksum` is
 * the signed CRC32 of "bidPx:bidSz:askPx:askSz:..." over the top 25 levels, the venue's own
 * strings, a side that runs out being skipped (OKX "Checksum" rule).
 *
 * Optional, to prove the venue seam (contract sizes, a depth limit, an instrument request):
 *   GET {rest}/instrument?symbol=BTC-USD
 *     200 {"symbol":"BTC-USD","contractSize":"0.01"}   sizes on the wire are contracts of 0.01 base
 *     404 {"error":"unknown-symbol","message":"..."}
 *   A book subscribed with {"depth":N} is kept by the venue at its best N levels a side; a level
 *   pushed below them is not announced, so the client keeps the best N after every message
 *   (Kraken's rule). The checksum covers those levels.
 */
import { crc32Signed } from '../../../src/book/crc32.js';
import type {
  ChecksumBookView,
  ErrorEvent,
  Frame,
  InstrumentFacts,
  RawLevel,
  SequenceRule,
  VenueAdapter,
  VenueEndpoints,
  VenueEvent,
} from '../../../src/feeds/types.js';
import { excerpt, frameText, isDecimalString, isRecord, isSeq, parseJson } from '../../../src/wire/json.js';

export const CHECKSUM_LEVELS = 25;

export interface GenericVenueOptions {
  /** Resync by unsubscribe + subscribe on the open socket (default); false: by reconnecting. */
  readonly resubscribe?: boolean;
  /** Ask the instrument's facts (its contract size) before subscribing. */
  readonly instrument?: boolean;
  /** Subscribe at this depth and keep only this many levels a side. */
  readonly depthLimit?: number;
}

/** OKX "prevSeqId": an update applies when its prevSeq is the book's seq; seq <= book is old. */
export const prevSeqChain: SequenceRule = {
  classify(bookSeq, _firstAfterSnapshot, delta) {
    if (delta.prevSeq === undefined || delta.lastSeq === undefined) return 'gap';
    if (delta.lastSeq <= bookSeq) return 'skip';
    return delta.prevSeq === bookSeq ? 'apply' : 'gap';
  },
  seqAfter: (delta) => delta.lastSeq ?? 0,
};

export function genericChecksum(book: ChecksumBookView): number {
  const bids = book.topBids(CHECKSUM_LEVELS);
  const asks = book.topAsks(CHECKSUM_LEVELS);
  const parts: string[] = [];
  for (let i = 0; i < CHECKSUM_LEVELS; i++) {
    const bid = bids[i];
    const ask = asks[i];
    if (bid) parts.push(bid[0], bid[1]);
    if (ask) parts.push(ask[0], ask[1]);
  }
  return crc32Signed(parts.join(':'));
}

const error = (message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>): ErrorEvent => ({ type: 'error', message: `Generic: ${message}`, ...extra });

function readLevels(value: unknown): readonly RawLevel[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const levels: RawLevel[] = [];
  for (const level of value as readonly unknown[]) {
    if (!Array.isArray(level) || level.length !== 2 || !isDecimalString(level[0]) || !isDecimalString(level[1])) return undefined;
    levels.push([level[0], level[1]]);
  }
  return levels;
}

/** The instrument answer: facts, or the venue's "no such instrument". */
function decodeInstrument(body: string, symbol: string): InstrumentFacts | ErrorEvent {
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) return error(`instrument answer is not JSON: ${excerpt(body)}`);
  const answer = parsed.value;
  if (answer['error'] === 'unknown-symbol') return error(`no instrument ${symbol}`, { notListed: true });
  if (answer['symbol'] !== symbol || !isDecimalString(answer['contractSize'])) return error(`bad instrument answer ${excerpt(body)}`);
  return { symbol, contractSize: Number(answer['contractSize']) };
}

function decodeBook(msg: Readonly<Record<string, unknown>>): VenueEvent {
  const { type, seq, prevSeq, ts, checksum } = msg;
  const bids = readLevels(msg['bids']);
  const asks = readLevels(msg['asks']);
  if (!bids || !asks || !isSeq(seq) || !isSeq(ts) || typeof checksum !== 'number' || !Number.isSafeInteger(checksum)) {
    return error(`bad book message ${excerpt(JSON.stringify(msg))}`);
  }
  if (type === 'snapshot') return { type: 'snapshot', bids, asks, seq, exchangeTime: ts, checksum };
  if (type === 'update' && isSeq(prevSeq)) return { type: 'delta', bids, asks, prevSeq, lastSeq: seq, exchangeTime: ts, checksum };
  return error(`bad book message type ${JSON.stringify(type)}/${JSON.stringify(prevSeq)}`);
}

function decode(frame: Frame): readonly VenueEvent[] {
  const text = frameText(frame);
  if (text === undefined) return [error('frame is not UTF-8 text')];
  const parsed = parseJson(text);
  if (!parsed.ok) return [error(`frame is not JSON: ${excerpt(text)}`)];
  const msg = parsed.value;
  if (!isRecord(msg)) return [error(`frame is not an object: ${excerpt(text)}`)];
  switch (msg['event']) {
    case undefined:
      break;
    case 'subscribed':
      return [msg['channel'] === 'book' ? { type: 'subscribed' } : { type: 'ignored' }];
    case 'error': {
      const notListed = msg['code'] === 'unknown-symbol';
      const message = typeof msg['message'] === 'string' ? msg['message'] : JSON.stringify(msg['message']) ?? 'error';
      return [error(excerpt(message), notListed ? { notListed } : undefined)];
    }
    default:
      return [{ type: 'ignored' }];
  }
  if (msg['channel'] === 'book') return [decodeBook(msg)];
  if (msg['channel'] === 'heartbeat') return [{ type: 'pong' }];
  return [{ type: 'ignored' }];
}

export function genericVenue(endpoints: VenueEndpoints, options: GenericVenueOptions = {}): VenueAdapter {
  const depth = options.depthLimit;
  const book = (op: string, symbol: string): string => JSON.stringify({ op, channel: 'book', symbol, ...(depth !== undefined && op === 'subscribe' ? { depth } : {}) });
  const rest = endpoints.rest ?? '';
  return {
    id: 'generic',
    name: 'Generic',
    market: 'spot',
    quote: 'USD',
    symbolFor: (base) => (/^[A-Z0-9]{1,20}$/.test(base) ? `${base}-USD` : undefined),
    url: () => endpoints.ws,
    subscribe: (symbol) => [book('subscribe', symbol), JSON.stringify({ op: 'subscribe', channel: 'heartbeat' })],
    ...(options.resubscribe === false ? {} : { resubscribe: (symbol: string) => [book('unsubscribe', symbol), book('subscribe', symbol)] }),
    heartbeat: { kind: 'heartbeat-channel', timeoutMs: 5_000 },
    staleAfterMs: 10_000,
    sync: 'ws-snapshot',
    sequence: prevSeqChain,
    checksum: genericChecksum,
    ...(options.instrument ? { instrument: { url: (symbol: string) => `${rest}/instrument?symbol=${encodeURIComponent(symbol)}`, decode: decodeInstrument } } : {}),
    ...(depth !== undefined ? { depthLimit: depth } : {}),
    decode,
  };
}
