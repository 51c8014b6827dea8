/**
 * ccxt (https://github.com/ccxt/ccxt), the peer the ingest figures are compared with: its own
 * order-book handling of the same frames, called as its WebSocket handlers call it. ccxt is
 * installed beside the bench only (bench/peers, `npm run bench` installs it from its lockfile),
 * never a depthmux dependency; without it the peer rows are skipped with a note.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './fixtures.js';

/** What the bench calls of ccxt; the shapes are ccxt's (js/src/base/ws/OrderBook.js). */
export interface CcxtOrderBook {
  reset(snapshot: unknown): void;
}

export interface CcxtExchange {
  orderBook(snapshot?: unknown): CcxtOrderBook;
  parseOrderBook(raw: unknown, symbol: string, timestamp?: number, bidsKey?: string, asksKey?: string, priceKey?: number | string, amountKey?: number | string): unknown;
  /** ccxt/js/src/pro/binance.js: applies one depthUpdate payload's deltas to a book. */
  handleOrderBookMessage(client: unknown, message: unknown, orderbook: CcxtOrderBook): CcxtOrderBook;
}

export interface Ccxt {
  readonly version: string;
  readonly pro: Readonly<Record<string, new (config?: object) => CcxtExchange>>;
}

/** ccxt as installed in bench/peers, or why it is not there. */
export async function loadCcxt(): Promise<{ ccxt: Ccxt } | { missing: string }> {
  const peers = join(repoRoot(), 'bench', 'peers', 'package.json');
  try {
    const entry = createRequire(peers).resolve('ccxt');
    const ccxt = (await import(pathToFileURL(entry).href)) as { default?: Ccxt } & Ccxt;
    return { ccxt: ccxt.default ?? ccxt };
  } catch (error) {
    return { missing: `ccxt not installed in bench/peers (npm ci --prefix bench/peers): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}
