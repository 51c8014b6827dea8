/**
 * The close path end to end against the simulated exchange (src/sim/hyperliquid-exchange.ts):
 * real HTTP, real signatures, real lock files and journal in a temp state dir.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import { procStart } from '../../src/hyperliquid/close-lock.js';
import { roundPrice } from '../../src/hyperliquid/rounding.js';
import { JOURNAL_FILE } from '../../src/hyperliquid/close-journal.js';
import { ExchangeClient } from '../../src/hyperliquid/exchange-client.js';
import type { FetchLike } from '../../src/hyperliquid/http.js';
import { InfoClient } from '../../src/hyperliquid/info-client.js';
import { Signer } from '../../src/hyperliquid/key-source.js';
import { PositionCloser, type PositionCloserOptions } from '../../src/hyperliquid/position-closer.js';
import { HyperliquidSession, hyperliquidSetup } from '../../src/hyperliquid/index.js';
import { PositionsModel } from '../../src/hyperliquid/positions.js';
import type { PositionsView } from '../../src/hyperliquid/positions-view.js';
import { HyperliquidExchangeSim } from '../../src/sim/hyperliquid-exchange.js';
import { MarketModel } from '../../src/sim/market-model.js';

// Keys of no value anywhere: the Python SDK's test key and two made-up ones.
const MASTER_KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const AGENT_KEY = '0x1111111111111111111111111111111111111111111111111111111111111111';
const OTHER_KEY = '0x2222222222222222222222222222222222222222222222222222222222222222';
const KEYS = [MASTER_KEY, AGENT_KEY, OTHER_KEY].map((k) => k.slice(2));
const MASTER = new Signer(MASTER_KEY, 'env').address;

let sim: HyperliquidExchangeSim;
let stateDir: string;
const cleanups: Array<() => void | Promise<void>> = [];
/** Every request body sent to the exchange or info endpoint, to check no key ever leaves. */
const wire: string[] = [];
const recordingFetch: FetchLike = (url, init) => {
  wire.push(String(init.body));
  return fetch(url, init);
};

beforeEach(async () => {
  sim = await new HyperliquidExchangeSim({ model: new MarketModel(3) }).listen();
  stateDir = mkdtempSync(join(tmpdir(), 'depthmux-close-'));
  wire.length = 0;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sim.close();
  rmSync(stateDir, { recursive: true, force: true });
});

function openBtcLong(account = MASTER, szi = 0.5): void {
  sim.createAccount(account, { usdc: 100_000, positions: [{ coin: 'BTC', szi, entryPx: 67_000, leverage: 20 }] });
}

interface CloserSetup {
  readonly key?: string;
  readonly account?: string;
  readonly exchangeTimeoutMs?: number;
  readonly dir?: string;
  readonly extra?: Partial<PositionCloserOptions>;
}

function makeCloser(setup: CloserSetup = {}): PositionCloser {
  const info = new InfoClient({ api: sim.url, fetch: recordingFetch });
  cleanups.push(() => info.close());
  const key = 'key' in setup ? setup.key : MASTER_KEY;
  const signer = key === undefined ? undefined : new Signer(key, 'env');
  const exchange = signer && new ExchangeClient({ api: sim.url, signer, isMainnet: false, timeoutMs: setup.exchangeTimeoutMs, fetch: recordingFetch });
  return new PositionCloser({
    account: setup.account ?? MASTER,
    network: 'testnet',
    info,
    exchange,
    stateDir: setup.dir ?? stateDir,
    reconcile: { timeoutMs: 5_000, intervalMs: 50 },
    ...setup.extra,
  });
}

function journal(dir = stateDir): Array<Record<string, unknown>> {
  return readFileSync(join(dir, JOURNAL_FILE), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('PositionCloser against the simulated exchange', () => {
  it('closes a long: the order fills, the position is gone, the message tells the fill', async () => {
    openBtcLong();
    const result = await makeCloser().close('BTC');
    expect(result).toMatchObject({ kind: 'closed', coin: 'BTC', filledSz: '0.5', remaining: '0' });
    if (result.kind !== 'closed') return;
    expect(result.message).toBe(`BTC long closed: 0.5 at avg ${result.avgPx}`);
    expect(Number(result.avgPx)).toBeGreaterThan(60_000);
    expect(sim.position(MASTER, 'BTC')?.szi ?? 0).toBe(0);
    expect(sim.orderCount(MASTER)).toBe(1);

    const [intent, outcome] = journal();
    expect(intent).toMatchObject({ event: 'intent', cloid: result.cloid, coin: 'BTC', side: 'sell', size: '0.5', account: MASTER, signer: MASTER, network: 'testnet' });
    expect(typeof intent?.['nonce']).toBe('number');
    expect(Number(intent?.['expiresAfter'])).toBeGreaterThan(Number(intent?.['nonce']));
    expect(String(intent?.['price'])).toMatch(/^\d+$/); // BTC: 5 significant figures leave no decimals
    expect(outcome).toMatchObject({ event: 'outcome', cloid: result.cloid, result: 'closed', filledSz: '0.5', remaining: '0' });
    expect(readdirSync(join(stateDir, 'locks'))).toEqual([]); // the lock is released
  });

  it('an order that reaches the exchange after its expiresAfter is refused, so a lost close has an end', async () => {
    openBtcLong();
    const signer = new Signer(MASTER_KEY, 'env');
    // Signed by a client whose orders expire 30 ms after signing; sent by one that waits for the
    // answer as long as production does, so a loaded machine's slow answer is not the refusal.
    const signing = new ExchangeClient({ api: sim.url, signer, isMainnet: false, timeoutMs: 20, expiryGraceMs: 10 });
    const sending = new ExchangeClient({ api: sim.url, signer, isMainnet: false });
    const mid = 67_000;
    const signed = signing.prepareOrder({ a: 0, b: false, p: roundPrice(mid * 0.9, 5, true), s: '0.5', r: true, t: { limit: { tif: 'Ioc' } } });
    await waitFor('the order to expire', () => Date.now() > signed.expiresAfter);
    expect(await sending.send(signed)).toMatchObject({ kind: 'rejected', message: 'Action already expired' });
    expect(sim.position(MASTER, 'BTC')?.szi).toBe(0.5);
  });

  it('closes a short with a buy', async () => {
    openBtcLong(MASTER, -0.25);
    const result = await makeCloser().close('BTC');
    expect(result).toMatchObject({ kind: 'closed', filledSz: '0.25', remaining: '0' });
    expect(journal()[0]).toMatchObject({ side: 'buy', size: '0.25' });
  });

  it('already flat: "already closed", success, and no order is sent', async () => {
    sim.createAccount(MASTER, { usdc: 1_000 });
    const result = await makeCloser().close('BTC');
    expect(result).toEqual({ kind: 'already-closed', coin: 'BTC', message: 'BTC: already closed (no open position)' });
    expect(sim.orderCount()).toBe(0);
  });

  it('a double press: the second call says already closing, and exactly one order is sent', async () => {
    openBtcLong();
    const closer = makeCloser();
    const first = closer.close('BTC');
    const second = await closer.close('BTC');
    expect(second).toEqual({ kind: 'already-closing', coin: 'BTC', message: 'BTC: already closing…' });
    expect((await first).kind).toBe('closed');
    expect(sim.orderCount()).toBe(1);
  });

  it('x pressed again while a close is on its way is told so before anything is asked', async () => {
    openBtcLong();
    const closer = makeCloser();
    const first = closer.close('BTC');
    const preview = await closer.preview('BTC');
    expect(preview).toEqual({ ok: false, result: { kind: 'already-closing', coin: 'BTC', message: 'BTC: already closing…' } });
    expect((await first).kind).toBe('closed');
    expect(sim.orderCount()).toBe(1);
  });

  it('two closers (as two processes would be) racing on one lock dir: one order reaches the exchange', async () => {
    openBtcLong();
    const results = await Promise.all([makeCloser().close('BTC'), makeCloser().close('BTC')]);
    const kinds = results.map((r) => r.kind).sort();
    expect(kinds[0]).toBe('closed');
    // The loser either found the lock held, or got it after the winner and found the position flat.
    expect(['locked-by-other', 'already-closed']).toContain(kinds[1]);
    const locked = results.find((r) => r.kind === 'locked-by-other');
    // The loser may read the lock after the winner created it and before it wrote its owner in:
    // then the owner's pid is not known yet, and the message cannot name it.
    if (locked) expect([`BTC is being closed by another depthmux (pid ${process.pid})`, 'BTC is being closed by another depthmux']).toContain(locked.message);
    expect(sim.orderCount()).toBe(1);
  });

  it('a lock left by a dead process is taken over', async () => {
    openBtcLong();
    const child = spawn(process.execPath, ['-e', 'process.stdout.write("up"); setInterval(() => {}, 1000)'], { stdio: ['ignore', 'pipe', 'ignore'] });
    cleanups.push(() => void child.kill('SIGKILL'));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const pid = child.pid as number;
    const dir = join(stateDir, 'locks');
    mkdirSync(dir, { recursive: true });
    const lockFile = join(dir, `close-testnet-${MASTER}-BTC.lock`);
    writeFileSync(lockFile, JSON.stringify({ pid, procStart: procStart(pid), host: hostname(), createdAt: Date.now(), token: 'dead' }));

    const whileAlive = await makeCloser().close('BTC');
    expect(whileAlive).toEqual({ kind: 'locked-by-other', coin: 'BTC', pid, message: `BTC is being closed by another depthmux (pid ${pid})` });
    expect(sim.orderCount()).toBe(0);

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect((await makeCloser().close('BTC')).kind).toBe('closed');
    expect(sim.orderCount()).toBe(1);
  });

  it('the exchange answers after the client gave up: reconciled by cloid, never sent twice', async () => {
    openBtcLong();
    sim.setLatency(1_500);
    const progress: string[] = [];
    const closer = makeCloser({ exchangeTimeoutMs: 200, extra: { onProgress: (_coin, line) => progress.push(line) } });
    const result = await closer.close('BTC');
    expect(result).toMatchObject({ kind: 'unknown-reconciled', orderStatus: 'filled', filledSz: '0.5', remaining: '0' });
    if (result.kind !== 'unknown-reconciled') return;
    expect(result.message).toBe(`BTC: no answer (no answer within 200 ms); order ${result.cloid} filled, filled 0.5 of 0.5; position is now flat`);
    expect(progress.at(-1)).toBe(`BTC: no answer (no answer within 200 ms); checking order ${result.cloid}…`);
    expect(sim.orderCount()).toBe(1);
    expect(journal().map((line) => line['event'])).toEqual(['intent', 'outcome']);
    expect(journal()[1]).toMatchObject({ result: 'unknown-reconciled', orderStatus: 'filled' });
  });

  it('a rejected order: the exchange text is shown verbatim and the position stays', async () => {
    openBtcLong();
    sim.rejectNext('Insufficient margin to place order. asset=0');
    const result = await makeCloser().close('BTC');
    expect(result).toMatchObject({ kind: 'rejected', exchangeMessage: 'Insufficient margin to place order. asset=0', message: 'BTC close rejected: Insufficient margin to place order. asset=0' });
    expect(sim.position(MASTER, 'BTC')?.szi).toBe(0.5);
    expect(journal()[1]).toMatchObject({ event: 'outcome', result: 'rejected' });
  });

  it('"Reduce only order would increase position" from the exchange means already closed', async () => {
    openBtcLong();
    sim.rejectNext('Reduce only order would increase position. asset=0');
    expect((await makeCloser().close('BTC')).kind).toBe('already-closed');
  });

  it('an agent (API wallet) signs; the account is read and closed', async () => {
    const agent = new Signer(AGENT_KEY, 'env').address;
    openBtcLong(MASTER);
    sim.approveAgent(agent, MASTER);
    const result = await makeCloser({ key: AGENT_KEY, account: MASTER }).close('BTC');
    expect(result).toMatchObject({ kind: 'closed', filledSz: '0.5' });
    expect(sim.position(MASTER, 'BTC')?.szi ?? 0).toBe(0);
    expect(journal()[0]).toMatchObject({ account: MASTER, signer: agent });
  });

  it('a key that is no agent of the account: the exchange refuses, shown verbatim', async () => {
    openBtcLong(MASTER);
    const result = await makeCloser({ key: OTHER_KEY, account: MASTER }).close('BTC');
    expect(result.kind).toBe('rejected');
    expect(result.message).toMatch(/^BTC close rejected: User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
    expect(sim.position(MASTER, 'BTC')?.szi).toBe(0.5);
  });

  it('no key: close is disabled with a one-line hint, nothing is read or sent', async () => {
    openBtcLong();
    const result = await makeCloser({ key: undefined }).close('BTC');
    expect(result).toEqual({ kind: 'no-key', coin: 'BTC', message: 'close disabled: set HYPERLIQUID_PRIVATE_KEY or pass --hl-key-file PATH' });
    expect(wire).toEqual([]);
  });

  it('a journal that cannot be written stops the close before anything is sent', async () => {
    openBtcLong();
    mkdirSync(join(stateDir, JOURNAL_FILE)); // a directory where the journal file should be
    const result = await makeCloser().close('BTC');
    expect(result.kind).toBe('not-sent');
    expect(result.message).toMatch(/^BTC: EISDIR: .*; nothing sent$/);
    expect(sim.orderCount()).toBe(0);
    expect(sim.position(MASTER, 'BTC')?.szi).toBe(0.5);
  });

  it('preview: what the confirm overlay shows', async () => {
    openBtcLong();
    const preview = await makeCloser().preview('BTC');
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const { estimatedPrice, slippageBound } = preview.preview;
    expect(preview.preview).toMatchObject({ coin: 'BTC', side: 'long', size: '0.5', slippage: 0.01 });
    expect(Number(slippageBound)).toBeGreaterThanOrEqual(estimatedPrice * 0.99);
    expect(Number(slippageBound)).toBeLessThan(estimatedPrice);
    expect(sim.orderCount()).toBe(0);
  });

  it('close after confirming: the bound the user accepted holds, a position that changed side is left alone', async () => {
    openBtcLong();
    const closer = makeCloser();
    const preview = await closer.preview('BTC');
    if (!preview.ok) throw new Error('expected a preview');
    const { estimatedPrice, slippageBound } = preview.preview;
    const tighter = roundPrice(estimatedPrice * 0.995, 5, true, 'up'); // a sell floor above the preview's
    expect(Number(tighter)).toBeGreaterThan(Number(slippageBound));

    const flipped = await closer.close('BTC', { side: 'short', slippageBound: tighter });
    expect(flipped).toEqual({ kind: 'not-sent', coin: 'BTC', message: 'BTC: the position is long now, not short as confirmed; nothing sent' });
    expect(sim.orderCount()).toBe(0);

    expect((await closer.close('BTC', { side: 'long', slippageBound: tighter })).kind).toBe('closed');
    expect(journal()[0]).toMatchObject({ event: 'intent', price: tighter });
  });

  it('the private key never appears in the journal, the lock file, messages, results or on the wire', async () => {
    const agent = new Signer(AGENT_KEY, 'env').address;
    openBtcLong(MASTER);
    sim.approveAgent(agent, MASTER);
    const lockContents: string[] = [];
    const readLocks = (): void => {
      const dir = join(stateDir, 'locks');
      for (const name of readdirSync(dir)) lockContents.push(readFileSync(join(dir, name), 'utf8'));
    };
    const outputs: unknown[] = [];
    const onProgress = (_coin: string, line: string): void => {
      outputs.push(line);
      readLocks(); // the lock is held while the order is on its way
    };
    sim.rejectNext('Order could not immediately match against any resting orders. asset=0');
    outputs.push(await makeCloser({ key: AGENT_KEY, extra: { onProgress } }).close('BTC'));
    sim.setLatency(600);
    outputs.push(await makeCloser({ key: AGENT_KEY, exchangeTimeoutMs: 100, extra: { onProgress } }).close('BTC'));
    sim.setLatency(0);
    outputs.push(await makeCloser({ key: AGENT_KEY, extra: { onProgress } }).close('BTC'));
    outputs.push(await makeCloser({ key: OTHER_KEY, extra: { onProgress } }).close('BTC'));
    openBtcLong(MASTER); // open again, so the next close gets as far as the journal
    const notADir = join(stateDir, 'a-file');
    writeFileSync(notADir, '');
    outputs.push(await makeCloser({ key: MASTER_KEY, dir: join(notADir, 'state') }).close('BTC'));

    expect(lockContents.length).toBeGreaterThan(0);
    const everything = [readFileSync(join(stateDir, JOURNAL_FILE), 'utf8'), ...lockContents, JSON.stringify(outputs), ...wire].join('\n');
    for (const key of KEYS) expect(everything).not.toContain(key);
    const kinds = outputs.filter((o): o is { kind: string } => typeof o === 'object').map((o) => o.kind);
    expect(kinds).toEqual(['rejected', 'unknown-reconciled', 'already-closed', 'already-closed', 'not-sent']);
  });
});

describe('PositionsModel follows the account', () => {
  it('reads positions at start and sees the close through the user stream', async () => {
    openBtcLong();
    const info = new InfoClient({ api: sim.url });
    // A poll too slow to matter here: the stream must carry the change.
    const model = new PositionsModel({ account: MASTER, network: 'testnet', info, wsUrl: sim.wsUrl, pollMs: 60_000 });
    cleanups.push(() => info.close(), () => model.close());
    const views: PositionsView[] = [];
    model.subscribe((view) => views.push(view));
    model.start();
    await waitFor('the first positions and a live stream', () => model.view.status === 'ready' && model.view.stream === 'live');
    expect(model.view.positions).toMatchObject([{ coin: 'BTC', side: 'long', size: '0.5', entryPx: 67_000, leverage: 20, leverageType: 'cross' }]);
    expect(model.view.summary?.accountValue).toBeGreaterThan(0);
    const row = model.view.positions[0];
    expect(row?.markPx).toBeCloseTo(67_250, -3);

    expect((await makeCloser().close('BTC')).kind).toBe('closed');
    await waitFor('the stream to report the position closed', () => model.view.positions.length === 0);
    expect(model.position('BTC')).toBeUndefined();
    expect(views.length).toBeGreaterThan(1);
  });

  it('a dropped user stream reconnects and the view keeps following the account', async () => {
    openBtcLong();
    const info = new InfoClient({ api: sim.url });
    const model = new PositionsModel({ account: MASTER, network: 'testnet', info, wsUrl: sim.wsUrl, pollMs: 60_000 });
    cleanups.push(() => info.close(), () => model.close());
    const states: string[] = [];
    model.subscribe((view) => states.push(view.stream));
    model.start();
    await waitFor('a live stream with the position', () => model.view.stream === 'live' && model.view.positions.length === 1);
    sim.dropUserStreams();
    await waitFor('the drop to show', () => states.includes('reconnecting'));
    await waitFor('the stream to come back', () => model.view.stream === 'live', 10_000);
    expect((await makeCloser().close('BTC')).kind).toBe('closed');
    await waitFor('the close to reach the view after the reconnect', () => model.view.positions.length === 0);
  });

  it('after close() it emits nothing', async () => {
    openBtcLong();
    const info = new InfoClient({ api: sim.url });
    const model = new PositionsModel({ account: MASTER, network: 'testnet', info, wsUrl: sim.wsUrl });
    cleanups.push(() => info.close());
    let emitted = 0;
    model.subscribe(() => emitted++);
    model.start();
    await waitFor('a live stream', () => model.view.stream === 'live');
    model.close();
    const seen = emitted;
    expect((await makeCloser().close('BTC')).kind).toBe('closed');
    await model.refresh();
    expect(emitted).toBe(seen);
  });
});

describe('HyperliquidSession (what the runtime builds)', () => {
  it('env key + address flag -> positions and a working close on the simulator; close() ends it all', async () => {
    const agent = new Signer(AGENT_KEY, 'env').address;
    openBtcLong(MASTER);
    sim.approveAgent(agent, MASTER);
    const setup = hyperliquidSetup({ env: { HYPERLIQUID_PRIVATE_KEY: AGENT_KEY }, address: MASTER, testnet: true });
    expect(setup).toMatchObject({ network: 'testnet', account: { address: MASTER, agent: true } });
    const session = new HyperliquidSession(setup, { stateDir, endpoints: { api: sim.url, ws: sim.wsUrl } });
    cleanups.push(() => session.close());
    expect(session.closeHint).toBeUndefined();
    session.start();
    const model = session.model;
    if (!model || !session.closer) throw new Error('an account is configured: model and closer exist');
    await waitFor('the BTC position and a live stream', () => model.view.positions.length === 1 && model.view.stream === 'live');
    expect((await session.closer.close('BTC')).kind).toBe('closed');
    await waitFor('the position to disappear from the view', () => model.view.positions.length === 0);
  });

  it('an address without a key: view only, close disabled with the hint', () => {
    const session = new HyperliquidSession(hyperliquidSetup({ env: { HYPERLIQUID_ADDRESS: MASTER } }), { stateDir });
    cleanups.push(() => session.close());
    expect(session.endpoints).toMatchObject({ api: 'https://api.hyperliquid.xyz', ws: 'wss://api.hyperliquid.xyz/ws', isMainnet: true });
    expect(session.closeHint).toBe('close disabled: set HYPERLIQUID_PRIVATE_KEY or pass --hl-key-file PATH');
    expect(session.closer?.canClose).toBe(false);
  });
});
