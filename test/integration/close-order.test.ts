/**
 * What a close puts on the wire and in what order, read off the requests themselves: the order is
 * reduce-only and immediate-or-cancel (a close must never open a position or rest on the book),
 * the position is read only once the lock is held, and a look-up that still sees the order open
 * keeps looking instead of calling it final.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeClient } from '../../src/hyperliquid/exchange-client.js';
import type { FetchLike } from '../../src/hyperliquid/http.js';
import { InfoClient } from '../../src/hyperliquid/info-client.js';
import { Signer } from '../../src/hyperliquid/key-source.js';
import { PositionCloser } from '../../src/hyperliquid/position-closer.js';
import { reconcile } from '../../src/hyperliquid/reconcile.js';
import type { WireOrderStatus } from '../../src/hyperliquid/wire.js';
import { HyperliquidExchangeSim } from '../../src/sim/hyperliquid-exchange.js';
import { MarketModel } from '../../src/sim/market-model.js';

const signer = new Signer('0x0123456789012345678901234567890123456789012345678901234567890123', 'env');
const ACCOUNT = signer.address;

let sim: HyperliquidExchangeSim;
let stateDir: string;
let info: InfoClient;
/** Every request as [path, parsed body], in the order sent. */
const requests: Array<[string, Record<string, unknown>]> = [];
const recording: FetchLike = (url, init) => {
  requests.push([new URL(url).pathname, JSON.parse(String(init.body)) as Record<string, unknown>]);
  return fetch(url, init);
};

beforeEach(async () => {
  sim = await new HyperliquidExchangeSim({ model: new MarketModel(3) }).listen();
  sim.createAccount(ACCOUNT, { usdc: 100_000, positions: [{ coin: 'BTC', szi: 0.5, entryPx: 67_000, leverage: 20 }] });
  stateDir = mkdtempSync(join(tmpdir(), 'depthmux-order-'));
  info = new InfoClient({ api: sim.url, fetch: recording });
  requests.length = 0;
});

afterEach(async () => {
  info.close();
  await sim.close();
  rmSync(stateDir, { recursive: true, force: true });
});

function closer(): PositionCloser {
  const exchange = new ExchangeClient({ api: sim.url, signer, isMainnet: false, fetch: recording });
  return new PositionCloser({ account: ACCOUNT, network: 'testnet', info, exchange, stateDir });
}

describe('the close order on the wire', () => {
  it('is one reduce-only immediate-or-cancel order for the whole position', async () => {
    expect((await closer().close('BTC')).kind).toBe('closed');
    const orders = requests.filter(([path]) => path === '/exchange').map(([, body]) => body['action'] as { type: string; orders: Array<Record<string, unknown>> });
    expect(orders).toHaveLength(1);
    expect(orders[0]!.type).toBe('order');
    expect(orders[0]!.orders).toHaveLength(1);
    expect(orders[0]!.orders[0]).toMatchObject({ a: 0, b: false, s: '0.5', r: true, t: { limit: { tif: 'Ioc' } } });
  });

  it('reads the position only once it holds the close lock', async () => {
    // Another live depthmux holds the lock: nothing may be read or sent.
    mkdirSync(join(stateDir, 'locks'), { recursive: true, mode: 0o700 });
    writeFileSync(join(stateDir, 'locks', `close-testnet-${ACCOUNT}-BTC.lock`), `${JSON.stringify({ pid: process.pid, procStart: null, host: 'here', createdAt: Date.now(), token: 'other' })}\n`);
    expect((await closer().close('BTC')).kind).toBe('locked-by-other');
    expect(requests).toEqual([]);
  });
});

describe('reconcile', () => {
  it('keeps looking while the order is still open, and reports its final status', async () => {
    const cloid = `0x${'aa'.repeat(16)}`;
    const order = (status: string, sz: string): WireOrderStatus => ({ coin: 'BTC', side: 'A', limitPx: '60000', sz, origSz: '0.5', oid: 7, cloid, status, statusTimestamp: 1 });
    const statuses = [order('open', '0.5'), order('open', '0.2'), order('filled', '0')];
    let asked = 0;
    // The exchange's answers, in turn: the account is flat by the time anyone re-reads it.
    const exchange: Parameters<typeof reconcile>[0]['info'] = {
      orderStatus: async () => ({ ok: true, value: { found: true, order: statuses[Math.min(asked++, statuses.length - 1)]! } }),
      clearinghouseState: () => info.clearinghouseState('0x0000000000000000000000000000000000000002'),
    };
    const result = await reconcile({ info: exchange, account: ACCOUNT, coin: 'BTC', cloid, why: 'no answer', timing: { timeoutMs: 5_000, intervalMs: 5 } });
    expect(asked).toBe(3);
    expect(result).toMatchObject({ kind: 'unknown-reconciled', orderStatus: 'filled', filledSz: '0.5', remaining: '0' });
  });
});
