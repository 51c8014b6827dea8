/**
 * The guards in front of signing: an order, a nonce, an address, a key or a signature that is not
 * exactly in the expected form is refused (or recovers no signer), never hashed as something
 * else. A value that only starts or ends right is as wrong as one that is wrong throughout.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { actionHash, addressFromPrivateKey, orderAction, recoverSignerAddress, signL1Action, type L1Action, type OrderWire } from '../../src/hyperliquid/signing.js';

const KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const CLOID = `0x${'ab'.repeat(16)}`;
const VAULT = '0x1234567890123456789012345678901234567890';
const order = (patch: Partial<OrderWire> = {}): OrderWire => ({ a: 0, b: true, p: '100', s: '1', r: true, t: { limit: { tif: 'Ioc' } }, c: CLOID, ...patch });
const hex = (bytes: Uint8Array): string => bytesToHex(bytes);

describe('orderAction guards', () => {
  it('takes an asset index only: not negative, not fractional', () => {
    expect(orderAction([order({ a: 3 })]).orders[0]!.a).toBe(3);
    expect(() => orderAction([order({ a: -1 })])).toThrow('order asset -1 is not an index');
    expect(() => orderAction([order({ a: 1.5 })])).toThrow('order asset 1.5 is not an index');
  });

  it('takes a cloid of exactly 0x and 32 lowercase hex digits', () => {
    for (const cloid of [`${CLOID}00`, `00${CLOID}`, CLOID.toUpperCase().replace('0X', '0x'), CLOID.slice(0, -2)]) {
      expect(() => orderAction([order({ c: cloid })]), cloid).toThrow(/is not 0x \+ 32 lowercase hex digits/);
    }
  });
});

describe('actionHash guards', () => {
  const action: L1Action = orderAction([order()]);

  it('refuses a nonce or expiry that is not a uint64', () => {
    expect(() => actionHash(action, null, -1)).toThrow('nonce -1 is not a uint64');
    expect(() => actionHash(action, null, 1.5)).toThrow('nonce 1.5 is not a uint64');
    expect(() => actionHash(action, null, 1, -5)).toThrow('expiresAfter -5 is not a uint64');
  });

  it('refuses a vault that is not exactly a 0x address', () => {
    for (const vault of [`${VAULT}00`, `00${VAULT}`, VAULT.slice(0, -1)]) {
      expect(() => actionHash(action, vault, 1), vault).toThrow('is not a 0x address');
    }
    expect(hex(actionHash(action, VAULT, 1))).not.toBe(hex(actionHash(action, null, 1)));
  });

  it('refuses a float anywhere in the action, arrays included', () => {
    expect(() => actionHash({ type: 'x', list: [1, 2.5] }, null, 1)).toThrow('action.list[1] = 2.5: actions carry integers only');
    expect(() => actionHash({ type: 'x', nested: { deep: [{ n: 0.1 }] } }, null, 1)).toThrow('action.nested.deep[0].n = 0.1');
    expect(() => actionHash({ type: 'x', empty: null }, null, 1)).not.toThrow();
  });

  it('an undefined field hashes as if it were absent', () => {
    expect(hex(actionHash({ type: 'x', a: 1, b: undefined }, null, 1))).toBe(hex(actionHash({ type: 'x', a: 1 }, null, 1)));
  });
});

describe('keys', () => {
  it('a key reads the same with or without 0x, and nothing around it', () => {
    expect(addressFromPrivateKey(KEY.slice(2))).toBe(addressFromPrivateKey(KEY));
    for (const key of [`${KEY}00`, `zz${KEY}`, KEY.slice(0, -1)]) {
      expect(() => addressFromPrivateKey(key)).toThrow('private key must be 32 bytes of hex');
    }
  });
});

describe('recoverSignerAddress on malformed signatures', () => {
  const action: L1Action = orderAction([order()]);
  const signature = signL1Action({ privateKey: KEY, action, vaultAddress: null, nonce: 7, isMainnet: true });
  const recover = (patch: Partial<typeof signature>): string | null => recoverSignerAddress(action, null, 7, true, { ...signature, ...patch });

  it('recovers the signer of a well-formed one', () => {
    expect(recover({})).toBe(addressFromPrivateKey(KEY));
  });

  it.each([
    ['r with junk after it', { r: `${signature.r}zz` }],
    ['r with junk before it', { r: `zz${signature.r}` }],
    ['s with junk after it', { s: `${signature.s}zz` }],
    ['s not hex', { s: 'nonsense' }],
    ['v not 27 or 28', { v: 29 }],
    ['v 0', { v: 0 }],
  ])('none from %s', (_what, patch) => {
    expect(recover(patch)).toBeNull();
  });
});
