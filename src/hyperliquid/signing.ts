/**
 * Hyperliquid L1 action signing: the bytes the exchange hashes (msgpack of the action, nonce,
 * vault, expiry), the EIP-712 "phantom agent" it recovers the signer from, and the order wire those
 * bytes are built from. This is money-moving code: every rule here is pinned by the official Python
 * SDK's published vectors in test/unit/hyperliquid-signing.test.ts. A key is passed in per call and
 * is never stored, printed or put into an error message.
 *
 * Source for every rule unless noted: hyperliquid-dex/hyperliquid-python-sdk,
 * hyperliquid/utils/signing.py (action_hash, construct_phantom_agent, l1_payload, sign_inner,
 * float_to_wire, float_to_int, order_request_to_order_wire, order_wires_to_order_action), and the
 * Hyperliquid docs, "For developers > API > Signing".
 */
import { encode } from '@msgpack/msgpack';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

// ---------------------------------------------------------------------------------------------
// Wire types. Key order is part of what is hashed (msgpack keeps insertion order), so objects
// that are signed are always rebuilt in the SDK's order, never passed through as given.

/**
 * A value an action may carry. Numbers must be safe integers: Python's msgpack packs an int as an
 * int and a float as float64, and JavaScript cannot tell 1000 from 1000.0, so prices and sizes
 * travel as strings (see floatToWire). `undefined` members are dropped, as an unset key is in Python.
 */
export type WireValue =
  | string
  | number
  | boolean
  | null
  | readonly WireValue[]
  | { readonly [key: string]: WireValue | undefined };

export type L1Action = { readonly type: string; readonly [key: string]: WireValue | undefined };

export type Tif = 'Alo' | 'Ioc' | 'Gtc';
export type Grouping = 'na' | 'normalTpsl' | 'positionTpsl';
export type OrderTypeWire =
  | { readonly limit: { readonly tif: Tif } }
  | {
      readonly trigger: { readonly isMarket: boolean; readonly triggerPx: string; readonly tpsl: 'tp' | 'sl' };
    };

/** One order on the wire: asset, isBuy, price, size, reduceOnly, type, optional client order id. */
export type OrderWire = {
  readonly a: number;
  readonly b: boolean;
  readonly p: string;
  readonly s: string;
  readonly r: boolean;
  readonly t: OrderTypeWire;
  readonly c?: string;
};

export type OrderAction = {
  readonly type: 'order';
  readonly orders: readonly OrderWire[];
  readonly grouping: Grouping;
};

/** r and s are 0x + 64 lowercase hex digits. The Python SDK writes them without leading zeros
 * (eth_utils.to_hex of an int), so compare with its output as integers, never as strings. */
export type L1Signature = { readonly r: string; readonly s: string; readonly v: number };

export type PhantomAgent = { readonly source: 'a' | 'b'; readonly connectionId: Uint8Array };

// ---------------------------------------------------------------------------------------------
// Numbers on the wire.

/**
 * The SDK's float_to_wire: 8 decimals, refuse if that changed the value by 1e-12 or more, then strip
 * trailing zeros ("2000.0" and "2000" hash differently; the exchange expects "2000").
 * One deliberate difference: Python returns "-0" for -0.0 (its `== "-0"` guard never matches
 * "-0.00000000"); the guard's intent is "0", so that is what this returns.
 * |x| >= 1e21 is refused: toFixed switches to exponent form there, and no price or size comes close.
 */
export function floatToWire(x: number): string {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) throw new RangeError(`floatToWire: ${x} is out of range`);
  const fixed = x.toFixed(8);
  if (Math.abs(Number(fixed) - x) >= 1e-12) throw new RangeError(`floatToWire: ${x} would be rounded`);
  const trimmed = fixed.replace(/\.?0+$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * The SDK's float_to_int_for_hashing: x * 10^8 as an integer, refused if that is off by 1e-3 or
 * more. Python multiplies ints exactly and floats in float64; a JS integer takes the exact path
 * (123123123123 -> 12312312312300000000n, past 2^53, hence bigint).
 */
export function floatToIntForHashing(x: number): bigint {
  if (Number.isInteger(x)) return BigInt(x) * 100_000_000n;
  const scaled = x * 1e8;
  const rounded = Math.round(scaled);
  if (!Number.isFinite(scaled) || Math.abs(rounded - scaled) >= 1e-3) {
    throw new RangeError(`floatToIntForHashing: ${x} would be rounded`);
  }
  return BigInt(rounded);
}

// ---------------------------------------------------------------------------------------------
// Order wire.

const WIRE_DECIMAL = /^(0|[1-9]\d*)(\.\d*[1-9])?$/; // floatToWire's output form
const CLOID = /^0x[0-9a-f]{32}$/; // 16 bytes (Python SDK types.Cloid); lowercase, as it is hashed

function wireDecimal(text: string, field: string): string {
  if (!WIRE_DECIMAL.test(text)) throw new TypeError(`order ${field} "${text}" is not in wire form`);
  return text;
}

function orderTypeWire(t: OrderTypeWire): OrderTypeWire {
  if ('limit' in t) return { limit: { tif: t.limit.tif } };
  const { isMarket, triggerPx, tpsl } = t.trigger;
  return { trigger: { isMarket, triggerPx: wireDecimal(triggerPx, 'triggerPx'), tpsl } };
}

function canonicalOrder(o: OrderWire): OrderWire {
  if (!Number.isSafeInteger(o.a) || o.a < 0) throw new TypeError(`order asset ${o.a} is not an index`);
  const order = {
    a: o.a,
    b: o.b,
    p: wireDecimal(o.p, 'price'),
    s: wireDecimal(o.s, 'size'),
    r: o.r,
    t: orderTypeWire(o.t),
  };
  if (o.c === undefined) return order;
  if (!CLOID.test(o.c)) throw new TypeError(`cloid "${o.c}" is not 0x + 32 lowercase hex digits`);
  return { ...order, c: o.c };
}

/** The SDK's order_wires_to_order_action, each order rebuilt in the SDK's key order a,b,p,s,r,t,c. */
export function orderAction(orders: readonly OrderWire[], grouping: Grouping = 'na'): OrderAction {
  return { type: 'order', orders: orders.map(canonicalOrder), grouping };
}

// ---------------------------------------------------------------------------------------------
// Hashing.

function assertWire(value: WireValue | undefined, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${path} = ${value}: actions carry integers only`);
  } else if (Array.isArray(value)) {
    value.forEach((item: WireValue, i: number) => assertWire(item, `${path}[${i}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) assertWire(item, `${path}.${key}`);
  }
}

function uint64(n: number, name: string): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} ${n} is not a uint64`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), false);
  return out;
}

function addressBytes(address: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new TypeError(`"${address}" is not a 0x address`);
  return hexToBytes(address.slice(2));
}

/**
 * keccak256(msgpack(action) ‖ nonce as 8 bytes big-endian ‖ 0x00 | 0x01 ‖ vault address
 * [‖ 0x00 ‖ expiresAfter as 8 bytes big-endian]) — the SDK's action_hash.
 */
export function actionHash(
  action: L1Action,
  vaultAddress: string | null,
  nonce: number,
  expiresAfter?: number,
): Uint8Array {
  assertWire(action, 'action');
  const parts = [encode(action, { ignoreUndefined: true }), uint64(nonce, 'nonce')];
  if (vaultAddress === null) parts.push(Uint8Array.of(0));
  else parts.push(Uint8Array.of(1), addressBytes(vaultAddress));
  if (expiresAfter !== undefined) parts.push(Uint8Array.of(0), uint64(expiresAfter, 'expiresAfter'));
  return keccak_256(concatBytes(...parts));
}

/** The agent the exchange pretends signed: source "a" on mainnet, "b" on testnet. */
export function phantomAgent(hash: Uint8Array, isMainnet: boolean): PhantomAgent {
  return { source: isMainnet ? 'a' : 'b', connectionId: hash };
}

// EIP-712 by hand (https://eips.ethereum.org/EIPS/eip-712): typed-data digest =
// keccak(0x19 0x01 ‖ domainSeparator ‖ hashStruct(Agent)). Strings are hashed, bytes32 and
// uint256/address are 32-byte words.
const keccakText = (text: string): Uint8Array => keccak_256(utf8ToBytes(text));

function word(n: bigint): Uint8Array {
  return hexToBytes(n.toString(16).padStart(64, '0'));
}

const DOMAIN_SEPARATOR = keccak_256(
  concatBytes(
    keccakText('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'),
    keccakText('Exchange'),
    keccakText('1'),
    word(1337n),
    word(0n), // verifyingContract 0x000…0
  ),
);
const AGENT_TYPEHASH = keccakText('Agent(string source,bytes32 connectionId)');

/** The 32-byte digest an L1 action's signature is over. */
function l1SigningDigest(agent: PhantomAgent): Uint8Array {
  const structHash = keccak_256(concatBytes(AGENT_TYPEHASH, keccakText(agent.source), agent.connectionId));
  return keccak_256(concatBytes(Uint8Array.of(0x19, 0x01), DOMAIN_SEPARATOR, structHash));
}

function digestOf(
  action: L1Action,
  vaultAddress: string | null,
  nonce: number,
  isMainnet: boolean,
  expiresAfter?: number,
): Uint8Array {
  return l1SigningDigest(phantomAgent(actionHash(action, vaultAddress, nonce, expiresAfter), isMainnet));
}

// ---------------------------------------------------------------------------------------------
// Keys, signing, recovery.

function keyBytes(privateKey: string): Uint8Array {
  // The key itself never goes into the message.
  if (!/^(0x)?[0-9a-fA-F]{64}$/.test(privateKey)) throw new TypeError('private key must be 32 bytes of hex');
  return hexToBytes(privateKey.replace(/^0x/, ''));
}

function addressFromPublicKey(uncompressed: Uint8Array): string {
  return `0x${bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12))}`;
}

/** Lowercase 0x address of a private key (keccak of the uncompressed public key, last 20 bytes). */
export function addressFromPrivateKey(privateKey: string): string {
  return addressFromPublicKey(secp256k1.getPublicKey(keyBytes(privateKey), false));
}

export type SignL1ActionParams = {
  readonly privateKey: string;
  readonly action: L1Action;
  readonly vaultAddress: string | null;
  readonly nonce: number;
  readonly isMainnet: boolean;
  readonly expiresAfter?: number;
};

/** Deterministic (RFC 6979), low-s secp256k1 signature, as eth_account produces; v is 27 or 28. */
export function signL1Action(p: SignL1ActionParams): L1Signature {
  const digest = digestOf(p.action, p.vaultAddress, p.nonce, p.isMainnet, p.expiresAfter);
  const sig = secp256k1.sign(digest, keyBytes(p.privateKey), { prehash: false, format: 'recovered' });
  const recovery = sig[0] ?? 0; // 'recovered' format: recovery byte, then r, then s
  return {
    r: `0x${bytesToHex(sig.subarray(1, 33))}`,
    s: `0x${bytesToHex(sig.subarray(33, 65))}`,
    v: 27 + recovery,
  };
}

function scalar(hex: string): bigint | null {
  return /^0x[0-9a-fA-F]{1,64}$/.test(hex) ? BigInt(hex) : null; // padded or Python-style unpadded
}

/**
 * The lowercase address that signed an L1 action, or null if the signature is malformed or
 * recovers no point. A well-formed signature over different bytes recovers *some other* address,
 * as on the exchange ("User or API Wallet 0x… does not exist"); comparing addresses is the check.
 */
export function recoverSignerAddress(
  action: L1Action,
  vaultAddress: string | null,
  nonce: number,
  isMainnet: boolean,
  signature: L1Signature,
  expiresAfter?: number,
): string | null {
  const digest = digestOf(action, vaultAddress, nonce, isMainnet, expiresAfter);
  const r = scalar(signature.r);
  const s = scalar(signature.s);
  if (r === null || s === null || (signature.v !== 27 && signature.v !== 28)) return null;
  try {
    const point = new secp256k1.Signature(r, s, signature.v - 27).recoverPublicKey(digest);
    return addressFromPublicKey(point.toBytes(false));
  } catch {
    return null; // r or s out of range, or no curve point for r
  }
}
