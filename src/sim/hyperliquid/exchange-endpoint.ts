/**
 * POST /exchange for the `order` action (docs "Exchange endpoint", "Place an order"): decode,
 * nonce window, recover the signer from the signature (source "a" on mainnet, "b" on testnet —
 * docs "Signing"), map an agent to its account, per-signer nonce set, then each order through the
 * matching engine. Synchronous: one request is applied whole before the next is read, as a block is.
 *
 * Replies: HTTP 422 text/plain "Failed to deserialize the JSON body into the target type: …" for a
 * body that does not decode; {"status":"err","response":"<text>"} when the action is refused;
 * {"status":"ok","response":{"type":"order","data":{"statuses":[…]}}} otherwise — per-order
 * errors live in statuses[i].error, never in the top-level status.
 */
import { recoverSignerAddress } from '../../hyperliquid/signing.js';
import type { Account, Fill, Ledger, OrderRecord } from './ledger.js';
import type { MatchingEngine, OrderStatusWire } from './matching-engine.js';
import { NonceBook, nonceWindowError } from './nonces.js';
import { parseExchangeRequest, parseJson } from './wire.js';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

/** What an accepted action changed for one account: the streams push these. */
export interface AccountChanges {
  readonly account: Account;
  readonly orders: readonly OrderRecord[];
  readonly fills: readonly Fill[];
}

export interface ExchangeResult {
  readonly answer: HttpAnswer;
  readonly changes?: AccountChanges;
}

const json = (value: unknown): HttpAnswer => ({ status: 200, body: JSON.stringify(value), contentType: 'application/json' });
const refused = (response: string): ExchangeResult => ({ answer: json({ status: 'err', response }) });

export class ExchangeEndpoint {
  private readonly nonces = new NonceBook();
  private readonly reached = new Map<string, number>();

  constructor(
    private readonly ledger: Ledger,
    private readonly engine: MatchingEngine,
    private readonly isMainnet: boolean,
  ) {}

  /** Orders that passed signature and nonce checks, per account or in all. */
  orderCount(account?: string): number {
    if (account !== undefined) return this.reached.get(account) ?? 0;
    return [...this.reached.values()].reduce((a, b) => a + b, 0);
  }

  handle(text: string, now: number): ExchangeResult {
    const request = parseExchangeRequest(parseJson(text));
    if (request.ok === false) {
      const body = `Failed to deserialize the JSON body into the target type: ${request.error}`;
      return { answer: { status: 422, body, contentType: 'text/plain; charset=utf-8' } };
    }
    // Not simulated: cancel, modify, transfers... depthmux sends only orders.
    if (request.ok === 'unsupported') return refused(`Action type ${request.type} is not simulated.`);
    const { action, nonce, signature, vaultAddress, expiresAfter } = request.value;
    // "Nonces and API wallets": the time window needs no signer, so it is checked first.
    const windowError = nonceWindowError(nonce, now);
    if (windowError) return refused(windowError);
    if (expiresAfter !== undefined && expiresAfter < now) return refused('Action already expired');
    const signer = recoverSignerAddress(action, vaultAddress, nonce, this.isMainnet, signature, expiresAfter);
    if (signer === null) return refused('Unable to recover signer.');
    // "Signing": a wrong signature recovers some other address, which is no user and no agent.
    const account = this.ledger.accountFor(signer);
    if (!account) return refused(`User or API Wallet ${signer} does not exist.`);
    const nonceError = this.nonces.check(signer, nonce);
    if (nonceError) return refused(nonceError);
    if (vaultAddress !== null) return refused('Vault and sub-account trading is not simulated.');
    this.nonces.use(signer, nonce);

    const statuses: OrderStatusWire[] = [];
    const orders: OrderRecord[] = [];
    const fills: Fill[] = [];
    for (const wire of action.orders) {
      const outcome = this.engine.place(account, wire, now);
      statuses.push(outcome.status);
      if (outcome.order) orders.push(outcome.order);
      if (outcome.fill) fills.push(outcome.fill);
    }
    this.reached.set(account.address, this.orderCount(account.address) + action.orders.length);
    return {
      answer: json({ status: 'ok', response: { type: 'order', data: { statuses } } }),
      changes: { account, orders, fills },
    };
  }
}
