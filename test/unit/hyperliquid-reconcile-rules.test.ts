/**
 * reconcile()'s verdicts on an order that got no usable answer: it looks until past the order's
 * expiry before calling it "never reached the exchange", it reads the position of the coin it
 * closed (not the account's first), it says so when the position cannot be re-read, and a short
 * look-up reads in milliseconds. The clock is vitest's fake one: the look-up's own pace is real
 * code, only the waiting is skipped.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InfoClient, InfoResult } from '../../src/hyperliquid/info-client.js';
import { reconcile } from '../../src/hyperliquid/reconcile.js';
import type { ClearinghouseState, OrderStatusAnswer, WireOrderStatus, WirePosition } from '../../src/hyperliquid/wire.js';

type Info = Pick<InfoClient, 'orderStatus' | 'clearinghouseState'>;

const position = (coin: string, szi: string): WirePosition => ({ coin, szi, entryPx: '1', positionValue: '1', unrealizedPnl: '0', returnOnEquity: '0', liquidationPx: null } as unknown as WirePosition);
const state = (...positions: WirePosition[]): InfoResult<ClearinghouseState> => ({ ok: true, value: { positions, marginSummary: {} as ClearinghouseState['marginSummary'], withdrawable: '0', time: undefined } });
const order = (patch: Partial<WireOrderStatus>): WireOrderStatus => ({ coin: 'BTC', side: 'A', limitPx: '60000', sz: '0', origSz: '1', oid: 1, cloid: '0x01', status: 'filled', statusTimestamp: 0, ...patch });

function info(answers: { order?: () => OrderStatusAnswer; state?: () => InfoResult<ClearinghouseState> }, lookups: number[] = []): Info {
  return {
    orderStatus: async () => {
      lookups.push(Date.now());
      return { ok: true, value: answers.order?.() ?? { found: false } };
    },
    clearinghouseState: async () => answers.state?.() ?? state(),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

async function run<T>(promise: Promise<T>): Promise<T> {
  await vi.advanceTimersByTimeAsync(60_000);
  return promise;
}

describe('reconcile', () => {
  it('looks the order up until past its expiry before calling it never reached', async () => {
    const start = Date.now();
    const lookups: number[] = [];
    const expiresAfter = start + 3_000;
    const result = await run(reconcile({ info: info({}, lookups), account: '0xabc', coin: 'BTC', cloid: '0x01', why: 'no answer', expiresAfter, timing: { timeoutMs: 0, intervalMs: 500 } }));
    expect(lookups.at(-1)!).toBeGreaterThan(expiresAfter);
    expect(result.message).toContain('never reached the exchange and has expired');
  });

  it('before the expiry, or without one, an order not found is only "not found", after the time looked', async () => {
    const result = await run(reconcile({ info: info({}), account: '0xabc', coin: 'BTC', cloid: '0x01', why: 'no answer', timing: { timeoutMs: 500, intervalMs: 100 } }));
    expect(result.message).toContain('the exchange has no order 0x01 after 500 ms');
    const early = await run(reconcile({ info: info({}), account: '0xabc', coin: 'BTC', cloid: '0x01', why: 'no answer', expiresAfter: Date.now() + 2_000, now: () => 0, timing: { timeoutMs: 0, intervalMs: 100 } }));
    expect(early.message).not.toContain('expired');
  });

  it('reads what remains of the coin it closed, not of the account\'s first position', async () => {
    const result = await run(reconcile({ info: info({ order: () => ({ found: true, order: order({}) }), state: () => state(position('ETH', '5'), position('BTC', '-0.25')) }), account: '0xabc', coin: 'BTC', cloid: '0x01', why: 'no answer' }));
    expect(result).toMatchObject({ remaining: '0.25', filledSz: '1' });
    expect(result.message).toContain('0.25 BTC still open');
  });

  it('says so when the position cannot be re-read', async () => {
    const result = await run(reconcile({ info: info({ order: () => ({ found: true, order: order({}) }), state: () => ({ ok: false, kind: 'network', error: 'down' }) }), account: '0xabc', coin: 'BTC', cloid: '0x01', why: 'no answer' }));
    expect(result).toMatchObject({ remaining: undefined });
    expect(result.message).toContain('position could not be re-read');
  });

  it('a remainder larger than the original size is no negative fill', async () => {
    const result = await run(reconcile({ info: info({ order: () => ({ found: true, order: order({ sz: '2', origSz: '1', status: 'canceled' }) }) }), account: '0xabc', coin: 'BTC', cloid: '0x01', why: 'no answer' }));
    expect(result).toMatchObject({ filledSz: '0' });
  });
});
