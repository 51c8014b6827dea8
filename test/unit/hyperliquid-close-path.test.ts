/**
 * The close path's pure parts and the answers the simulator cannot produce (a partial IOC fill, a
 * top-level "err", an HTTP 5xx, an unreadable body), with a stub fetch standing in for the exchange.
 * Shapes from the docs: "Exchange endpoint" (statuses resting / filled / error), "Info endpoint".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planClose, subtractDecimal } from '../../src/hyperliquid/close-plan.js';
import { ExchangeClient, NonceManager, readOrderAnswer } from '../../src/hyperliquid/exchange-client.js';
import type { FetchLike } from '../../src/hyperliquid/http.js';
import { InfoClient } from '../../src/hyperliquid/info-client.js';
import { Signer } from '../../src/hyperliquid/key-source.js';
import { hyperliquidEndpoints } from '../../src/hyperliquid/network.js';
import { PositionCloser } from '../../src/hyperliquid/position-closer.js';
import { readClearinghouseState, type WirePosition } from '../../src/hyperliquid/wire.js';

const KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const signer = new Signer(KEY, 'env');

describe('hyperliquidEndpoints: --testnet switches both hosts and the signing source', () => {
  it('mainnet and testnet', () => {
    expect(hyperliquidEndpoints('mainnet')).toEqual({ network: 'mainnet', api: 'https://api.hyperliquid.xyz', ws: 'wss://api.hyperliquid.xyz/ws', isMainnet: true });
    expect(hyperliquidEndpoints('testnet')).toEqual({ network: 'testnet', api: 'https://api.hyperliquid-testnet.xyz', ws: 'wss://api.hyperliquid-testnet.xyz/ws', isMainnet: false });
  });

  it('an override moves the hosts, never the signing source', () => {
    expect(hyperliquidEndpoints('mainnet', { api: 'http://127.0.0.1:9/', ws: 'ws://127.0.0.1:9/ws' })).toEqual({ network: 'mainnet', api: 'http://127.0.0.1:9', ws: 'ws://127.0.0.1:9/ws', isMainnet: true });
  });
});

describe('readOrderAnswer (docs "Exchange endpoint", Place an order)', () => {
  it('filled, resting and per-order error inside an ok answer', () => {
    const ok = (status: unknown) => ({ status: 'ok', response: { type: 'order', data: { statuses: [status] } } });
    expect(readOrderAnswer(ok({ filled: { totalSz: '0.02', avgPx: '1891.4', oid: 77747314 } }))).toEqual({ kind: 'filled', totalSz: '0.02', avgPx: '1891.4', oid: 77747314 });
    expect(readOrderAnswer(ok({ resting: { oid: 77738308 } }))).toEqual({ kind: 'resting', oid: 77738308 });
    expect(readOrderAnswer(ok({ error: 'Order must have minimum value of $10.' }))).toEqual({ kind: 'rejected', message: 'Order must have minimum value of $10.' });
  });

  it('a top-level err carries the exchange text; unknown shapes are undefined', () => {
    expect(readOrderAnswer({ status: 'err', response: 'User or API Wallet 0xabc does not exist.' })).toEqual({ kind: 'rejected', message: 'User or API Wallet 0xabc does not exist.' });
    expect(readOrderAnswer({ status: 'ok', response: { type: 'order', data: { statuses: ['waitingForFill'] } } })).toBeUndefined();
    expect(readOrderAnswer('nope')).toBeUndefined();
  });

  it('an err without the exchange text is no clear refusal: undefined, so the order is looked up', () => {
    expect(readOrderAnswer({ status: 'err', response: [[['deep']]] })).toBeUndefined();
    expect(readOrderAnswer({ status: 'err', response: { code: 1 } })).toBeUndefined();
    expect(readOrderAnswer({ status: 'ok', response: { type: 'order', data: { statuses: [{ error: { nested: true } }] } } })).toBeUndefined();
  });
});

describe('nonces (docs "Nonces and API wallets")', () => {
  it('strictly increasing even within one millisecond', () => {
    const nonces = new NonceManager(() => 1_700_000_000_000);
    expect([nonces.next(), nonces.next(), nonces.next()]).toEqual([1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_002]);
  });

  it('two clients of one key share the nonce sequence, even within one millisecond', () => {
    // The clock stands still: only a sequence shared per signer keeps the two nonces apart.
    const clock = vi.spyOn(Date, 'now').mockReturnValue(Date.now());
    try {
      const a = new ExchangeClient({ api: 'http://unused', signer, isMainnet: false });
      const b = new ExchangeClient({ api: 'http://unused', signer, isMainnet: false });
      const order = { a: 0, b: true, p: '100', s: '1', r: true, t: { limit: { tif: 'Ioc' as const } } };
      const first = a.prepareOrder(order).nonce;
      expect(b.prepareOrder(order).nonce).toBe(first + 1);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('planClose', () => {
  const position = (szi: string): WirePosition => ({
    coin: 'ETH', szi, entryPx: '3400.0', positionValue: '0', unrealizedPnl: '0', returnOnEquity: '0', liquidationPx: null, marginUsed: '0', leverage: { type: 'cross', value: 10 },
  });
  const eth = { name: 'ETH', asset: 1, szDecimals: 4 };

  it('a long sells, size cut DOWN to the lot, price rounded so the bound still holds', () => {
    const plan = planClose(position('1.23456789'), eth, '3480.05', 0.01);
    expect(plan).toEqual({ ok: true, value: expect.objectContaining({ isBuy: false, side: 'long', size: '1.2345', price: '3445.3' }) });
    // 3480.05 * 0.99 = 3445.2495: a sell rounds UP so it never accepts less than the bound
  });

  it('a short buys, price rounded down', () => {
    const plan = planClose(position('-2'), eth, '3480.05', 0.01);
    expect(plan).toEqual({ ok: true, value: expect.objectContaining({ isBuy: true, side: 'short', size: '2', price: '3514.8' }) });
  });

  it('dust smaller than one lot is not sent', () => {
    expect(planClose(position('0.00001'), eth, '3480', 0.01)).toMatchObject({ ok: false });
  });

  it('subtractDecimal is exact', () => {
    expect(subtractDecimal('0.3', '0.1')).toBe('0.2');
    expect(subtractDecimal('1', '0.6')).toBe('0.4');
    expect(subtractDecimal('0.5', '0.5')).toBe('0');
    expect(subtractDecimal('0.1', '0.35')).toBe('-0.25');
  });
});

describe('readClearinghouseState', () => {
  // The docs' example answer ("Retrieve user's perpetuals account summary").
  const DOC_EXAMPLE = {
    assetPositions: [
      {
        position: {
          coin: 'ETH', cumFunding: { allTime: '514.085417', sinceChange: '0.0', sinceOpen: '0.0' }, entryPx: '2986.3',
          leverage: { rawUsd: '-95.059824', type: 'isolated', value: 20 }, liquidationPx: '2866.26936529', marginUsed: '4.967826', maxLeverage: 50,
          positionValue: '100.02765', returnOnEquity: '-0.0026789', szi: '0.0335', unrealizedPnl: '-0.0134',
        },
        type: 'oneWay',
      },
    ],
    crossMaintenanceMarginUsed: '0.0',
    crossMarginSummary: { accountValue: '13104.514502', totalMarginUsed: '0.0', totalNtlPos: '0.0', totalRawUsd: '13104.514502' },
    marginSummary: { accountValue: '13109.482328', totalMarginUsed: '4.967826', totalNtlPos: '100.02765', totalRawUsd: '13009.454678' },
    time: 1708622398623,
    withdrawable: '13104.514502',
  };

  it("reads the docs' example, and the WebSocket's {dex, user, clearinghouseState} wrapper", () => {
    const read = readClearinghouseState(DOC_EXAMPLE);
    expect(read).toMatchObject({ ok: true, value: { withdrawable: '13104.514502', time: 1708622398623, positions: [{ coin: 'ETH', szi: '0.0335', leverage: { type: 'isolated', value: 20 } }] } });
    expect(readClearinghouseState({ dex: '', user: '0xabc', clearinghouseState: DOC_EXAMPLE })).toEqual(read);
  });

  it('names the field that does not fit', () => {
    const broken = { ...DOC_EXAMPLE, withdrawable: 'lots' };
    expect(readClearinghouseState(broken)).toEqual({ ok: false, error: 'withdrawable is not a decimal' });
  });
});

describe('PositionCloser on answers the simulator does not give', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'depthmux-close-unit-'));
  });
  afterEach(() => {
    rmSync(stateDir, { recursive: true, force: true });
  });

  /** A stub exchange: info answers from `positions` (szi per read), /exchange answers `exchange`. */
  function stub(szis: string[], exchange: () => Response | Promise<Response>): FetchLike {
    return async (url, init) => {
      if (url.endsWith('/exchange')) return exchange();
      const body = JSON.parse(String(init.body)) as { type: string };
      switch (body.type) {
        case 'meta':
          return Response.json({ universe: [{ name: 'BTC', szDecimals: 5, maxLeverage: 40 }] });
        case 'allMids':
          return Response.json({ BTC: '67250.5' });
        case 'clearinghouseState': {
          const szi = szis.length > 1 ? szis.shift() : szis[0];
          const positions = szi === '0' ? [] : [{ type: 'oneWay', position: { coin: 'BTC', szi, entryPx: '67000.0', positionValue: '1', unrealizedPnl: '0', returnOnEquity: '0', liquidationPx: null, marginUsed: '1', leverage: { type: 'cross', value: 20 } } }];
          return Response.json({ assetPositions: positions, marginSummary: { accountValue: '1', totalNtlPos: '1', totalRawUsd: '1', totalMarginUsed: '1' }, withdrawable: '1', time: 1 });
        }
        case 'orderStatus':
          return Response.json({ status: 'unknownOid' });
        default:
          return new Response('unexpected', { status: 422 });
      }
    };
  }

  function closer(fetch: FetchLike): PositionCloser {
    const info = new InfoClient({ api: 'http://stub', fetch });
    const exchange = new ExchangeClient({ api: 'http://stub', signer, isMainnet: true, fetch, timeoutMs: 100, expiryGraceMs: 50 });
    return new PositionCloser({ account: signer.address, network: 'mainnet', info, exchange, stateDir, reconcile: { timeoutMs: 100, intervalMs: 20 } });
  }

  it('a partial fill says what remains', async () => {
    const fetch = stub(['1', '0.4'], () => Response.json({ status: 'ok', response: { type: 'order', data: { statuses: [{ filled: { totalSz: '0.6', avgPx: '67100.0', oid: 9 } }] } } }));
    const result = await closer(fetch).close('BTC');
    expect(result).toMatchObject({ kind: 'closed', filledSz: '0.6', remaining: '0.4', message: 'BTC long closed: 0.6 of 1 at avg 67100.0 — 0.4 BTC still open' });
  });

  it('an HTTP 5xx is no answer: reconciled, never resent', async () => {
    let sent = 0;
    const fetch = stub(['1'], () => {
      sent++;
      return new Response('upstream timeout', { status: 502 });
    });
    const result = await closer(fetch).close('BTC');
    expect(result).toMatchObject({ kind: 'unknown-reconciled', orderStatus: undefined, remaining: '1' });
    // Looked up until the order's expiresAfter had passed, so the answer is final.
    expect(result.message).toMatch(/^BTC: no answer \(HTTP 502: upstream timeout\); order 0x[0-9a-f]{32} never reached the exchange and has expired: it will not execute; 1 BTC still open$/);
    expect(sent).toBe(1);
  });

  it('a network failure is no answer either', async () => {
    const fetch = stub(['1'], () => Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNRESET') })));
    const result = await closer(fetch).close('BTC');
    expect(result.kind).toBe('unknown-reconciled');
    expect(result.message).toContain('no answer (fetch failed: ECONNRESET)');
  });

  it('a position read that fails sends nothing', async () => {
    let sent = 0;
    const fetch: FetchLike = async (url) => {
      if (url.endsWith('/exchange')) sent++;
      return new Response('busy', { status: 500 });
    };
    const result = await closer(fetch).close('BTC');
    expect(result).toEqual({ kind: 'not-sent', coin: 'BTC', message: 'BTC: could not read the position (info clearinghouseState: HTTP 500: busy); nothing sent' });
    expect(sent).toBe(0);
  });
});
