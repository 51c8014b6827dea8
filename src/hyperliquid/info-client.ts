/**
 * Typed POST /info calls: clearinghouseState, meta, allMids, orderStatus. Every answer is checked
 * against its declared shape (wire.ts) before anyone sees it; every failure (timeout, network,
 * HTTP status, unexpected shape) is returned as a value with a one-line reason, never thrown.
 * Read-only: nothing here needs or sees a key.
 *
 * Docs: "Info endpoint", https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 * (all requests are POST https://api.hyperliquid.xyz/info with a JSON body {"type": ...}).
 */
import { outcomeText, postJson, type FetchLike } from './http.js';
import {
  readClearinghouseState,
  readMeta,
  readMids,
  readOrderStatus,
  type ClearinghouseState,
  type OrderStatusAnswer,
  type PerpAsset,
  type Read,
} from './wire.js';

export type InfoResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly kind: 'timeout' | 'network' | 'http' | 'invalid'; readonly error: string };

export interface InfoClientOptions {
  /** API base, e.g. https://api.hyperliquid.xyz (network.ts). */
  readonly api: string;
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
}

const DEFAULT_INFO_TIMEOUT_MS = 5_000;

export class InfoClient {
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly controller = new AbortController();

  constructor(private readonly options: InfoClientOptions) {
    this.url = `${options.api.replace(/\/+$/, '')}/info`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_INFO_TIMEOUT_MS;
  }

  /** "Retrieve user's perpetuals account summary". `user` is the account, never an agent. */
  clearinghouseState(user: string): Promise<InfoResult<ClearinghouseState>> {
    return this.call({ type: 'clearinghouseState', user }, readClearinghouseState);
  }

  /** "Retrieve perpetuals metadata": the universe, whose index is the asset id. */
  meta(): Promise<InfoResult<readonly PerpAsset[]>> {
    return this.call({ type: 'meta' }, readMeta);
  }

  /** "Retrieve mids for all coins" (the last trade price if a book is empty). */
  allMids(): Promise<InfoResult<ReadonlyMap<string, string>>> {
    return this.call({ type: 'allMids' }, readMids);
  }

  /** "Query order status by oid or cloid": oid is a u64 or the 16-byte hex cloid. */
  orderStatus(user: string, oidOrCloid: number | string): Promise<InfoResult<OrderStatusAnswer>> {
    return this.call({ type: 'orderStatus', user, oid: oidOrCloid }, readOrderStatus);
  }

  /** Aborts requests in flight; later calls fail at once. */
  close(): void {
    this.controller.abort();
  }

  private async call<T>(body: Record<string, unknown>, read: (json: unknown) => Read<T>): Promise<InfoResult<T>> {
    const type = String(body['type']);
    if (this.controller.signal.aborted) return { ok: false, kind: 'network', error: `info ${type}: client closed` };
    const outcome = await postJson(this.url, body, { timeoutMs: this.timeoutMs, fetch: this.options.fetch, signal: this.controller.signal });
    if (outcome.kind !== 'answer') return { ok: false, kind: outcome.kind, error: `info ${type}: ${outcome.error}` };
    if (outcome.status !== 200) return { ok: false, kind: 'http', error: `info ${type}: ${outcomeText(outcome)}` };
    const parsed = read(outcome.json);
    return parsed.ok ? parsed : { ok: false, kind: 'invalid', error: `info ${type}: ${parsed.error}` };
  }
}
