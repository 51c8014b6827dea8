/**
 * OKX v5 public codec, one for spot (`BTC-USDT`) and perpetual swaps (`BTC-USDT-SWAP`): both speak
 * the same `books` channel on the same socket and differ only in instrument type, symbol and size
 * unit (swap sizes are contracts; the instrument request supplies their value). Pure: no socket,
 * no timer, no I/O.
 *
 * Sources (okx.com/docs-v5/en, read 2026-11-29 in the pages as published in July 2026):
 * - #overview-websocket-connect: public URL, the 30 s idle rule and the text ping;
 * - #overview-websocket-subscribe / -unsubscribe / -notification: requests, answers, `notice`;
 * - #order-book-trading-market-data-ws-order-book-channel: the book messages (./okx-book.ts);
 * - #public-data-rest-api-get-instruments: instrument facts (./okx-instrument.ts);
 * - #error-code-websocket-public: 60012 "Invalid request", 60018 "Wrong URL or {0} doesn't exist",
 *   64008 "The connection will soon be closed for a service upgrade. Please reconnect.".
 */
import type { ErrorEvent, Frame, VenueAdapter, VenueEndpoints, VenueEvent } from '../types.js';
import { excerpt, frameText, isRecord, parseJson } from '../../wire/json.js';
import { decodeBookItem, okxChecksum, okxSequence } from './okx-book.js';
import { scanOkxBooks } from './okx-book-scan.js';
import { decodeInstrument, instrumentPath, type OkxInstType } from './okx-instrument.js';

const FACTS = {
  /** "Production Trading Services": Public WebSocket. */
  ws: 'wss://ws.okx.com:8443/ws/v5/public',
  /** "Production Trading Services": REST. */
  rest: 'https://www.okx.com',
  /** Connect: "send the String 'ping'", "Expect a 'pong' as a response". */
  ping: 'ping',
  pong: 'pong',
  /** Connect: "The connection will break automatically if ... data has not been pushed for more than 30 seconds." */
  idleCloseMs: 30_000,
  /** Order book channel: a book without changes gets an empty update "Around 60 seconds" apart. */
  quietBookKeepAliveMs: 60_000,
  /** 60018: the channel with this instId does not exist on this URL, i.e. no such instrument. */
  unknownChannelCode: '60018',
  /** 64008: "The connection will soon be closed for a service upgrade. Please reconnect." */
  upgradeNoticeCode: '64008',
} as const;

const BASE = /^[A-Z0-9]{1,20}$/;
const QUOTE = 'USDT';

interface Kind {
  readonly id: 'okx' | 'okx-swap';
  readonly name: string;
  readonly market: 'spot' | 'perp';
  readonly instType: OkxInstType;
  readonly instId: (base: string) => string;
}

const KINDS: Readonly<Record<OkxInstType, Kind>> = {
  SPOT: { id: 'okx', name: 'OKX', market: 'spot', instType: 'SPOT', instId: (base) => `${base}-${QUOTE}` },
  SWAP: { id: 'okx-swap', name: 'OKX Perpetual', market: 'perp', instType: 'SWAP', instId: (base) => `${base}-${QUOTE}-SWAP` },
};

function errorEvent(message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>): ErrorEvent {
  return { type: 'error', message: `OKX: ${message}`, ...extra };
}

const bookError = (message: string): ErrorEvent => errorEvent(message);

/**
 * A push: {"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot"|"update","data":[{...}]}.
 * Other channels sharing the socket are not the book.
 */
function decodePush(msg: Readonly<Record<string, unknown>>): readonly VenueEvent[] {
  const arg = msg['arg'];
  if (!isRecord(arg) || arg['channel'] !== 'books') return [{ type: 'ignored' }];
  const action = msg['action'];
  const data = msg['data'];
  if (action !== 'snapshot' && action !== 'update') return [errorEvent(`books push with action ${excerpt(JSON.stringify(action) ?? '?', 40)}`)];
  if (!Array.isArray(data) || data.length === 0) return [errorEvent(`books ${action} without data`)];
  return data.map((item: unknown) => decodeBookItem(item, action, bookError));
}

/**
 * Event messages (Subscribe, Unsubscribe, Notification):
 * {"id":"1512","event":"subscribe","arg":{"channel":"books","instId":"BTC-USDT"},"connId":"a4d3ae55"}
 * {"id":"1512","event":"error","code":"60012","msg":"Invalid request: ...","connId":"a4d3ae55"}
 * {"event":"notice","code":"64008","msg":"The connection will soon be closed for a service upgrade. Please reconnect.","connId":"a4d3ae55"}
 */
function decodeEvent(msg: Readonly<Record<string, unknown>>): VenueEvent {
  const code = typeof msg['code'] === 'string' ? msg['code'] : undefined;
  const text = typeof msg['msg'] === 'string' ? msg['msg'] : '';
  switch (msg['event']) {
    case 'subscribe': {
      const arg = msg['arg'];
      return isRecord(arg) && arg['channel'] === 'books' ? { type: 'subscribed' } : { type: 'ignored' };
    }
    case 'error': {
      // We subscribe to nothing but `books` on the public URL: "doesn't exist" is the instrument.
      const notListed = code === FACTS.unknownChannelCode;
      return errorEvent(`${excerpt(text || 'error')} (code ${code ?? '?'})`, notListed ? { notListed } : undefined);
    }
    case 'notice':
      // "60 seconds prior to the upgrade ... Users are encouraged to establish a new connection."
      if (code === FACTS.upgradeNoticeCode) return errorEvent(`${excerpt(text || 'service upgrade')} (notice ${code})`, { reconnect: true });
      return { type: 'ignored' };
    default:
      // unsubscribe acks, channel-conn-count and events this codec has no use for.
      return { type: 'ignored' };
  }
}

function decode(frame: Frame): readonly VenueEvent[] {
  const text = frameText(frame);
  if (text === undefined) return [errorEvent('frame is not UTF-8 text')];
  if (text === FACTS.pong) return [{ type: 'pong' }];
  // Nearly every frame is a book push in the venue's own spelling: read that without JSON.parse.
  const scanned = scanOkxBooks(text);
  if (scanned) return [scanned];
  const parsed = parseJson(text);
  if (!parsed.ok) return [errorEvent(`frame is not JSON: ${excerpt(text)}`)];
  const msg = parsed.value;
  if (!isRecord(msg)) return [errorEvent(`frame is not an object: ${excerpt(text)}`)];
  if ('event' in msg) return [decodeEvent(msg)];
  return decodePush(msg);
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/** A codec factory for one OKX instrument type. */
export function okxCodec(instType: OkxInstType): (endpoints?: VenueEndpoints) => VenueAdapter {
  const kind = KINDS[instType];
  return (endpoints) => {
    if (endpoints && endpoints.rest === undefined) {
      // The instrument facts and the book must come from the same venue.
      throw new TypeError(`${kind.id}: endpoints.rest is required with custom endpoints`);
    }
    const ws = endpoints?.ws ?? FACTS.ws;
    const rest = trimSlash(endpoints?.rest ?? FACTS.rest);
    // Subscribe: {"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}
    const books = (op: 'subscribe' | 'unsubscribe', instId: string): string => JSON.stringify({ op, args: [{ channel: 'books', instId }] });
    return {
      id: kind.id,
      name: kind.name,
      market: kind.market,
      quote: QUOTE,
      symbolFor: (base) => (BASE.test(base) ? kind.instId(base) : undefined),
      url: () => ws,
      subscribe: (instId) => [books('subscribe', instId)],
      // A fresh snapshot on the open socket: subscribing again is answered with one.
      resubscribe: (instId) => [books('unsubscribe', instId), books('subscribe', instId)],
      // Ping at half the idle limit, every time: a pong must come back well inside the 30 s.
      heartbeat: { kind: 'client-ping', frame: FACTS.ping, intervalMs: FACTS.idleCloseMs / 2, timeoutMs: 10_000 },
      // A quiet book still gets its empty update about once a minute.
      staleAfterMs: FACTS.quietBookKeepAliveMs + 15_000,
      sync: 'ws-snapshot',
      sequence: okxSequence,
      checksum: (book) => okxChecksum(book),
      instrument: {
        url: (instId) => `${rest}${instrumentPath(kind.instType, instId)}`,
        decode: (body, instId) => decodeInstrument(body, instId, kind.instType, (message, notListed) => errorEvent(message, notListed ? { notListed } : undefined)),
      },
      decode,
    };
  };
}

/** OKX spot: `BTC-USDT`. */
export const okx = okxCodec('SPOT');
/** OKX USDT-margined perpetual swaps: `BTC-USDT-SWAP`, sizes in contracts. */
export const okxSwap = okxCodec('SWAP');
