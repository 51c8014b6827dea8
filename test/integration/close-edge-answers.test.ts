/**
 * The close path on answers and states the exchange (or whatever is between it and us) can put
 * us in beyond the documented ones: an answer nested too deep to print, a clock that is off, a
 * state directory others can read, a close a killed process never heard back about, and a user
 * stream frame built to crash a parser. Real HTTP against the simulated exchange, real files.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../src/hyperliquid/close-journal.js';
import { CloseLock } from '../../src/hyperliquid/close-lock.js';
import { ExchangeClient } from '../../src/hyperliquid/exchange-client.js';
import type { FetchLike } from '../../src/hyperliquid/http.js';
import { InfoClient } from '../../src/hyperliquid/info-client.js';
import { Signer } from '../../src/hyperliquid/key-source.js';
import { PositionCloser } from '../../src/hyperliquid/position-closer.js';
import { roundPrice } from '../../src/hyperliquid/rounding.js';
import { ensureDir } from '../../src/hyperliquid/state-dir.js';
import { UserStream, type UserStreamEvent } from '../../src/hyperliquid/user-stream.js';
import { HyperliquidExchangeSim } from '../../src/sim/hyperliquid-exchange.js';
import { MarketModel } from '../../src/sim/market-model.js';
import { guardProcess } from '../helpers/fault-kit.js';
import { waitFor } from '../helpers/wait-for.js';

guardProcess();

// A key of no value anywhere: the Python SDK's test key.
const KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const signer = new Signer(KEY, 'env');
const ACCOUNT = signer.address;

/** An error body no JSON.stringify can print: an array nested 10 000 deep. */
const DEEP = `{"status":"err","response":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;

let sim: HyperliquidExchangeSim;
let stateDir: string;
const cleanups: Array<() => void | Promise<void>> = [];

async function startSim(now?: () => number): Promise<void> {
  sim = await new HyperliquidExchangeSim({ model: new MarketModel(3), ...(now ? { now } : {}) }).listen();
  sim.createAccount(ACCOUNT, { usdc: 100_000, positions: [{ coin: 'BTC', szi: 0.5, entryPx: 67_000, leverage: 20 }] });
}

beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'depthmux-edge-'));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sim?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

function closer(fetch: FetchLike = globalThis.fetch): PositionCloser {
  const info = new InfoClient({ api: sim.url });
  cleanups.push(() => info.close());
  const exchange = new ExchangeClient({ api: sim.url, signer, isMainnet: false, fetch, timeoutMs: 500, expiryGraceMs: 200 });
  return new PositionCloser({ account: ACCOUNT, network: 'testnet', info, exchange, stateDir, reconcile: { timeoutMs: 2_000, intervalMs: 50 } });
}

/** The journal's records; a torn line a test planted is left out, as the closer leaves it. */
function journal(): Array<Record<string, unknown>> {
  return readFileSync(join(stateDir, JOURNAL_FILE), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{') && line.endsWith('}'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('an answer that is neither a clear success nor a clear refusal', () => {
  it('a close that filled but whose answer came back as a deeply nested error is looked up and reported filled', async () => {
    await startSim();
    // The order reaches the exchange and fills; what comes back is replaced on the way.
    const mangling: FetchLike = async (url, init) => {
      const real = await fetch(url, init);
      await real.text();
      return new Response(DEEP, { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const result = await closer(mangling).close('BTC');
    expect(result).toMatchObject({ kind: 'unknown-reconciled', orderStatus: 'filled', filledSz: '0.5', remaining: '0' });
    expect(result.message).toMatch(/^BTC: no answer \(unreadable answer: HTTP 200: .*\); order 0x[0-9a-f]{32} filled, filled 0\.5 of 0\.5; position is now flat$/);
    expect(sim.position(ACCOUNT, 'BTC')?.szi ?? 0).toBe(0);
    expect(journal().map((line) => line['event'])).toEqual(['intent', 'outcome']);
    expect(journal()[1]).toMatchObject({ result: 'unknown-reconciled', orderStatus: 'filled' });
  });

  it('send() never throws, whatever the transport does', async () => {
    await startSim();
    const throwing: FetchLike = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const exchange = new ExchangeClient({ api: sim.url, signer, isMainnet: false, fetch: throwing, timeoutMs: 500 });
    const signed = exchange.prepareOrder({ a: 0, b: false, p: roundPrice(60_000, 5, true), s: '0.5', r: true, t: { limit: { tif: 'Ioc' } } });
    await expect(exchange.send(signed)).resolves.toMatchObject({ kind: 'unknown' });
  });
});

describe('a clock that is off', () => {
  it('an order refused as expired says by how much this clock is behind the exchange', async () => {
    // The exchange's clock runs 90 s ahead: every order signed here has expired on arrival.
    await startSim(() => Date.now() + 90_000);
    const result = await closer().close('BTC');
    expect(result).toMatchObject({ kind: 'rejected', exchangeMessage: 'Action already expired' });
    expect(result.message).toMatch(/^BTC close refused as already expired: this computer's clock is about (89|90|91) s behind the exchange's; set it right \(turn on NTP\) and try again$/);
    expect(sim.position(ACCOUNT, 'BTC')?.szi).toBe(0.5);
  });
});

describe('state directory and journal permissions', () => {
  it('an existing directory open to others is made owner-only', async () => {
    const dir = join(stateDir, 'open');
    mkdirSync(dir, { mode: 0o777 });
    chmodSync(dir, 0o777);
    await ensureDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('a new state directory, lock and journal are owner-only', async () => {
    await startSim();
    const dir = join(stateDir, 'fresh');
    const info = new InfoClient({ api: sim.url });
    cleanups.push(() => info.close());
    const exchange = new ExchangeClient({ api: sim.url, signer, isMainnet: false });
    const fresh = new PositionCloser({ account: ACCOUNT, network: 'testnet', info, exchange, stateDir: dir });
    expect((await fresh.close('BTC')).kind).toBe('closed');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'locks')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, JOURNAL_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a close lock file is owner-only while held', async () => {
    const attempt = await CloseLock.acquire({ dir: join(stateDir, 'locks'), name: 'close-testnet-x-BTC' });
    if (!attempt.ok) throw new Error('the lock should be free');
    expect(statSync(attempt.lock.path).mode & 0o777).toBe(0o600);
    await attempt.lock.release();
  });

  it('an existing journal others can read is made owner-only on the next write', async () => {
    await startSim();
    writeFileSync(join(stateDir, JOURNAL_FILE), '', { mode: 0o644 });
    chmodSync(join(stateDir, JOURNAL_FILE), 0o644);
    expect((await closer().close('BTC')).kind).toBe('closed');
    expect(statSync(join(stateDir, JOURNAL_FILE)).mode & 0o777).toBe(0o600);
  });

  it.runIf(process.getuid?.() === 0)('a directory owned by another user is refused with the command that fixes it', async () => {
    const dir = join(stateDir, 'theirs');
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, 4321, 4321);
    await expect(ensureDir(dir)).rejects.toThrow(/belongs to another user \(uid 4321\).*chown \$\(id -u\)/);
  });
});

describe('closes a killed process never heard back about', () => {
  /** A journal intent exactly as the closer writes it, for an order with this cloid. */
  function intentLine(cloid: string, nonce: number, expiresAfter: number, account = ACCOUNT): string {
    return `${JSON.stringify({ t: nonce, event: 'intent', pid: 999_999, cloid, network: 'testnet', account, signer: ACCOUNT, coin: 'BTC', side: 'sell', size: '0.5', price: '60000', nonce, expiresAfter })}\n`;
  }

  it('are looked up by cloid at start, their outcome journaled and reported; then they are done', async () => {
    await startSim();
    // Killed after sending: the order reached the exchange and filled, no outcome was written.
    const exchange = new ExchangeClient({ api: sim.url, signer, isMainnet: false });
    const sentCloid = `0x${'ab'.repeat(16)}`;
    const signed = exchange.prepareOrder({ a: 0, b: false, p: roundPrice(60_000, 5, true), s: '0.5', r: true, t: { limit: { tif: 'Ioc' } }, c: sentCloid });
    expect((await exchange.send(signed)).kind).toBe('filled');
    // Killed before sending: this one never left, and has long expired.
    const lostCloid = `0x${'cd'.repeat(16)}`;
    const old = Date.now() - 3_600_000;
    // Another account's close is not this session's to settle.
    const otherCloid = `0x${'ef'.repeat(16)}`;
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(
      join(stateDir, JOURNAL_FILE),
      intentLine(sentCloid, signed.nonce, signed.expiresAfter) + intentLine(lostCloid, old, old + 15_000) + intentLine(otherCloid, old, old + 15_000, '0x0000000000000000000000000000000000000001') + '{"torn line',
    );

    const results = await closer().recoverInterrupted();
    expect(results.map((r) => [r.kind, 'cloid' in r ? r.cloid : undefined])).toEqual([
      ['unknown-reconciled', sentCloid],
      ['unknown-reconciled', lostCloid],
    ]);
    expect(results[0]).toMatchObject({ orderStatus: 'filled', filledSz: '0.5', remaining: '0' });
    expect(results[0]!.message).toMatch(/was interrupted before its answer; order 0x(ab){16} filled, filled 0\.5 of 0\.5; position is now flat$/);
    expect(results[1]!.message).toMatch(/order 0x(cd){16} never reached the exchange and has expired: it will not execute/);
    const outcomes = journal().filter((line) => line['event'] === 'outcome').map((line) => line['cloid']);
    expect(outcomes).toEqual([sentCloid, lostCloid]);
    expect(await closer().recoverInterrupted()).toEqual([]);
  });

  it('leave a close another live depthmux is running to it', async () => {
    await startSim();
    const now = Date.now();
    writeFileSync(join(stateDir, JOURNAL_FILE), intentLine(`0x${'12'.repeat(16)}`, now, now + 15_000));
    const running = closer();
    // This process holds the coin's lock as the other depthmux would while its close is on its way.
    mkdirSync(join(stateDir, 'locks'), { recursive: true, mode: 0o700 });
    const lockFile = join(stateDir, 'locks', `close-testnet-${ACCOUNT}-BTC.lock`);
    writeFileSync(lockFile, `${JSON.stringify({ pid: process.pid, procStart: null, host: 'here', createdAt: now, token: 'other' })}\n`);
    expect(await running.recoverInterrupted()).toEqual([]);
    expect(journal().filter((line) => line['event'] === 'outcome')).toEqual([]);
  });
});

describe('the user stream', () => {
  it('a 10 000-deep error frame is reported on the link, and the process lives on', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    server.on('connection', (ws) => {
      ws.on('message', () => ws.send(`{"channel":"error","data":${'['.repeat(10_000)}${']'.repeat(10_000)}}`));
    });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const events: UserStreamEvent[] = [];
    const stream = new UserStream({ url: `ws://127.0.0.1:${port}`, user: ACCOUNT, onEvent: (event) => events.push(event) });
    cleanups.push(() => stream.close());
    stream.start();
    await waitFor('the error to reach the link', () => events.some((event) => event.type === 'link' && event.error !== undefined));
    const error = events.find((event) => event.type === 'link' && event.error !== undefined);
    expect(error).toMatchObject({ type: 'link', error: '[…]' });
    expect(stream.state).not.toBe('closed');
  });
});
