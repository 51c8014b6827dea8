/**
 * The only way a signing key enters depthmux: the environment (HYPERLIQUID_PRIVATE_KEY) or a key
 * file (--hl-key-file PATH) that only its owner can read. Never argv: options can be seen by every
 * user on the machine (`ps`). The key is held inside a Signer whose every printable form
 * (String, JSON, util.inspect) says "[redacted]", and no error message here ever contains it.
 *
 * Also resolves the account whose positions are shown: --hl-address / HYPERLIQUID_ADDRESS, else
 * the key's own address. With an API (agent) wallet the two differ: the agent key signs, the
 * account is read (docs "Info endpoint" > User address: "A common pitfall is to use an agent
 * wallet's address which leads to an empty result"; "Nonces and API wallets").
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { addressFromPrivateKey, signL1Action, type L1Action, type L1Signature } from './signing.js';

const KEY_ENV = 'HYPERLIQUID_PRIVATE_KEY';
const ADDRESS_ENV = 'HYPERLIQUID_ADDRESS';

export type KeyErrorCode = 'key-malformed' | 'key-file-unreadable' | 'key-file-permissions' | 'key-ambiguous' | 'address-malformed';

/** A mistake the user can fix: one line, a stable code, a hint. Never carries key material. */
export class KeySourceError extends Error {
  override readonly name = 'KeySourceError';
  constructor(
    readonly code: KeyErrorCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const REDACTED = '[redacted]';
const KEY_TEXT = /^(0x)?[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * Where a key came from: the environment, a key file, or the key `--demo` makes for its simulated
 * account (never a command-line argument: argv is visible to every user of the machine).
 */
export type KeySource = 'env' | 'file' | 'demo';

/** Signs L1 actions with a key it never shows. `address` is the key's own (lowercase) address. */
export class Signer {
  readonly #key: string;
  readonly address: string;

  /** @throws KeySourceError if `key` is not 32 bytes of hex; the message does not quote it. */
  constructor(key: string, readonly source: KeySource) {
    const text = key.trim();
    if (!KEY_TEXT.test(text)) {
      throw new KeySourceError('key-malformed', `the private key from ${describe(source)} is not 64 hex digits`, 'a Hyperliquid private key is 0x followed by 64 hex digits');
    }
    this.#key = text.startsWith('0x') ? text.toLowerCase() : `0x${text.toLowerCase()}`;
    try {
      this.address = addressFromPrivateKey(this.#key);
    } catch {
      // The curve library's message is dropped unread: it is not ours to promise it never quotes the key.
      throw new KeySourceError('key-malformed', `the private key from ${describe(source)} is not a valid secp256k1 key`, 'check that the key was copied whole');
    }
  }

  /** The L1 signature of `action` (signing.ts signL1Action; docs "Signing"). */
  signL1(action: L1Action, nonce: number, isMainnet: boolean, vaultAddress: string | null = null, expiresAfter?: number): L1Signature {
    return signL1Action({ privateKey: this.#key, action, vaultAddress, nonce, isMainnet, ...(expiresAfter !== undefined ? { expiresAfter } : {}) });
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export interface KeySourceInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --hl-key-file PATH */
  readonly keyFile?: string;
}

/**
 * The signer from the environment or the key file; undefined when neither is given (closing is
 * then disabled, viewing still works). Both given is refused: which one would sign is not obvious.
 * @throws KeySourceError
 */
export function loadSigner(input: KeySourceInput): Signer | undefined {
  const fromEnv = input.env[KEY_ENV];
  const hasEnv = fromEnv !== undefined && fromEnv.trim() !== '';
  if (hasEnv && input.keyFile !== undefined) {
    throw new KeySourceError('key-ambiguous', `both ${KEY_ENV} and --hl-key-file are set`, `use one: unset ${KEY_ENV} or drop --hl-key-file`);
  }
  if (input.keyFile !== undefined) return new Signer(readKeyFile(input.keyFile), 'file');
  return hasEnv ? new Signer(fromEnv, 'env') : undefined;
}

/**
 * Reads the key file through one descriptor, so the mode checked is the mode of the file read.
 * Group or other permission bits (mode & 0o077) refuse it, as ssh does for a private key.
 */
function readKeyFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new KeySourceError('key-file-unreadable', `cannot read key file ${path}: ${errorCode(err)}`, 'check the path given to --hl-key-file');
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new KeySourceError('key-file-unreadable', `key file ${path} is not a regular file`, 'point --hl-key-file at a file holding the key');
    }
    const mode = stat.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new KeySourceError('key-file-permissions', `key file ${path} is readable by others (mode ${mode.toString(8).padStart(4, '0')})`, `run: chmod 600 ${path}`);
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function describe(source: KeySource): string {
  if (source === 'demo') return 'the demo';
  return source === 'env' ? KEY_ENV : 'the key file';
}

function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unreadable';
}

export interface AccountInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --hl-address */
  readonly address?: string;
  readonly signer?: Signer;
}

/** Where the account address came from, for the status line. */
export type AccountSource = 'flag' | 'env' | 'key';

export interface ResolvedAccount {
  /** Lowercase 0x address whose positions are read. */
  readonly address: string;
  readonly source: AccountSource;
  /** The signer is an API (agent) wallet acting for another account. */
  readonly agent: boolean;
}

/**
 * The account to show: --hl-address, else HYPERLIQUID_ADDRESS, else the key's own address;
 * undefined when none is given (the pane says how to set one).
 * @throws KeySourceError on a malformed address
 */
export function resolveAccount(input: AccountInput): ResolvedAccount | undefined {
  const given = input.address ?? nonEmpty(input.env[ADDRESS_ENV]);
  const source: AccountSource = input.address !== undefined ? 'flag' : 'env';
  if (given !== undefined) {
    const text = given.trim();
    if (!ADDRESS.test(text)) {
      const where = source === 'flag' ? '--hl-address' : ADDRESS_ENV;
      throw new KeySourceError('address-malformed', `${where} "${text}" is not an address`, 'give 0x followed by 40 hex digits');
    }
    const address = text.toLowerCase();
    return { address, source, agent: input.signer !== undefined && input.signer.address !== address };
  }
  return input.signer ? { address: input.signer.address, source: 'key', agent: false } : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
