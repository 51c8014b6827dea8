/**
 * What the simulated Hyperliquid exchange reads off the wire: POST /exchange and POST /info bodies
 * and /ws client frames, each `unknown` until a parser here accepts it. Parsers return values,
 * never throw. Shapes: Hyperliquid docs "For developers > API > Exchange endpoint" (place an
 * order), "Info endpoint" (+ /perpetuals), "Websocket > Subscriptions"; the official Python SDK
 * hyperliquid/utils/signing.py (order wire) and hyperliquid/utils/types.py (subscriptions).
 */
import { orderAction, type L1Signature, type OrderAction, type OrderWire, type Tif } from '../../hyperliquid/signing.js';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

type Rec = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const CLOID = /^0x[0-9a-fA-F]{32}$/;

/** Addresses are compared lowercase: the exchange parses them as bytes (docs, "Signing", point 4). */
export function address(value: unknown): string | undefined {
  return typeof value === 'string' && ADDRESS.test(value) ? value.toLowerCase() : undefined;
}

/**
 * A decimal string in the form the exchange re-serializes before hashing: no trailing zeros, no
 * leading zeros ("2000.0" and "2000" hash differently — docs "Signing", point 3; Python SDK
 * float_to_wire). A client that signed "2000.0" therefore recovers another address, as on mainnet.
 */
function canonicalDecimal(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return undefined;
  const int = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

// ---------------------------------------------------------------------------------------------
// POST /exchange: {action, nonce, signature, vaultAddress?, expiresAfter?}

export interface ExchangeRequest {
  /** The order action rebuilt in the SDK's key order, as the exchange hashes it. */
  readonly action: OrderAction;
  readonly nonce: number;
  readonly signature: L1Signature;
  readonly vaultAddress: string | null;
  readonly expiresAfter?: number;
}

const TIFS: readonly Tif[] = ['Alo', 'Ioc', 'Gtc'];

function orderType(t: unknown): OrderWire['t'] | undefined {
  if (!isRecord(t)) return undefined;
  const limit = t['limit'];
  if (isRecord(limit)) {
    const tif = TIFS.find((x) => x === limit['tif']);
    return tif && { limit: { tif } };
  }
  const trigger = t['trigger'];
  if (!isRecord(trigger)) return undefined;
  const triggerPx = canonicalDecimal(trigger['triggerPx']);
  const tpsl = trigger['tpsl'] === 'tp' || trigger['tpsl'] === 'sl' ? trigger['tpsl'] : undefined;
  if (typeof trigger['isMarket'] !== 'boolean' || !triggerPx || !tpsl) return undefined;
  return { trigger: { isMarket: trigger['isMarket'], triggerPx, tpsl } };
}

function orderWire(o: unknown): OrderWire | undefined {
  if (!isRecord(o)) return undefined;
  const [a, b, r] = [o['a'], o['b'], o['r']];
  const p = canonicalDecimal(o['p']);
  const s = canonicalDecimal(o['s']);
  const t = orderType(o['t']);
  const c = o['c'];
  if (typeof a !== 'number' || !Number.isSafeInteger(a) || a < 0) return undefined;
  if (typeof b !== 'boolean' || typeof r !== 'boolean' || !p || !s || !t) return undefined;
  if (c === undefined || c === null) return { a, b, p, s, r, t };
  // A cloid is 16 bytes; the exchange hashes its bytes, so case does not matter (docs "Signing" 4).
  return typeof c === 'string' && CLOID.test(c) ? { a, b, p, s, r, t, c: c.toLowerCase() } : undefined;
}

function signature(value: unknown): L1Signature | undefined {
  if (!isRecord(value)) return undefined;
  const { r, s, v } = value;
  return typeof r === 'string' && typeof s === 'string' && typeof v === 'number' ? { r, s, v } : undefined;
}

/** `unsupported` carries an action type the sim does not trade (only "order" is simulated). */
export function parseExchangeRequest(body: unknown): Parsed<ExchangeRequest> | { readonly ok: 'unsupported'; readonly type: string } {
  if (!isRecord(body) || !isRecord(body['action'])) return fail('missing field `action`');
  const action = body['action'];
  if (typeof action['type'] !== 'string') return fail('missing field `type`');
  if (action['type'] !== 'order') return { ok: 'unsupported', type: action['type'] };
  const nonce = body['nonce'];
  if (typeof nonce !== 'number' || !Number.isSafeInteger(nonce) || nonce < 0) return fail('invalid field `nonce`');
  const sig = signature(body['signature']);
  if (!sig) return fail('invalid field `signature`');
  const vault = body['vaultAddress'];
  const vaultAddress = vault === undefined || vault === null ? null : address(vault);
  if (vaultAddress === undefined) return fail('invalid field `vaultAddress`');
  const expiresAfter = body['expiresAfter'];
  if (expiresAfter !== undefined && expiresAfter !== null && (typeof expiresAfter !== 'number' || !Number.isSafeInteger(expiresAfter))) {
    return fail('invalid field `expiresAfter`');
  }
  const rawOrders = action['orders'];
  const grouping = action['grouping'];
  if (!Array.isArray(rawOrders) || (grouping !== 'na' && grouping !== 'normalTpsl' && grouping !== 'positionTpsl')) {
    return fail('invalid order action');
  }
  const orders = rawOrders.map(orderWire);
  if (orders.some((o) => o === undefined)) return fail('invalid order wire');
  let canonical: OrderAction;
  try {
    canonical = orderAction(orders as OrderWire[], grouping);
  } catch (error) {
    return fail(error instanceof Error ? error.message : 'invalid order wire');
  }
  const request = { action: canonical, nonce, signature: sig, vaultAddress };
  return ok(typeof expiresAfter === 'number' ? { ...request, expiresAfter } : request);
}

// ---------------------------------------------------------------------------------------------
// POST /info

export type InfoRequest =
  | { readonly type: 'meta' }
  | { readonly type: 'allMids' }
  | { readonly type: 'l2Book'; readonly coin: string }
  | { readonly type: 'clearinghouseState'; readonly user: string; readonly dex: string }
  | { readonly type: 'openOrders'; readonly user: string; readonly dex: string }
  /** oid: an order id (u64) or a cloid ("16-byte hex string", Info endpoint, orderStatus). */
  | { readonly type: 'orderStatus'; readonly user: string; readonly oid: number | string };

export function parseInfoRequest(body: unknown): Parsed<InfoRequest> {
  if (!isRecord(body)) return fail('expected an object');
  const type = body['type'];
  const user = address(body['user']);
  const dex = typeof body['dex'] === 'string' ? body['dex'] : '';
  switch (type) {
    case 'meta':
    case 'allMids':
      return ok({ type });
    case 'l2Book':
      return typeof body['coin'] === 'string' ? ok({ type, coin: body['coin'] }) : fail('missing field `coin`');
    case 'clearinghouseState':
    case 'openOrders':
      return user ? ok({ type, user, dex }) : fail('invalid field `user`');
    case 'orderStatus': {
      const oid = body['oid'];
      if (!user) return fail('invalid field `user`');
      if (typeof oid === 'number' && Number.isSafeInteger(oid) && oid >= 0) return ok({ type, user, oid });
      if (typeof oid === 'string' && CLOID.test(oid)) return ok({ type, user, oid: oid.toLowerCase() });
      return fail('invalid field `oid`');
    }
    default:
      return fail(`unknown variant \`${String(type)}\``);
  }
}

// ---------------------------------------------------------------------------------------------
// /ws client frames: {"method":"ping"} and {"method":"subscribe"|"unsubscribe","subscription":{...}}

export type UserChannel = 'orderUpdates' | 'userFills' | 'clearinghouseState';

export interface UserSubscription {
  readonly channel: UserChannel;
  readonly user: string;
  /** The subscription as the server echoes it: what was sent, with the user lowercased. */
  readonly echo: Rec;
}

export type ClientFrame =
  | { readonly method: 'ping' }
  | { readonly method: 'subscribe' | 'unsubscribe'; readonly subscription: unknown };

export function parseClientFrame(text: string): ClientFrame | undefined {
  const value = parseJson(text);
  if (!isRecord(value)) return undefined;
  const method = value['method'];
  if (method === 'ping') return { method };
  if ((method === 'subscribe' || method === 'unsubscribe') && isRecord(value['subscription'])) {
    return { method, subscription: value['subscription'] };
  }
  return undefined;
}

/** The user channels this sim serves; `dex` other than the first perp dex ("") is not simulated. */
export function parseUserSubscription(sub: unknown): UserSubscription | undefined {
  if (!isRecord(sub)) return undefined;
  const channel = sub['type'];
  const user = address(sub['user']);
  if ((channel !== 'orderUpdates' && channel !== 'userFills' && channel !== 'clearinghouseState') || !user) return undefined;
  if (sub['dex'] !== undefined && sub['dex'] !== '') return undefined;
  if (sub['aggregateByTime'] !== undefined && typeof sub['aggregateByTime'] !== 'boolean') return undefined;
  return { channel, user, echo: { ...sub, user } };
}
