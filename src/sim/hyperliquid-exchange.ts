/**
 * A simulated Hyperliquid exchange on loopback, for `--demo` and the tests: POST /info, POST
 * /exchange (signed `order` actions) and the user streams at /ws (orderUpdates, userFills,
 * clearinghouseState). It is a loopback server (loopback-server.ts) and owns its sockets and its
 * answer-delay timers; close() ends them all. Market data (l2Book streams) is
 * src/sim/venues/hyperliquid-book.ts's job.
 *
 * The parts, each citing the docs it follows: hyperliquid/wire.ts (request decoding),
 * exchange-endpoint.ts (signature, agents, nonces), matching-engine.ts (order rules), ledger.ts
 * (positions, orders, fills), views.ts (response shapes), info-endpoint.ts, user-streams.ts.
 * Signing is shared with the client (src/hyperliquid/signing.ts) because the official SDK's test
 * vectors pin it; no decoder from src/feeds is used.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ExchangeEndpoint, type AccountChanges, type HttpAnswer } from './hyperliquid/exchange-endpoint.js';
import { answerInfo } from './hyperliquid/info-endpoint.js';
import { Ledger, type NewPosition } from './hyperliquid/ledger.js';
import { SimMarket } from './hyperliquid/market.js';
import { MatchingEngine } from './hyperliquid/matching-engine.js';
import { UserStreams } from './hyperliquid/user-streams.js';
import { clearinghouseState, leverageOf, orderUpdate, wireFill } from './hyperliquid/views.js';
import type { UserSubscription } from './hyperliquid/wire.js';
import { LoopbackServer, readBody } from './loopback-server.js';
import type { MarketModel } from './market-model.js';

export interface HyperliquidExchangeSimOptions {
  readonly model: MarketModel;
  /** Which phantom-agent source signatures are checked with: "a" mainnet, "b" testnet (default). */
  readonly isMainnet?: boolean;
  /** The block clock (ms since epoch): order timestamps and the nonce window. */
  readonly now?: () => number;
}

export interface SimAccountSetup {
  readonly usdc: number;
  readonly positions?: readonly NewPosition[];
}

export interface SimPosition {
  readonly szi: number;
  readonly entryPx: number;
  readonly leverage: number;
}

export class HyperliquidExchangeSim extends LoopbackServer {
  private readonly ledger = new Ledger();
  private readonly market: SimMarket;
  private readonly engine: MatchingEngine;
  private readonly exchange: ExchangeEndpoint;
  private readonly streams: UserStreams;
  private readonly now: () => number;
  private readonly delayed = new Set<NodeJS.Timeout>();
  private latencyMs = 0;
  private closed = false;

  constructor(options: HyperliquidExchangeSimOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.market = new SimMarket(options.model);
    this.engine = new MatchingEngine(this.ledger, this.market);
    this.exchange = new ExchangeEndpoint(this.ledger, this.engine, options.isMainnet ?? false);
    this.streams = new UserStreams((sub) => this.snapshot(sub));
  }

  get url(): string {
    return this.httpUrl;
  }

  /** The user streams' endpoint ("wss://api.hyperliquid.xyz/ws", websocket docs). */
  override get wsUrl(): string {
    return `${super.wsUrl}/ws`;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.delayed) clearTimeout(timer);
    this.delayed.clear();
    this.streams.close();
    await this.closeLoopback();
  }

  // -------------------------------------------------------------------------------------------
  // Control API for tests and the demo (never reachable over HTTP).

  /** A master account (any address, any case) with USDC and cross positions at their entry prices. */
  createAccount(address: string, setup: SimAccountSetup): void {
    const szDecimals = (coin: string) => this.market.asset(this.market.indexOf(coin))?.szDecimals ?? 6;
    this.ledger.createAccount(address.toLowerCase(), setup.usdc, setup.positions ?? [], szDecimals);
  }

  /** Let `agentAddress` sign for `accountAddress` (an API wallet, docs "Nonces and API wallets"). */
  approveAgent(agentAddress: string, accountAddress: string): void {
    this.ledger.approveAgent(agentAddress.toLowerCase(), accountAddress.toLowerCase());
  }

  /** Orders that reached the matching engine (signature and nonce accepted), for one account or all. */
  orderCount(account?: string): number {
    return this.exchange.orderCount(account?.toLowerCase());
  }

  position(account: string, coin: string): SimPosition | undefined {
    const holder = this.ledger.account(account.toLowerCase());
    const p = holder?.positions.get(coin);
    if (!holder || !p) return undefined;
    const maxLeverage = this.market.asset(this.market.indexOf(coin))?.maxLeverage ?? 20;
    return { szi: p.szi, entryPx: p.entryPx, leverage: leverageOf(holder, coin, maxLeverage) };
  }

  /** Delay every /exchange answer by `ms`; the order still executes at once (a client timeout). */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** The next order that reaches the engine gets `message` as its per-order error status. */
  rejectNext(message: string): void {
    this.engine.rejectNext(message);
  }

  /** Cut every /ws connection abruptly. */
  dropUserStreams(): void {
    this.streams.dropAll();
  }

  // -------------------------------------------------------------------------------------------

  protected override async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', this.url).pathname;
    if (request.method !== 'POST' || (path !== '/info' && path !== '/exchange')) {
      return reply(response, { status: 404, body: 'Not Found', contentType: 'text/plain' }, this.now());
    }
    const body = await readBody(request);
    if (this.closed) return;
    if (path === '/info') return reply(response, answerInfo(body, this.ledger, this.market, this.now()), this.now());
    const { answer, changes } = this.exchange.handle(body, this.now());
    if (changes) this.publish(changes);
    if (this.latencyMs <= 0) return reply(response, answer, this.now());
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      reply(response, answer, this.now());
    }, this.latencyMs);
    this.delayed.add(timer);
  }

  protected override onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closed || new URL(request.url ?? '/', this.url).pathname !== '/ws') {
      socket.destroy();
      return;
    }
    this.acceptUpgrade(request, socket, head, (ws) => this.streams.attach(ws));
  }

  /** After an accepted action, every socket subscribed to the account hears of it. */
  private publish({ account, orders, fills }: AccountChanges): void {
    const user = account.address;
    if (orders.length > 0) this.streams.publish('orderUpdates', user, orders.map(orderUpdate));
    if (fills.length > 0) this.streams.publish('userFills', user, { user, fills: fills.map(wireFill) });
    this.streams.publish('clearinghouseState', user, { dex: '', user, clearinghouseState: clearinghouseState(account, this.market, this.now()) });
  }

  /**
   * What a subscribe gets first: userFills a snapshot with isSnapshot: true ("Subscriptions": "the
   * first message has isSnapshot: true"), clearinghouseState the current state; orderUpdates none.
   */
  private snapshot(sub: UserSubscription): unknown {
    const account = this.ledger.account(sub.user);
    switch (sub.channel) {
      case 'userFills':
        return { isSnapshot: true, user: sub.user, fills: (account?.fills ?? []).map(wireFill) };
      case 'clearinghouseState':
        return { dex: '', user: sub.user, clearinghouseState: clearinghouseState(account, this.market, this.now()) };
      case 'orderUpdates':
        return undefined;
    }
  }
}

/** Every answer carries the exchange's own time in its Date header (RFC 9110 §6.6.1), as real servers' do. */
function reply(response: ServerResponse, answer: HttpAnswer, now: number): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(answer.status, { 'Content-Type': answer.contentType, Date: new Date(now).toUTCString() });
  response.end(answer.body);
}
