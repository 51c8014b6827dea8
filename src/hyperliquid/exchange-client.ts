/**
 * POST /exchange with a signed order action, in two steps so the caller can journal the exact
 * request (nonce included) before it leaves: prepareOrder() signs, send() posts once and reads the
 * answer. Nothing here retries: an order whose answer never came may still have been executed.
 *
 * Docs: "Exchange endpoint" > Place an order (body {action, nonce, signature, vaultAddress?};
 * answers {"status":"ok","response":{"type":"order","data":{"statuses":[...]}}} where each status
 * is {"resting":{oid}}, {"filled":{totalSz, avgPx, oid}} or {"error": "<text>"}: an "ok" answer can
 * still carry a per-order error); "Nonces and API wallets" (nonces are per signer, the 100 highest
 * are kept, a nonce must be larger than the smallest kept and never reused: use the current ms).
 * Top-level errors are {"status":"err","response":"<text>"} (hyperliquid-rust-sdk
 * ExchangeResponseStatus::Err).
 *
 * Every order carries `expiresAfter` (docs "Exchange endpoint": an action with expiresAfter is
 * rejected once that time has passed; it is part of the signed hash): an order whose answer
 * never came is certain never to execute after that moment, so reconciling it has an end.
 */
import { isRecord } from '../wire/json.js';
import { outcomeText, postJson, type FetchLike } from './http.js';
import type { Signer } from './key-source.js';
import { orderAction, type L1Signature, type OrderAction, type OrderWire } from './signing.js';

/** Strictly increasing ms nonces for one signer: max(now, last + 1). */
export class NonceManager {
  private last = 0;

  constructor(private readonly now: () => number = Date.now) {}

  next(): number {
    this.last = Math.max(this.now(), this.last + 1);
    return this.last;
  }
}

const nonceBySigner = new Map<string, NonceManager>();

/** The process-wide nonce source of a signer address: two clients of one key never share a nonce. */
function nonceManagerFor(address: string): NonceManager {
  const key = address.toLowerCase();
  let manager = nonceBySigner.get(key);
  if (!manager) nonceBySigner.set(key, (manager = new NonceManager()));
  return manager;
}

export interface SignedOrder {
  readonly nonce: number;
  /** ms since epoch after which the exchange refuses this order. */
  readonly expiresAfter: number;
  readonly action: OrderAction;
  readonly signature: L1Signature;
}

/** What became of one order, as far as the answer tells. */
export type OrderOutcome =
  | { readonly kind: 'filled'; readonly totalSz: string; readonly avgPx: string; readonly oid: number }
  | { readonly kind: 'resting'; readonly oid: number }
  /**
   * Refused: a per-order error, a top-level "err" or an HTTP 4xx; `message` is the exchange's text.
   * `clockSkewMs`: how far this computer's clock is ahead of the exchange's (negative: behind),
   * from the answer's Date header, to within a second.
   */
  | { readonly kind: 'rejected'; readonly message: string; readonly clockSkewMs?: number }
  /** No usable answer (timeout, network, 5xx, unreadable body): the order may or may not exist. */
  | { readonly kind: 'unknown'; readonly reason: string };

export interface ExchangeClientOptions {
  readonly api: string;
  readonly signer: Signer;
  readonly isMainnet: boolean;
  /** Trading for a vault or sub-account (docs: its address in the request and the signed hash). */
  readonly vaultAddress?: string;
  readonly timeoutMs?: number;
  /** How long past `timeoutMs` the exchange may still take an order (clock skew, queues). */
  readonly expiryGraceMs?: number;
  readonly fetch?: FetchLike;
  readonly nonces?: NonceManager;
}

const DEFAULT_EXCHANGE_TIMEOUT_MS = 10_000;

const DEFAULT_EXPIRY_GRACE_MS = 5_000;

export class ExchangeClient {
  private readonly url: string;
  private readonly nonces: NonceManager;

  constructor(private readonly options: ExchangeClientOptions) {
    this.url = `${options.api.replace(/\/+$/, '')}/exchange`;
    this.nonces = options.nonces ?? nonceManagerFor(options.signer.address);
  }

  get signerAddress(): string {
    return this.options.signer.address;
  }

  prepareOrder(order: OrderWire): SignedOrder {
    const action = orderAction([order]);
    const nonce = this.nonces.next();
    const expiresAfter = nonce + (this.options.timeoutMs ?? DEFAULT_EXCHANGE_TIMEOUT_MS) + (this.options.expiryGraceMs ?? DEFAULT_EXPIRY_GRACE_MS);
    const signature = this.options.signer.signL1(action, nonce, this.options.isMainnet, this.options.vaultAddress?.toLowerCase() ?? null, expiresAfter);
    return { nonce, expiresAfter, action, signature };
  }

  /**
   * Posts once. Never throws: the order may have reached the exchange, so a failure to read its
   * answer is an unknown outcome, settled by looking the order up by cloid.
   */
  async send(signed: SignedOrder): Promise<OrderOutcome> {
    try {
      return await this.post(signed);
    } catch (error) {
      return { kind: 'unknown', reason: `answer could not be read (${error instanceof Error ? error.message : 'error'})` };
    }
  }

  private async post(signed: SignedOrder): Promise<OrderOutcome> {
    const body = {
      action: signed.action,
      nonce: signed.nonce,
      signature: signed.signature,
      expiresAfter: signed.expiresAfter,
      ...(this.options.vaultAddress ? { vaultAddress: this.options.vaultAddress.toLowerCase() } : {}),
    };
    const outcome = await postJson(this.url, body, { timeoutMs: this.options.timeoutMs ?? DEFAULT_EXCHANGE_TIMEOUT_MS, fetch: this.options.fetch });
    if (outcome.kind !== 'answer') return { kind: 'unknown', reason: outcome.error };
    if (outcome.status >= 500) return { kind: 'unknown', reason: outcomeText(outcome) };
    const skew = outcome.serverTime === undefined ? {} : { clockSkewMs: Date.now() - outcome.serverTime };
    if (outcome.status >= 400) return { kind: 'rejected', message: outcome.text.trim() || outcomeText(outcome), ...skew };
    const answer = readOrderAnswer(outcome.json);
    if (!answer) return { kind: 'unknown', reason: `unreadable answer: ${outcomeText(outcome)}` };
    return answer.kind === 'rejected' ? { ...answer, ...skew } : answer;
  }
}

/**
 * The outcome of the first (only) order in an /exchange answer; undefined unless the answer is a
 * clear success or a clear refusal in the documented shapes: anything else (a refusal without
 * its text, an unknown shape) may hide an order that executed, so the caller looks it up.
 */
export function readOrderAnswer(json: unknown): OrderOutcome | undefined {
  if (!isRecord(json)) return undefined;
  if (json['status'] === 'err') {
    const response = json['response'];
    return typeof response === 'string' ? { kind: 'rejected', message: response } : undefined;
  }
  const response = json['response'];
  const data = isRecord(response) ? response['data'] : undefined;
  const statuses = isRecord(data) ? data['statuses'] : undefined;
  if (json['status'] !== 'ok' || !Array.isArray(statuses)) return undefined;
  const first: unknown = statuses[0];
  if (!isRecord(first)) return undefined;
  if (typeof first['error'] === 'string') return { kind: 'rejected', message: first['error'] };
  const filled = first['filled'];
  if (isRecord(filled) && typeof filled['oid'] === 'number' && typeof filled['totalSz'] === 'string' && typeof filled['avgPx'] === 'string') {
    return { kind: 'filled', totalSz: filled['totalSz'], avgPx: filled['avgPx'], oid: filled['oid'] };
  }
  const resting = first['resting'];
  if (isRecord(resting) && typeof resting['oid'] === 'number') return { kind: 'resting', oid: resting['oid'] };
  return undefined;
}
