import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeySourceError, Signer, loadSigner, resolveAccount } from '../../src/hyperliquid/key-source.js';
import { orderAction, recoverSignerAddress } from '../../src/hyperliquid/signing.js';

// The key of hyperliquid-python-sdk tests/signing_test.py and its address (eth_account).
const KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const KEY_ADDRESS = '0x14791697260e4c9a71f18484c9f997b308e59325';
const KEY_DIGITS = KEY.slice(2);

/** Every run of `length` hex digits of `secret` that appears in `text`: even a few leak a key's prefix. */
function fragmentsIn(text: string, secret: string, length = 6): string[] {
  const haystack = text.toLowerCase();
  const digits = secret.replace(/^0x/, '').toLowerCase();
  const found = new Set<string>();
  for (let i = 0; i + length <= digits.length; i++) if (haystack.includes(digits.slice(i, i + length))) found.add(digits.slice(i, i + length));
  return [...found];
}

function expectNoKey(text: string): void {
  expect(fragmentsIn(text, KEY_DIGITS)).toEqual([]);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'depthmux-key-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function keyFile(content: string, mode: number): string {
  const path = join(dir, 'hl.key');
  writeFileSync(path, content, { mode });
  chmodSync(path, mode); // writeFileSync's mode is filtered by the umask
  return path;
}

function thrown(fn: () => unknown): KeySourceError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KeySourceError);
    return err as KeySourceError;
  }
  throw new Error('expected a KeySourceError');
}

describe('loadSigner', () => {
  it('reads HYPERLIQUID_PRIVATE_KEY and derives the address', () => {
    const signer = loadSigner({ env: { HYPERLIQUID_PRIVATE_KEY: KEY } });
    expect(signer?.address).toBe(KEY_ADDRESS);
    expect(signer?.source).toBe('env');
  });

  it('accepts the key without 0x and with surrounding whitespace', () => {
    expect(loadSigner({ env: { HYPERLIQUID_PRIVATE_KEY: `  ${KEY_DIGITS}\n` } })?.address).toBe(KEY_ADDRESS);
  });

  it('no key anywhere means no signer (closing disabled, viewing still works)', () => {
    expect(loadSigner({ env: {} })).toBeUndefined();
    expect(loadSigner({ env: { HYPERLIQUID_PRIVATE_KEY: '  ' } })).toBeUndefined();
  });

  it('reads a 0600 key file', () => {
    const signer = loadSigner({ env: {}, keyFile: keyFile(`${KEY}\n`, 0o600) });
    expect(signer?.address).toBe(KEY_ADDRESS);
    expect(signer?.source).toBe('file');
  });

  it.each([0o644, 0o640, 0o604, 0o660])('refuses a key file with mode %o, saying how to fix it', (mode) => {
    const path = keyFile(KEY, mode);
    const err = thrown(() => loadSigner({ env: {}, keyFile: path }));
    expect(err.code).toBe('key-file-permissions');
    expect(err.message).toContain(path);
    expect(err.message).toContain(`0${mode.toString(8)}`);
    expect(err.hint).toBe(`run: chmod 600 ${path}`);
    expectNoKey(`${err.message} ${err.hint} ${err.stack ?? ''}`);
  });

  it('a missing key file is a clear error', () => {
    const err = thrown(() => loadSigner({ env: {}, keyFile: join(dir, 'nope') }));
    expect(err.code).toBe('key-file-unreadable');
    expect(err.message).toContain('ENOENT');
  });

  it('refuses both sources at once', () => {
    const err = thrown(() => loadSigner({ env: { HYPERLIQUID_PRIVATE_KEY: KEY }, keyFile: keyFile(KEY, 0o600) }));
    expect(err.code).toBe('key-ambiguous');
    expectNoKey(err.message);
  });

  it.each([
    ['too short', KEY.slice(0, 40)],
    ['not hex', `0x${'z'.repeat(64)}`],
    ['zero scalar', `0x${'0'.repeat(64)}`],
    ['beyond the curve order', `0x${'f'.repeat(64)}`],
  ])('a malformed key (%s) never appears in the error', (_name, bad) => {
    const err = thrown(() => loadSigner({ env: { HYPERLIQUID_PRIVATE_KEY: bad } }));
    expect(err.code).toBe('key-malformed');
    expect(fragmentsIn(`${err.message} ${err.hint}`, bad)).toEqual([]);
  });

  it('a malformed key file never appears in the error', () => {
    const secretish = `${KEY_DIGITS}00`; // 66 hex digits: close to a key, still secret-looking
    const err = thrown(() => loadSigner({ env: {}, keyFile: keyFile(secretish, 0o600) }));
    expect(err.code).toBe('key-malformed');
    expect(fragmentsIn(`${err.message} ${err.hint}`, secretish)).toEqual([]);
  });
});

describe('Signer redaction', () => {
  const signer = new Signer(KEY, 'env');

  it('String(), template literals, JSON and util.inspect say [redacted]', () => {
    expect(String(signer)).toBe('[redacted]');
    expect(`${signer}`).toBe('[redacted]');
    expect(JSON.stringify(signer)).toBe('"[redacted]"');
    expect(JSON.stringify({ signer })).toBe('{"signer":"[redacted]"}');
    expect(inspect(signer)).toBe('[redacted]');
    expect(inspect({ nested: { signer } }, { depth: 10, showHidden: true })).not.toContain(KEY_DIGITS);
  });

  it('the key is not an enumerable or reachable property', () => {
    const bag = signer as unknown as Record<string, unknown>;
    expect(Object.values(bag).some((value) => typeof value === 'string' && value.includes(KEY_DIGITS))).toBe(false);
    expect(Object.getOwnPropertyNames(signer).join(',')).not.toContain('key');
  });

  it('signs: the signature recovers the key address', () => {
    const action = orderAction([{ a: 0, b: true, p: '100', s: '1', r: true, t: { limit: { tif: 'Ioc' } } }]);
    const signature = signer.signL1(action, 1_700_000_000_000, false);
    expect(recoverSignerAddress(action, null, 1_700_000_000_000, false, signature)).toBe(KEY_ADDRESS);
    expect(recoverSignerAddress(action, null, 1_700_000_000_000, true, signature)).not.toBe(KEY_ADDRESS);
  });
});

describe('resolveAccount', () => {
  const signer = new Signer(KEY, 'env');
  const ACCOUNT = '0xAbCdEf0123456789aBcDeF0123456789AbCdEf01';

  it('--hl-address wins over HYPERLIQUID_ADDRESS; addresses are lowercased', () => {
    expect(resolveAccount({ env: { HYPERLIQUID_ADDRESS: KEY_ADDRESS }, address: ACCOUNT })).toEqual({ address: ACCOUNT.toLowerCase(), source: 'flag', agent: false });
    expect(resolveAccount({ env: { HYPERLIQUID_ADDRESS: ACCOUNT } })).toEqual({ address: ACCOUNT.toLowerCase(), source: 'env', agent: false });
  });

  it("defaults to the key's own address", () => {
    expect(resolveAccount({ env: {}, signer })).toEqual({ address: KEY_ADDRESS, source: 'key', agent: false });
  });

  it('a key for another account is an agent (API wallet)', () => {
    expect(resolveAccount({ env: {}, address: ACCOUNT, signer })).toEqual({ address: ACCOUNT.toLowerCase(), source: 'flag', agent: true });
    expect(resolveAccount({ env: {}, address: KEY_ADDRESS.toUpperCase().replace('0X', '0x'), signer })?.agent).toBe(false);
  });

  it('nothing configured: undefined (the pane says how to set one)', () => {
    expect(resolveAccount({ env: {} })).toBeUndefined();
  });

  it('a malformed address names the flag and the value', () => {
    const err = thrown(() => resolveAccount({ env: {}, address: '0x123' }));
    expect(err.code).toBe('address-malformed');
    expect(err.message).toBe('--hl-address "0x123" is not an address');
    expect(thrown(() => resolveAccount({ env: { HYPERLIQUID_ADDRESS: 'bob' } })).message).toContain('HYPERLIQUID_ADDRESS');
  });
});
