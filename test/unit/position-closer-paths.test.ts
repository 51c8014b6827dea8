/**
 * PositionCloser on every way a close can end before, during and after the order, against a stub
 * exchange (the answers are the documented shapes: docs "Info endpoint", "Exchange endpoint"):
 * an account with several positions, a coin the exchange does not list, prices or metadata that
 * cannot be read, a lock that cannot be taken or is being written, a confirmed bound looser or
 * tighter than now's, an order that rests, a refusal with the exchange's clock in its Date header,
 * and what the journal keeps of each outcome.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../src/hyperliquid/close-journal.js';
import { ExchangeClient } from '../../src/hyperliquid/exchange-client.js';
import type { FetchLike } from '../../src/hyperliquid/http.js';
import { InfoClient } from '../../src/hyperliquid/info-client.js';
import { Signer } from '../../src/hyperliquid/key-source.js';
import { PositionCloser, type PositionCloserOptions } from '../../src/hyperliquid/position-closer.js';

const signer = new Signer('0x0123456789012345678901234567890123456789012345678901234567890123', 'env');
const ACCOUNT = signer.address;

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'depthmux-closer-paths-'));
});
afterEach(() => {
  rmSync(stateDir, { recursive: true, force: true });
});

interface Exchange {
  /** szi per coin, per clearinghouseState read (the last one repeats); a number is an HTTP status. */
  positions: Array<Record<string, string> | number>;
  universe: string[] | number;
  mids: Record<string, string> | number;
  /** The /exchange answer. */
  order: () => Response;
  /** The orderStatus answer for the cloid asked. */
  orderStatus: (cloid: string) => unknown;
}

/** A stub exchange and what was asked of it. */
function stubExchange(setup: Partial<Exchange> = {}): { fetch: FetchLike; asked: Record<string, number>; orders: Array<Record<string, unknown>> } {
  const ex: Exchange = {
    positions: [{ BTC: '0.5' }],
    universe: ['BTC', 'ETH'],
    mids: { BTC: '67250.5', ETH: '3480.05' },
    order: () => filled('0.5', '67100.0'),
    orderStatus: () => ({ status: 'unknownOid' }),
    ...setup,
  };
  const asked: Record<string, number> = {};
  const orders: Array<Record<string, unknown>> = [];
  const answer = (value: unknown): Response => (typeof value === 'number' ? new Response('busy', { status: value }) : Response.json(value));
  const fetch: FetchLike = async (url, init) => {
    const body = JSON.parse(String(init.body)) as { type?: string; oid?: string; action?: { orders: Array<Record<string, unknown>> } };
    const type = url.endsWith('/exchange') ? 'exchange' : String(body.type);
    asked[type] = (asked[type] ?? 0) + 1;
    switch (type) {
      case 'exchange':
        orders.push(...(body.action?.orders ?? []));
        return ex.order();
      case 'meta':
        return answer(typeof ex.universe === 'number' ? ex.universe : { universe: ex.universe.map((name) => ({ name, szDecimals: name === 'BTC' ? 5 : 4, maxLeverage: 20 })) });
      case 'allMids':
        return answer(ex.mids);
      case 'clearinghouseState': {
        const szis = ex.positions.length > 1 ? ex.positions.shift()! : ex.positions[0]!;
        return answer(typeof szis === 'number' ? szis : clearinghouse(szis));
      }
      case 'orderStatus':
        return answer(ex.orderStatus(String(body.oid)));
      default:
        return new Response('unexpected', { status: 422 });
    }
  };
  return { fetch, asked, orders };
}

function clearinghouse(szis: Record<string, string>): unknown {
  const assetPositions = Object.entries(szis).map(([coin, szi]) => ({
    type: 'oneWay',
    position: { coin, szi, entryPx: '100.0', positionValue: '1', unrealizedPnl: '0', returnOnEquity: '0', liquidationPx: null, marginUsed: '1', leverage: { type: 'cross', value: 20 } },
  }));
  return { assetPositions, marginSummary: { accountValue: '1', totalNtlPos: '1', totalRawUsd: '1', totalMarginUsed: '1' }, withdrawable: '1', time: 1 };
}

function filled(totalSz: string, avgPx: string): Response {
  return Response.json({ status: 'ok', response: { type: 'order', data: { statuses: [{ filled: { totalSz, avgPx, oid: 9 } }] } } });
}

function closerFor(fetch: FetchLike, extra: Partial<PositionCloserOptions> = {}): PositionCloser {
  const info = new InfoClient({ api: 'http://stub', fetch });
  const exchange = new ExchangeClient({ api: 'http://stub', signer, isMainnet: false, fetch, timeoutMs: 100, expiryGraceMs: 50 });
  return new PositionCloser({ account: ACCOUNT, network: 'testnet', info, exchange, stateDir, reconcile: { timeoutMs: 100, intervalMs: 10 }, ...extra });
}

function journal(): Array<Record<string, unknown>> {
  return readFileSync(join(stateDir, JOURNAL_FILE), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('which position, which asset', () => {
  it('with several positions open, closes the one asked for, and reports what is left of that one', async () => {
    const stub = stubExchange({ positions: [{ ETH: '3', BTC: '1' }, { ETH: '3', BTC: '0.4' }], order: () => filled('0.6', '67100.0') });
    const result = await closerFor(stub.fetch).close('BTC');
    expect(stub.orders).toMatchObject([{ a: 0, b: false, s: '1' }]);
    expect(result).toMatchObject({ kind: 'closed', filledSz: '0.6', remaining: '0.4', message: 'BTC long closed: 0.6 of 1 at avg 67100.0 — 0.4 BTC still open' });
  });

  it('an entry of size zero for the coin is no position: already closed, nothing sent', async () => {
    const stub = stubExchange({ positions: [{ ETH: '3', BTC: '0.0' }] });
    expect(await closerFor(stub.fetch).close('BTC')).toMatchObject({ kind: 'already-closed' });
    expect(stub.asked['exchange']).toBeUndefined();
  });

  it("each coin's order carries its own asset id; the asset list is read once and again only for a coin it lacks", async () => {
    const stub = stubExchange({ positions: [{ BTC: '0.5', ETH: '-2' }, { ETH: '-2' }, { ETH: '-2' }, {}], order: () => filled('0.5', '1.0') });
    const closer = closerFor(stub.fetch);
    await closer.close('BTC');
    await closer.close('ETH');
    expect(stub.orders).toMatchObject([{ a: 0, b: false }, { a: 1, b: true, s: '2' }]);
    expect(stub.asked['meta']).toBe(1);
    expect(await closer.close('DOGE')).toEqual({ kind: 'already-closed', coin: 'DOGE', message: 'DOGE: already closed (no open position)' });
    expect(stub.asked['meta']).toBe(2);
  });

  it('a freshly listed second coin, on a closer that has not read the list yet, gets its id too', async () => {
    const stub = stubExchange({ positions: [{ ETH: '2' }] });
    await closerFor(stub.fetch).close('ETH');
    expect(stub.orders).toMatchObject([{ a: 1, s: '2' }]);
  });
});

describe('nothing is sent when the close cannot be planned', () => {
  const cases: Array<[string, Partial<Exchange>, string]> = [
    ['a coin the exchange does not list as a perp', { positions: [{ XYZ: '1' }] }, 'XYZ: not a Hyperliquid perp; nothing sent'],
    ['an asset list that cannot be read', { positions: [{ XYZ: '1' }], universe: 500 }, 'XYZ: could not read the asset list (info meta: HTTP 500: busy); nothing sent'],
    ['mid prices that cannot be read', { positions: [{ XYZ: '1' }], universe: ['XYZ'], mids: 502 }, 'XYZ: could not read the mid price (info allMids: HTTP 502: busy); nothing sent'],
    ['no mid price for the coin', { positions: [{ XYZ: '1' }], universe: ['XYZ'], mids: { BTC: '1' } }, 'XYZ: no mid price; nothing sent'],
  ];

  it.each(cases)('%s', async (_what, setup, message) => {
    const stub = stubExchange(setup);
    const closer = closerFor(stub.fetch);
    expect(await closer.close('XYZ')).toEqual({ kind: 'not-sent', coin: 'XYZ', message });
    expect(await closerFor(stub.fetch).preview('XYZ')).toEqual({ ok: false, result: { kind: 'not-sent', coin: 'XYZ', message } });
    expect(stub.asked['exchange']).toBeUndefined();
  });

  it('preview of a flat position says already closed', async () => {
    const stub = stubExchange({ positions: [{}] });
    expect(await closerFor(stub.fetch).preview('BTC')).toEqual({ ok: false, result: { kind: 'already-closed', coin: 'BTC', message: 'BTC: already closed (no open position)' } });
  });

  it('without a key: cannot close, and preview says so before reading anything', async () => {
    const stub = stubExchange();
    const closer = new PositionCloser({ account: ACCOUNT, network: 'testnet', info: new InfoClient({ api: 'http://stub', fetch: stub.fetch }), exchange: undefined, stateDir });
    expect(closer.canClose).toBe(false);
    expect(closerFor(stub.fetch).canClose).toBe(true);
    expect(await closer.preview('BTC')).toEqual({ ok: false, result: { kind: 'no-key', coin: 'BTC', message: 'close disabled: set HYPERLIQUID_PRIVATE_KEY or pass --hl-key-file PATH' } });
    expect(stub.asked).toEqual({});
  });
});

describe('the close lock', () => {
  it('a lock that cannot be taken (a file where the lock dir should be): not sent, with the reason', async () => {
    writeFileSync(join(stateDir, 'locks'), '');
    const stub = stubExchange();
    const result = await closerFor(stub.fetch).close('BTC');
    expect(result.kind).toBe('not-sent');
    expect(result.message).toMatch(/^BTC: could not take the close lock \(E[A-Z]+: .*\); nothing sent$/);
    expect(stub.asked).toEqual({});
  });

  it('a lock another depthmux is still writing (no owner yet): locked, without a pid', async () => {
    mkdirSync(join(stateDir, 'locks'), { recursive: true });
    writeFileSync(join(stateDir, 'locks', `close-testnet-${ACCOUNT}-BTC.lock`), '');
    const stub = stubExchange();
    expect(await closerFor(stub.fetch).close('BTC')).toEqual({ kind: 'locked-by-other', coin: 'BTC', pid: undefined, message: 'BTC is being closed by another depthmux' });
    expect(stub.asked).toEqual({});
  });

  it('isClosing is true only while the close runs', async () => {
    const stub = stubExchange();
    const closer = closerFor(stub.fetch);
    const closing = closer.close('BTC');
    expect(closer.isClosing('BTC')).toBe(true);
    expect(closer.isClosing('ETH')).toBe(false);
    await closing;
    expect(closer.isClosing('BTC')).toBe(false);
  });
});

describe('the bound the user confirmed', () => {
  it('a short: a lower ceiling than now is sent; a higher one is not', async () => {
    const tighter = stubExchange({ positions: [{ BTC: '-0.5' }] });
    await closerFor(tighter.fetch).close('BTC', { side: 'short', slippageBound: '67500' });
    const looser = stubExchange({ positions: [{ BTC: '-0.5' }] });
    await closerFor(looser.fetch).close('BTC', { side: 'short', slippageBound: '70000' });
    // Now's ceiling: 67250.5 * 1.01 = 67923.005, five significant figures rounded down.
    expect([tighter.orders[0]?.['p'], looser.orders[0]?.['p']]).toEqual(['67500', '67923']);
  });

  it('a long: a floor below now is not sent', async () => {
    const looser = stubExchange();
    await closerFor(looser.fetch).close('BTC', { side: 'long', slippageBound: '60000' });
    // Now's floor: 67250.5 * 0.99 = 66577.995, rounded up.
    expect(looser.orders[0]?.['p']).toBe('66578');
  });
});

describe('what the order came to', () => {
  it('progress says what is sent, at which limit, for a sell and a buy', async () => {
    const lines: string[] = [];
    const onProgress = (_coin: string, line: string): void => void lines.push(line);
    await closerFor(stubExchange().fetch, { onProgress }).close('BTC');
    await closerFor(stubExchange({ positions: [{ BTC: '-0.5' }] }).fetch, { onProgress }).close('BTC');
    expect(lines).toEqual(['BTC: sending close sell 0.5 (limit 66578)…', 'BTC: sending close buy 0.5 (limit 67923)…']);
  });

  it('an order that rests (an IOC never should) is looked up by cloid, never sent again', async () => {
    const lines: string[] = [];
    const stub = stubExchange({ order: () => Response.json({ status: 'ok', response: { type: 'order', data: { statuses: [{ resting: { oid: 77 } }] } } }) });
    const result = await closerFor(stub.fetch, { onProgress: (_coin, line) => void lines.push(line) }).close('BTC');
    expect(result).toMatchObject({ kind: 'unknown-reconciled', remaining: '0.5' });
    expect(result.message).toMatch(/^BTC: order 77 resting; /);
    expect(lines.at(-1)).toMatch(/^BTC: order 77 resting; checking order 0x[0-9a-f]{32}…$/);
    expect(stub.asked['exchange']).toBe(1);
    expect(stub.asked['orderStatus']).toBeGreaterThan(0);
  });

  it('a fill whose position cannot be re-read: what remains is worked out from the fill', async () => {
    const partial = stubExchange({ positions: [{ BTC: '1' }, 500], order: () => filled('0.6', '67100.0') });
    expect(await closerFor(partial.fetch).close('BTC')).toMatchObject({ kind: 'closed', remaining: '0.4', message: 'BTC long closed: 0.6 of 1 at avg 67100.0 — 0.4 BTC still open' });
    // An answer reporting more than was ordered must not make the remainder negative.
    const over = stubExchange({ positions: [{ BTC: '1' }, 500], order: () => filled('1.2', '67100.0') });
    expect(await closerFor(over.fetch).close('BTC')).toMatchObject({ kind: 'closed', remaining: '0', message: 'BTC long closed: 1.2 of 1 at avg 67100.0' });
  });

  it('"Action already expired" with details after it is still read as expired', async () => {
    const stub = stubExchange({ order: () => Response.json({ status: 'err', response: 'Action already expired: 1700000015000' }) });
    expect((await closerFor(stub.fetch).close('BTC')).message).toMatch(/^BTC close refused as already expired: /);
  });
});

describe('a close refused as expired says what to do about the clock', () => {
  /**
   * An expired refusal whose Date header puts the exchange's clock `ms` behind ours (negative:
   * ahead). Date headers have whole seconds, so the skew seen is `ms` to within a second.
   */
  async function refusedWithSkew(ms: number | undefined): Promise<string> {
    const answer = (): Response => {
      const headers: Record<string, string> = ms === undefined ? {} : { date: new Date(Date.now() - ms).toUTCString() };
      return Response.json({ status: 'err', response: 'Action already expired' }, { headers });
    };
    return (await closerFor(stubExchange({ order: answer }).fetch).close('BTC')).message;
  }
  const advice = (text: string): string => `BTC close refused as already expired: ${text}`;

  it('no Date header, or less than 2 s apart: the clock is probably off', async () => {
    expect(await refusedWithSkew(undefined)).toBe(advice("this computer's clock is probably off; set it right (turn on NTP) and try again"));
    expect(await refusedWithSkew(500)).toBe(advice("this computer's clock is probably off; set it right (turn on NTP) and try again"));
  });

  it('seconds ahead of or behind the exchange', async () => {
    expect(await refusedWithSkew(30_000)).toMatch(/^BTC close refused as already expired: this computer's clock is about (29|30|31) s ahead of the exchange's; set it right \(turn on NTP\) and try again$/);
    expect(await refusedWithSkew(-45_000)).toMatch(/^BTC close refused as already expired: this computer's clock is about (44|45|46) s behind the exchange's; set it right \(turn on NTP\) and try again$/);
  });

  it('from 2 minutes on, in minutes', async () => {
    expect(await refusedWithSkew(140_000)).toBe(advice("this computer's clock is about 2 min ahead of the exchange's; set it right (turn on NTP) and try again"));
    expect(await refusedWithSkew(-7_200_000)).toBe(advice("this computer's clock is about 120 min behind the exchange's; set it right (turn on NTP) and try again"));
  });
});

describe('the journal outcome', () => {
  it('keeps the fill of a close and the look-up of an unanswered one, and nothing of a refusal but the refusal', async () => {
    await closerFor(stubExchange({ positions: [{ BTC: '1' }, { BTC: '0.4' }], order: () => filled('0.6', '67100.0') }).fetch).close('BTC');
    await closerFor(stubExchange({ order: () => Response.json({ status: 'err', response: 'Insufficient margin' }) }).fetch).close('BTC');
    await closerFor(stubExchange({ order: () => new Response('down', { status: 503 }) }).fetch).close('BTC');
    const outcomes = journal()
      .filter((line) => line['event'] === 'outcome')
      .map(({ t: _t, pid: _pid, cloid: _cloid, message: _message, ...rest }) => rest);
    expect(outcomes).toEqual([
      { event: 'outcome', coin: 'BTC', result: 'closed', filledSz: '0.6', avgPx: '67100.0', remaining: '0.4' },
      { event: 'outcome', coin: 'BTC', result: 'rejected' },
      { event: 'outcome', coin: 'BTC', result: 'unknown-reconciled', remaining: '0.5' },
    ]);
  });

  it('an order found by its cloid: its status and fill are kept', async () => {
    const stub = stubExchange({
      positions: [{ BTC: '0.5' }, {}],
      order: () => new Response('down', { status: 503 }),
      orderStatus: (cloid) => ({ status: 'order', order: { order: { coin: 'BTC', side: 'A', limitPx: '66578', sz: '0.0', origSz: '0.5', oid: 7, cloid, timestamp: 1 }, status: 'filled', statusTimestamp: 2 } }),
    });
    await closerFor(stub.fetch).close('BTC');
    expect(journal().at(-1)).toMatchObject({ result: 'unknown-reconciled', orderStatus: 'filled', filledSz: '0.5', remaining: '0' });
  });
});

describe('closes interrupted before their answer, at start', () => {
  function intent(network: string, expiresAfter: number, account = ACCOUNT): string {
    return `${JSON.stringify({ t: 1, event: 'intent', pid: 1, cloid: `0x${'ab'.repeat(16)}`, network, account, signer: ACCOUNT, coin: 'BTC', side: 'sell', size: '0.5', price: '60000', nonce: expiresAfter - 15_000, expiresAfter })}\n`;
  }

  it("another network's close is left for the depthmux that runs on it", async () => {
    writeFileSync(join(stateDir, JOURNAL_FILE), intent('mainnet', Date.now() - 3_600_000));
    const stub = stubExchange();
    expect(await closerFor(stub.fetch).recoverInterrupted()).toEqual([]);
    expect(stub.asked).toEqual({});
  });

  it('one look-up settles a long-expired order, whatever the closing timing; the account matches in any letter case', async () => {
    writeFileSync(join(stateDir, JOURNAL_FILE), intent('testnet', Date.now() - 3_600_000, ACCOUNT.toUpperCase().replace('0X', '0x')));
    const stub = stubExchange();
    const results = await closerFor(stub.fetch, { reconcile: { timeoutMs: 60_000, intervalMs: 10 } }).recoverInterrupted();
    expect(results).toMatchObject([{ kind: 'unknown-reconciled', orderStatus: undefined, remaining: '0.5' }]);
    expect(stub.asked['orderStatus']).toBe(1);
  });
});
