/**
 * The simulated Hyperliquid exchange over real HTTP and WebSocket: signatures built and signed
 * with src/hyperliquid/signing.ts (pinned by the official SDK's vectors), answers read as the wire
 * gives them. Every wait is bounded and says what it waits for; afterEach closes every socket and
 * the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { roundPrice } from '../../src/hyperliquid/rounding.js';
import { addressFromPrivateKey, orderAction, signL1Action, type OrderWire } from '../../src/hyperliquid/signing.js';
import { HyperliquidExchangeSim } from '../../src/sim/hyperliquid-exchange.js';
import { MarketModel } from '../../src/sim/market-model.js';

// ---------------------------------------------------------------------------------------------
// Wire reading: everything arrives as `unknown` and is narrowed at runtime.

function at(value: unknown, ...path: Array<string | number>): unknown {
  let v = value;
  for (const key of path) {
    if (typeof key === 'number') v = Array.isArray(v) ? (v as unknown[])[key] : undefined;
    else v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function num(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new Error(`${what}: expected a number, got ${JSON.stringify(value)}`);
  return value;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what}: expected an array, got ${JSON.stringify(value)}`);
  return value as unknown[];
}

type Filled = { readonly totalSz: string; readonly avgPx: string; readonly oid: number; readonly cloid?: string };
type Status = { readonly filled: Filled } | { readonly resting: { readonly oid: number } } | { readonly error: string };

/** statuses of {"status":"ok","response":{"type":"order","data":{"statuses":[…]}}}. */
function statusesOf(answer: unknown): Status[] {
  expect(at(answer, 'status')).toBe('ok');
  expect(at(answer, 'response', 'type')).toBe('order');
  return list(at(answer, 'response', 'data', 'statuses'), 'statuses').map((s): Status => {
    if (typeof at(s, 'error') === 'string') return { error: str(at(s, 'error'), 'error') };
    if (at(s, 'resting') !== undefined) return { resting: { oid: num(at(s, 'resting', 'oid'), 'resting.oid') } };
    const cloid = at(s, 'filled', 'cloid');
    const filled = { totalSz: str(at(s, 'filled', 'totalSz'), 'totalSz'), avgPx: str(at(s, 'filled', 'avgPx'), 'avgPx'), oid: num(at(s, 'filled', 'oid'), 'oid') };
    return { filled: typeof cloid === 'string' ? { ...filled, cloid } : filled };
  });
}

function filledOf(answer: unknown): Filled {
  const [status] = statusesOf(answer);
  if (!status || !('filled' in status)) throw new Error(`expected a fill, got ${JSON.stringify(status)}`);
  return status.filled;
}

function errorOf(answer: unknown): string {
  const [status] = statusesOf(answer);
  if (!status || !('error' in status)) throw new Error(`expected a per-order error, got ${JSON.stringify(status)}`);
  return status.error;
}

// ---------------------------------------------------------------------------------------------
// Fixtures

const closers: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function startSim(options: { isMainnet?: boolean; now?: () => number } = {}): Promise<HyperliquidExchangeSim> {
  const sim = new HyperliquidExchangeSim({ model: new MarketModel(11), ...options });
  await sim.listen();
  closers.push(() => sim.close());
  return sim;
}

/** Deterministic test keys: valid secp256k1 scalars, never real ones. */
const keyOf = (n: number): string => `0x${(0x5eed00 + n).toString(16).padStart(64, '0')}`;

/** A signer with a strictly increasing nonce ("Nonces and API wallets": never reuse one). */
class Signer {
  readonly address: string;
  private last: number;

  constructor(
    readonly privateKey: string,
    start = Date.now(),
  ) {
    this.address = addressFromPrivateKey(privateKey);
    this.last = start;
  }

  nextNonce(): number {
    this.last += 1;
    return this.last;
  }

  /** An /exchange body for `orders`, signed for testnet unless told otherwise. */
  body(orders: readonly OrderWire[], nonce = this.nextNonce(), isMainnet = false): { action: ReturnType<typeof orderAction>; nonce: number; signature: ReturnType<typeof signL1Action>; vaultAddress: null } {
    const action = orderAction(orders);
    const signature = signL1Action({ privateKey: this.privateKey, action, vaultAddress: null, nonce, isMainnet });
    return { action, nonce, signature, vaultAddress: null };
  }
}

async function post(url: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...(signal && { signal }) });
  expect(response.status).toBe(200);
  return (await response.json()) as unknown;
}

const ETH = 1;
const SOL = 2;
const cloidOf = (wallet: number, n: number): string => `0x${wallet.toString(16).padStart(16, '0')}${n.toString(16).padStart(16, '0')}`;

/** An IOC limit order `away` (0.01 = 1%) from the mid: through the book if away > 0. */
async function iocOrder(sim: HyperliquidExchangeSim, asset: number, isBuy: boolean, size: string, away: number, extra: { r?: boolean; c?: string } = {}): Promise<OrderWire> {
  const meta = await post(`${sim.url}/info`, { type: 'meta' });
  const coin = str(at(meta, 'universe', asset, 'name'), 'coin');
  const szDecimals = num(at(meta, 'universe', asset, 'szDecimals'), 'szDecimals');
  const mid = Number(str(at(await post(`${sim.url}/info`, { type: 'allMids' }), coin), 'mid'));
  const px = roundPrice(mid * (isBuy ? 1 + away : 1 - away), szDecimals, true, isBuy ? 'down' : 'up');
  const order: OrderWire = { a: asset, b: isBuy, p: px, s: size, r: extra.r ?? false, t: { limit: { tif: 'Ioc' } } };
  return extra.c === undefined ? order : { ...order, c: extra.c };
}

/** A /ws client that keeps every JSON frame and waits on conditions, boundedly. */
class StreamClient {
  readonly frames: unknown[] = [];
  readonly texts: string[] = [];
  private readonly listeners = new Set<() => void>();
  /** The close code, once the socket has closed. */
  readonly closed: Promise<number>;

  private constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.once('close', (code: number) => resolve(code)));
    socket.on('message', (data) => {
      const text = data.toString();
      this.texts.push(text);
      try {
        this.frames.push(JSON.parse(text) as unknown);
      } catch {
        // the plain-text greeting; kept in texts
      }
      for (const listener of [...this.listeners]) listener();
    });
  }

  static async open(url: string): Promise<StreamClient> {
    const socket = new WebSocket(url);
    const client = new StreamClient(socket);
    closers.push(() => client.close());
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  send(value: unknown): void {
    this.socket.send(JSON.stringify(value));
  }

  /** Frames on `channel`, data only. */
  data(channel: string): unknown[] {
    return this.frames.filter((f) => at(f, 'channel') === channel).map((f) => at(f, 'data'));
  }

  async waitFor<T>(what: string, pick: () => T | undefined, timeoutMs = 5_000): Promise<T> {
    const found = pick();
    if (found !== undefined) return found;
    return await new Promise<T>((resolve, reject) => {
      const listener = (): void => {
        const value = pick();
        if (value === undefined) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  async subscribe(subscription: Record<string, unknown>): Promise<void> {
    const before = this.data('subscriptionResponse').length;
    this.send({ method: 'subscribe', subscription });
    await this.waitFor(`subscriptionResponse to ${JSON.stringify(subscription)}`, () => (this.data('subscriptionResponse').length > before ? true : undefined));
  }

  /**
   * Round-trip a ping: the server answers in order on one socket, so once the pong is here every
   * frame it sent before has arrived too.
   */
  async barrier(): Promise<void> {
    const before = this.frames.filter((f) => at(f, 'channel') === 'pong').length;
    this.send({ method: 'ping' });
    await this.waitFor('pong', () => (this.frames.filter((f) => at(f, 'channel') === 'pong').length > before ? true : undefined));
  }

  /** cloids seen on orderUpdates. */
  orderCloids(): string[] {
    return this.data('orderUpdates').flatMap((d) => list(d, 'orderUpdates').map((u) => str(at(u, 'order', 'cloid'), 'cloid')));
  }

  /** oids of live (not snapshot) userFills. */
  liveFillOids(): number[] {
    return this.data('userFills')
      .filter((d) => at(d, 'isSnapshot') !== true)
      .flatMap((d) => list(at(d, 'fills'), 'fills').map((f) => num(at(f, 'oid'), 'fill oid')));
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.terminate();
    });
  }
}

// ---------------------------------------------------------------------------------------------

describe('HyperliquidExchangeSim /exchange: signatures, agents, nonces', () => {
  it('accepts a good signature, fills an IOC through the book and shows the position in clearinghouseState', async () => {
    const sim = await startSim();
    const trader = new Signer(keyOf(1));
    sim.createAccount(trader.address, { usdc: 10_000 });
    const cloid = cloidOf(1, 1);

    const filled = filledOf(await post(`${sim.url}/exchange`, trader.body([await iocOrder(sim, ETH, true, '0.5', 0.01, { c: cloid })])));

    expect(filled).toMatchObject({ totalSz: '0.5', cloid });
    expect(sim.orderCount(trader.address)).toBe(1);
    expect(sim.position(trader.address, 'ETH')).toMatchObject({ szi: 0.5, entryPx: Number(filled.avgPx), leverage: 20 });
    const state = await post(`${sim.url}/info`, { type: 'clearinghouseState', user: trader.address });
    expect(at(state, 'assetPositions', 0)).toMatchObject({
      type: 'oneWay',
      position: { coin: 'ETH', szi: '0.5', entryPx: filled.avgPx, leverage: { type: 'cross', value: 20 }, maxLeverage: 25 },
    });
    for (const key of ['accountValue', 'totalNtlPos', 'totalRawUsd', 'totalMarginUsed']) {
      expect(str(at(state, 'marginSummary', key), key)).toMatch(/^-?\d+\.\d+$/);
    }
    expect(num(at(state, 'time'), 'time')).toBeGreaterThan(0);
  });

  it('answers orderStatus by oid and by cloid, unknownOid otherwise, and openOrders [] after an IOC', async () => {
    const sim = await startSim();
    const trader = new Signer(keyOf(2));
    sim.createAccount(trader.address, { usdc: 10_000 });
    const cloid = cloidOf(2, 7);
    const { oid } = filledOf(await post(`${sim.url}/exchange`, trader.body([await iocOrder(sim, SOL, false, '3', 0.01, { c: cloid })])));

    const byOid = await post(`${sim.url}/info`, { type: 'orderStatus', user: trader.address, oid });
    const byCloid = await post(`${sim.url}/info`, { type: 'orderStatus', user: trader.address.toUpperCase().replace('0X', '0x'), oid: cloid });
    expect(byOid).toEqual(byCloid);
    expect(at(byOid, 'status')).toBe('order');
    expect(at(byOid, 'order')).toMatchObject({ status: 'filled', order: { oid, cloid, coin: 'SOL', side: 'A', origSz: '3.0', sz: '0.0', tif: 'Ioc', reduceOnly: false } });
    expect(await post(`${sim.url}/info`, { type: 'orderStatus', user: trader.address, oid: oid + 1000 })).toEqual({ status: 'unknownOid' });
    expect(await post(`${sim.url}/info`, { type: 'orderStatus', user: trader.address, oid: cloidOf(2, 8) })).toEqual({ status: 'unknownOid' });
    expect(await post(`${sim.url}/info`, { type: 'openOrders', user: trader.address })).toEqual([]);
  });

  it('recovers another address from a tampered action or the wrong network, and refuses it as a user that does not exist', async () => {
    const sim = await startSim();
    const trader = new Signer(keyOf(3));
    sim.createAccount(trader.address, { usdc: 10_000 });
    const body = trader.body([await iocOrder(sim, ETH, true, '0.1', 0.01)]);
    const tampered = { ...body, action: { ...body.action, orders: [{ ...body.action.orders[0], s: '0.2' }] } };

    const answers = [await post(`${sim.url}/exchange`, tampered), await post(`${sim.url}/exchange`, trader.body(body.action.orders, undefined, true))];

    for (const answer of answers) {
      expect(at(answer, 'status')).toBe('err');
      const text = str(at(answer, 'response'), 'response');
      const recovered = /^User or API Wallet (0x[0-9a-f]{40}) does not exist\.$/.exec(text)?.[1];
      expect(recovered, text).toBeDefined();
      expect(recovered).not.toBe(trader.address);
    }
    expect(sim.orderCount()).toBe(0);
    expect(sim.position(trader.address, 'ETH')).toBeUndefined();
  });

  it('checks signatures with source "a" when mainnet: a mainnet signature fills, a testnet one does not exist', async () => {
    const sim = await startSim({ isMainnet: true });
    const trader = new Signer(keyOf(15));
    sim.createAccount(trader.address, { usdc: 10_000 });
    const order = await iocOrder(sim, SOL, true, '1', 0.01);

    expect(filledOf(await post(`${sim.url}/exchange`, trader.body([order], undefined, true))).totalSz).toBe('1.0');
    const testnet = await post(`${sim.url}/exchange`, trader.body([order], undefined, false));
    expect(str(at(testnet, 'response'), 'response')).toMatch(/^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
  });

  it('hashes the order as it re-serializes it: trailing zeros are stripped before the signature is checked', async () => {
    const sim = await startSim();
    const trader = new Signer(keyOf(4));
    sim.createAccount(trader.address, { usdc: 10_000 });
    const order = await iocOrder(sim, ETH, true, '0.1', 0.01);
    const padded = { type: 'order', orders: [{ ...order, s: '0.10' }], grouping: 'na' };

    // Signed over the canonical "0.1", sent as "0.10": the exchange strips the zero and verifies.
    const sent = { ...trader.body([order]), action: padded };
    expect(filledOf(await post(`${sim.url}/exchange`, sent)).totalSz).toBe('0.1');
    // Signed over "0.10" itself ("Signing", common error 3): another address is recovered.
    const nonce = trader.nextNonce();
    const signature = signL1Action({ privateKey: trader.privateKey, action: padded, vaultAddress: null, nonce, isMainnet: false });
    const answer = await post(`${sim.url}/exchange`, { action: padded, nonce, signature, vaultAddress: null });
    expect(str(at(answer, 'response'), 'response')).toMatch(/^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
    expect(at(answer, 'response')).not.toContain(trader.address);
  });

  it('maps an approved agent to its account; an unapproved agent does not exist; agent addresses hold nothing', async () => {
    const sim = await startSim();
    const owner = new Signer(keyOf(5));
    const agent = new Signer(keyOf(6));
    const stranger = new Signer(keyOf(7));
    sim.createAccount(owner.address, { usdc: 10_000 });
    sim.approveAgent(agent.address, owner.address);
    const cloid = cloidOf(5, 1);

    const { oid } = filledOf(await post(`${sim.url}/exchange`, agent.body([await iocOrder(sim, ETH, true, '0.2', 0.01, { c: cloid })])));
    const refused = await post(`${sim.url}/exchange`, stranger.body([await iocOrder(sim, ETH, true, '0.2', 0.01)]));

    expect(sim.position(owner.address, 'ETH')?.szi).toBe(0.2);
    expect(sim.orderCount(owner.address)).toBe(1);
    expect(refused).toEqual({ status: 'err', response: `User or API Wallet ${stranger.address} does not exist.` });
    expect(at(await post(`${sim.url}/info`, { type: 'orderStatus', user: owner.address, oid: cloid }), 'order', 'order', 'oid')).toBe(oid);
    expect(await post(`${sim.url}/info`, { type: 'orderStatus', user: agent.address, oid: cloid })).toEqual({ status: 'unknownOid' });
    expect(at(await post(`${sim.url}/info`, { type: 'clearinghouseState', user: agent.address }), 'assetPositions')).toEqual([]);
  });

  it('refuses a reused nonce, one outside (T - 2 days, T + 1 day) and one below the 100 kept; nonces are per signer', async () => {
    const now = 1_760_000_000_000;
    const sim = await startSim({ now: () => now });
    const owner = new Signer(keyOf(8), now);
    const agent = new Signer(keyOf(9), now);
    sim.createAccount(owner.address, { usdc: 100_000 });
    sim.approveAgent(agent.address, owner.address);
    const order = await iocOrder(sim, SOL, true, '1', 0.01);
    const day = 86_400_000;

    const first = owner.body([order], now);
    expect(at(await post(`${sim.url}/exchange`, first), 'status')).toBe('ok');
    expect(await post(`${sim.url}/exchange`, first)).toEqual({ status: 'err', response: `Invalid nonce: duplicate nonce ${now}` });
    // The agent is its own signer: the same nonce is new for it.
    expect(at(await post(`${sim.url}/exchange`, agent.body([order], now)), 'status')).toBe('ok');
    expect(await post(`${sim.url}/exchange`, owner.body([order], now - 2 * day))).toEqual({ status: 'err', response: `Invalid nonce: nonce too low ${now - 2 * day} < ${now - 2 * day}` });
    expect(await post(`${sim.url}/exchange`, owner.body([order], now + day))).toEqual({ status: 'err', response: `Invalid nonce: nonce too high ${now + day} > ${now + day}` });

    for (let i = 1; i <= 100; i++) expect(at(await post(`${sim.url}/exchange`, owner.body([order], now + i * 10)), 'status')).toBe('ok');
    // The 100 kept are now+10 … now+1000; now+5 was never used but is below the smallest kept.
    expect(await post(`${sim.url}/exchange`, owner.body([order], now + 5))).toEqual({ status: 'err', response: `Invalid nonce: nonce too low ${now + 5} < ${now + 10}` });
    expect(sim.orderCount(owner.address)).toBe(102);
  });

  it('answers a body that does not decode with HTTP 422, as the exchange does', async () => {
    const sim = await startSim();
    const response = await fetch(`${sim.url}/exchange`, { method: 'POST', body: '{"action":{"type":"order","orders":"x"}}' });
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/^Failed to deserialize the JSON body into the target type/);
  });
});

describe('HyperliquidExchangeSim order rules', () => {
  it('refuses reduce-only when flat or on the same side, and cuts a larger one to the position', async () => {
    const sim = await startSim();
    const trader = new Signer(keyOf(10));
    sim.createAccount(trader.address, { usdc: 10_000, positions: [{ coin: 'SOL', szi: 4, entryPx: 150 }] });
    const send = async (order: OrderWire) => post(`${sim.url}/exchange`, trader.body([order]));

    expect(errorOf(await send(await iocOrder(sim, ETH, false, '0.1', 0.01, { r: true })))).toBe('Reduce only order would increase position. asset=1');
    expect(errorOf(await send(await iocOrder(sim, SOL, true, '1', 0.01, { r: true })))).toBe('Reduce only order would increase position. asset=2');
    const filled = filledOf(await send(await iocOrder(sim, SOL, false, '10', 0.01, { r: true })));

    expect(filled.totalSz).toBe('4.0');
    expect(sim.position(trader.address, 'SOL')).toBeUndefined();
    const state = await post(`${sim.url}/info`, { type: 'clearinghouseState', user: trader.address });
    expect(at(state, 'assetPositions')).toEqual([]);
    // Bought at 150, sold 4 at the bid: the realised PnL (less the taker fee) is in the account value.
    const pnl = 4 * (Number(filled.avgPx) - 150) - 4 * Number(filled.avgPx) * 0.00045;
    expect(Number(str(at(state, 'marginSummary', 'accountValue'), 'accountValue'))).toBeCloseTo(10_000 + pnl, 4);
  });

  it('answers an IOC that cannot match, and rejectNext, with per-order errors inside status ok', async () => {
    const sim = await startSim();
    const trader = new Signer(keyOf(11));
    sim.createAccount(trader.address, { usdc: 10_000 });
    const cloid = cloidOf(11, 2);

    const unmatched = errorOf(await post(`${sim.url}/exchange`, trader.body([await iocOrder(sim, ETH, true, '0.1', -0.02)])));
    sim.rejectNext('Order could not immediately match against any resting orders. asset=1');
    const forced = errorOf(await post(`${sim.url}/exchange`, trader.body([await iocOrder(sim, ETH, true, '0.1', 0.01, { c: cloid })])));

    expect(unmatched).toBe('Order could not immediately match against any resting orders. asset=1');
    expect(forced).toBe('Order could not immediately match against any resting orders. asset=1');
    expect(sim.position(trader.address, 'ETH')).toBeUndefined();
    expect(at(await post(`${sim.url}/info`, { type: 'orderStatus', user: trader.address, oid: cloid }), 'order', 'status')).toBe('rejected');
  });

  it('executes an order whose answer is late (setLatency): the client gives up, the position still moves', async () => {
    const sim = await startSim();
    const trader = new Signer(keyOf(12));
    sim.createAccount(trader.address, { usdc: 10_000 });
    const stream = await StreamClient.open(sim.wsUrl);
    await stream.subscribe({ type: 'orderUpdates', user: trader.address });
    sim.setLatency(2_000);
    const cloid = cloidOf(12, 1);
    const body = trader.body([await iocOrder(sim, ETH, true, '0.3', 0.01, { c: cloid })]);

    await expect(post(`${sim.url}/exchange`, body, AbortSignal.timeout(100))).rejects.toThrow();

    await stream.waitFor(`orderUpdates for ${cloid}`, () => (stream.orderCloids().includes(cloid) ? true : undefined));
    expect(sim.position(trader.address, 'ETH')?.szi).toBe(0.3);
    expect(at(await post(`${sim.url}/info`, { type: 'orderStatus', user: trader.address, oid: cloid }), 'order', 'status')).toBe('filled');
  });
});

describe('HyperliquidExchangeSim /ws user streams', () => {
  it('greets, pongs, acks, sends the userFills and clearinghouseState snapshots, and refuses bad or repeated subscriptions', async () => {
    const sim = await startSim();
    const trader = new Signer(keyOf(13));
    sim.createAccount(trader.address, { usdc: 5_000 });
    await post(`${sim.url}/exchange`, trader.body([await iocOrder(sim, SOL, true, '2', 0.01)]));
    const stream = await StreamClient.open(sim.wsUrl);
    const mixedCase = `0x${trader.address.slice(2).toUpperCase()}`;

    await stream.subscribe({ type: 'userFills', user: mixedCase });
    await stream.subscribe({ type: 'clearinghouseState', user: trader.address });
    stream.send({ method: 'subscribe', subscription: { type: 'userFills', user: trader.address } });
    stream.send({ method: 'subscribe', subscription: { type: 'l2Book', coin: 'BTC' } });
    stream.send({ method: 'unsubscribe', subscription: { type: 'orderUpdates', user: trader.address } });
    await stream.barrier();

    expect(stream.texts[0]).toBe('Websocket connection established.');
    expect(stream.data('subscriptionResponse')[0]).toEqual({ method: 'subscribe', subscription: { type: 'userFills', user: trader.address } });
    const [snapshot] = stream.data('userFills');
    expect(snapshot).toMatchObject({ isSnapshot: true, user: trader.address, fills: [{ coin: 'SOL', sz: '2.0', side: 'B', dir: 'Open Long', startPosition: '0.0', crossed: true, feeToken: 'USDC' }] });
    expect(stream.data('clearinghouseState')[0]).toMatchObject({ dex: '', user: trader.address, clearinghouseState: { assetPositions: [{ position: { coin: 'SOL', szi: '2.0' } }] } });
    expect(stream.data('error')).toEqual([
      `Already subscribed: ${JSON.stringify({ type: 'userFills', user: trader.address })}`,
      `Invalid subscription: ${JSON.stringify({ type: 'l2Book', coin: 'BTC' })}`,
      `Already unsubscribed: ${JSON.stringify({ type: 'orderUpdates', user: trader.address })}`,
    ]);
    expect(stream.frames.filter((f) => at(f, 'channel') === 'pong')).toEqual([{ channel: 'pong' }]);
  });

  it('stops a stream on unsubscribe and cuts every socket on dropUserStreams', async () => {
    const sim = await startSim();
    const trader = new Signer(keyOf(14));
    sim.createAccount(trader.address, { usdc: 5_000 });
    const stream = await StreamClient.open(sim.wsUrl);
    await stream.subscribe({ type: 'orderUpdates', user: trader.address });
    stream.send({ method: 'unsubscribe', subscription: { type: 'orderUpdates', user: trader.address } });
    await stream.barrier();

    await post(`${sim.url}/exchange`, trader.body([await iocOrder(sim, SOL, true, '2', 0.01)]));
    await stream.barrier();
    expect(stream.data('orderUpdates')).toEqual([]);

    sim.dropUserStreams();
    expect(await stream.closed).toBe(1006);
  });

  it('delivers to 8 wallets trading at once all and only their own updates, through a reconnect and subscription churn', async () => {
    const sim = await startSim();
    const WALLETS = 8;
    const wallets = Array.from({ length: WALLETS }, (_, i) => {
      const owner = new Signer(keyOf(100 + i));
      const viaAgent = i >= 5;
      const signer = viaAgent ? new Signer(keyOf(200 + i)) : owner;
      sim.createAccount(owner.address, { usdc: 100_000 });
      if (viaAgent) sim.approveAgent(signer.address, owner.address);
      // Odd wallets subscribe with an upper-cased address: the server compares case-insensitively.
      const subscribeAs = i % 2 === 1 ? `0x${owner.address.slice(2).toUpperCase()}` : owner.address;
      return { i, account: owner.address, signer, subscribeAs, cloids: [0, 1, 2, 3].map((n) => cloidOf(i + 1, n)), filledOids: [] as number[] };
    });
    const subscribeAll = async (stream: StreamClient, user: string): Promise<void> => {
      for (const type of ['orderUpdates', 'userFills', 'clearinghouseState']) await stream.subscribe({ type, user });
    };
    const sockets = await Promise.all(wallets.map(async (w) => {
      const stream = await StreamClient.open(sim.wsUrl);
      await subscribeAll(stream, w.subscribeAs);
      return stream;
    }));
    // Wallet 4 watches from two sockets: both must hear everything.
    const second = await StreamClient.open(sim.wsUrl);
    await subscribeAll(second, wallets[4]!.account);
    // Another socket churns subscriptions to every wallet while the orders fly.
    const churn = await StreamClient.open(sim.wsUrl);
    let trading = true;
    const churning = (async () => {
      for (let round = 0; trading; round++) {
        const user = wallets[round % WALLETS]!.account;
        churn.send({ method: 'subscribe', subscription: { type: 'orderUpdates', user } });
        churn.send({ method: 'unsubscribe', subscription: { type: 'orderUpdates', user } });
        await churn.barrier();
      }
    })();

    const RECONNECTING = 2;
    const reconnected: StreamClient[] = [];
    await Promise.all(wallets.map(async (w) => {
      const plan = [
        await iocOrder(sim, ETH, true, '0.5', 0.01, { c: w.cloids[0] }),
        await iocOrder(sim, SOL, true, '3', 0.01, { c: w.cloids[1] }),
        await iocOrder(sim, ETH, true, '0.5', -0.02, { c: w.cloids[2] }), // IOC below the ask: no fill
        await iocOrder(sim, ETH, false, '0.2', 0.01, { r: true, c: w.cloids[3] }),
      ];
      for (const [n, order] of plan.entries()) {
        const [status] = statusesOf(await post(`${sim.url}/exchange`, w.signer.body([order])));
        if (status && 'filled' in status) w.filledOids.push(status.filled.oid);
        if (w.i === RECONNECTING && n === 1) {
          const old = sockets[w.i]!;
          const firstTwo = w.cloids.slice(0, 2);
          await old.waitFor(`wallet ${w.i}: updates for ${firstTwo.join(',')}`, () => (firstTwo.every((c) => old.orderCloids().includes(c)) ? true : undefined));
          await old.close();
          const fresh = await StreamClient.open(sim.wsUrl);
          await subscribeAll(fresh, w.subscribeAs);
          reconnected.push(fresh);
        }
      }
    }));
    trading = false;
    await churning;

    const listening = (w: (typeof wallets)[number]): StreamClient[] =>
      w.i === RECONNECTING ? [reconnected[0]!] : w.i === 4 ? [sockets[4]!, second] : [sockets[w.i]!];
    for (const w of wallets) {
      expect(w.filledOids, `wallet ${w.i} fills`).toHaveLength(3);
      for (const stream of listening(w)) {
        const expected = w.i === RECONNECTING ? w.cloids.slice(2) : w.cloids;
        await stream.waitFor(`wallet ${w.i}: updates for ${expected.join(',')}`, () => (expected.every((c) => stream.orderCloids().includes(c)) ? true : undefined));
        await stream.barrier();
        expect(stream.orderCloids().sort(), `wallet ${w.i} order updates`).toEqual([...expected].sort());
        const expectedFills = w.i === RECONNECTING ? w.filledOids.slice(2) : w.filledOids;
        expect(stream.liveFillOids().sort(), `wallet ${w.i} live fills`).toEqual([...expectedFills].sort());
        for (const data of [...stream.data('userFills'), ...stream.data('clearinghouseState')]) expect(at(data, 'user')).toBe(w.account);
        const last = stream.data('clearinghouseState').at(-1);
        expect(at(last, 'clearinghouseState', 'assetPositions')).toMatchObject([{ position: { coin: 'ETH', szi: '0.3' } }, { position: { coin: 'SOL', szi: '3.0' } }]);
      }
      expect(sim.position(w.account, 'ETH')?.szi, `wallet ${w.i} ETH`).toBe(0.3);
    }
    // Before the reconnect, the old socket heard exactly the first two orders; the new one's
    // userFills snapshot carries the fills it missed.
    expect(sockets[RECONNECTING]!.orderCloids().sort()).toEqual(wallets[RECONNECTING]!.cloids.slice(0, 2).sort());
    const snapshot = reconnected[0]!.data('userFills').find((d) => at(d, 'isSnapshot') === true);
    expect(list(at(snapshot, 'fills'), 'fills').map((f) => at(f, 'oid'))).toEqual(wallets[RECONNECTING]!.filledOids.slice(0, 2));
    expect(sim.orderCount()).toBe(WALLETS * 4);
  });
});
