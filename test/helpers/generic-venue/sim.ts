/**
 * The simulator of the test-only "generic" venue, written from the wire spec in ./codec.ts's
 * header and not from its decoder. Per connection it keeps the book subscriptions (with the seq
 * each was last sent at, for the prevSeq chain) and a heartbeat timer. Faults only this protocol
 * can commit: `gap` (an update is skipped), `bad-checksum` (a book message carries a wrong CRC),
 * `no-pong` (the heartbeat channel falls silent while market data flows).
 *
 * With `contractSize` its sizes are contracts (base size / contract size) and it answers the
 * instrument request; a book subscribed with a depth gets only its best N levels a side, and
 * updates that keep those N levels whole (a level entering from below is sent when one leaves).
 */
import { crc32Signed } from '../../../src/book/crc32.js';
import type { BookSpec, LevelChange, SimBook } from '../../../src/sim/market-model.js';
import type { SimClient, SimProtocol, SimSession, SimSymbol, SimVenueContext } from '../../../src/sim/venue-server.js';

const TOP = 25;

export interface GenericSimOptions {
  readonly heartbeatEveryMs?: number;
  /** Base units per contract, as the instrument answer writes it ("0.01"); a power of ten. */
  readonly contractSize?: string;
}

type Level = [price: string, size: string];

/** A base size in contracts of 10^-k: the decimal point moves k places right, exactly. */
function inContracts(size: string, contractSize: string | undefined): string {
  if (contractSize === undefined) return size;
  const places = contractSize.length - contractSize.indexOf('.') - 1;
  const [whole = '0', fraction = ''] = size.split('.');
  const digits = `${whole}${fraction.padEnd(places, '0')}`;
  const rest = fraction.slice(places);
  const integer = digits.slice(0, whole.length + places).replace(/^0+(?=\d)/, '');
  return rest === '' ? integer : `${integer}.${rest}`;
}

/** The levels a subscription sees: the best `depth` a side, sizes in contracts. */
function view(book: SimBook, side: 'bid' | 'ask', depth: number, contractSize: string | undefined): Level[] {
  return book.levels(side, depth).map(([price, size]) => [price, inContracts(size, contractSize)]);
}

/**
 * What changed between two views of one side: new or resized levels, and "0" for levels taken
 * off the book. A level only pushed below the N best is not announced (as Kraken does not): the
 * client must truncate to N itself.
 */
function changesBetween(before: readonly Level[], after: readonly Level[], listed: ReadonlySet<string>): Level[] {
  const old = new Map(before);
  const now = new Map(after);
  const changes: Level[] = after.filter(([price, size]) => old.get(price) !== size);
  for (const [price] of before) if (!now.has(price) && !listed.has(price)) changes.push([price, '0']);
  return changes;
}

function pricesOf(book: SimBook, side: 'bid' | 'ask'): Set<string> {
  return new Set(book.levels(side).map(([price]) => price));
}

/** "bidPx:bidSz:askPx:askSz:..." over the top 25 levels; a side that runs out is skipped. */
function checksumOf(bids: readonly Level[], asks: readonly Level[]): number {
  const parts: string[] = [];
  for (let i = 0; i < TOP; i++) {
    if (bids[i]) parts.push(...bids[i]!);
    if (asks[i]) parts.push(...asks[i]!);
  }
  return crc32Signed(parts.join(':'));
}

interface Subscription {
  /** The seq of the last book message sent. */
  seq: number;
  readonly depth: number;
  /** The client's best levels (at most the checksum's 25, or the depth): what it was last told. */
  bids: Level[];
  asks: Level[];
}

class GenericSession implements SimSession {
  private readonly books = new Map<string, Subscription>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly heartbeatEveryMs: number,
    private readonly contractSize: string | undefined,
  ) {}

  message(text: string): void {
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return this.send({ event: 'error', code: 'bad-request', message: `not JSON: ${text.slice(0, 80)}` });
    }
    const { op, channel, symbol } = request;
    if (op === 'subscribe' && channel === 'heartbeat') return this.startHeartbeat();
    const base = typeof symbol === 'string' ? /^([A-Z0-9]+)-USD$/.exec(symbol)?.[1] : undefined;
    const state = base === undefined ? undefined : this.context.symbol(base);
    if (channel !== 'book' || typeof symbol !== 'string') return this.send({ event: 'error', code: 'bad-request', message: `unknown request ${text.slice(0, 80)}` });
    if (!state) return this.send({ event: 'error', code: 'unknown-symbol', message: `unknown symbol ${symbol}` });
    if (op === 'unsubscribe') {
      this.books.delete(symbol);
      return this.send({ event: 'unsubscribed', channel, symbol });
    }
    if (op !== 'subscribe') return this.send({ event: 'error', code: 'bad-request', message: `unknown op ${String(op)}` });
    this.send({ event: 'subscribed', channel, symbol });
    const depth = typeof request['depth'] === 'number' ? request['depth'] : Number.POSITIVE_INFINITY;
    const subscription: Subscription = { seq: state.seq, depth, bids: [], asks: [] };
    this.books.set(symbol, subscription);
    const bids = view(state.book, 'bid', depth, this.contractSize);
    const asks = view(state.book, 'ask', depth, this.contractSize);
    const kept = depth === Number.POSITIVE_INFINITY ? TOP : depth;
    subscription.bids = bids.slice(0, kept);
    subscription.asks = asks.slice(0, kept);
    this.sendBook(symbol, subscription, { type: 'snapshot', seq: state.seq, prevSeq: -1, bids, asks });
  }

  publish(state: SimSymbol, changes: readonly LevelChange[], firstSeq: number): void {
    const symbol = `${state.base}-USD`;
    const subscription = this.books.get(symbol);
    if (subscription === undefined) return;
    const seq = firstSeq + changes.length - 1;
    const body = { type: 'update', seq, prevSeq: firstSeq - 1, ...this.update(state, subscription, changes) };
    // A lost update: the next one's prevSeq is not the seq the client holds.
    if (this.context.faults.take('gap')) return;
    subscription.seq = seq;
    this.sendBook(symbol, subscription, body);
  }

  /**
   * The levels to send, and the client's view kept for the checksum. The whole book: the
   * changes as made (cheap, so a burst of 10 000 stays cheap). A depth: the difference between
   * the N best levels before and after.
   */
  private update(state: SimSymbol, subscription: Subscription, changes: readonly LevelChange[]): { bids: Level[]; asks: Level[] } {
    const top = subscription.depth === Number.POSITIVE_INFINITY ? TOP : subscription.depth;
    const bids = view(state.book, 'bid', top, this.contractSize);
    const asks = view(state.book, 'ask', top, this.contractSize);
    if (subscription.depth === Number.POSITIVE_INFINITY) {
      subscription.bids = bids;
      subscription.asks = asks;
      const sent = (side: 'bid' | 'ask'): Level[] => changes.filter((c) => c.side === side).map((c) => [c.price, inContracts(c.size, this.contractSize)]);
      return { bids: sent('bid'), asks: sent('ask') };
    }
    const update = { bids: changesBetween(subscription.bids, bids, pricesOf(state.book, 'bid')), asks: changesBetween(subscription.asks, asks, pricesOf(state.book, 'ask')) };
    subscription.bids = bids;
    subscription.asks = asks;
    return update;
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.books.clear();
  }

  private sendBook(symbol: string, subscription: Subscription, body: Record<string, unknown>): void {
    const checksum = checksumOf(subscription.bids, subscription.asks) ^ (this.context.faults.take('bad-checksum') ? 1 : 0);
    this.client.send(JSON.stringify({ channel: 'book', symbol, ts: Date.now(), ...body, checksum }), 'market');
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      if (!this.context.faults.active('no-pong')) this.send({ channel: 'heartbeat', ts: Date.now() });
    }, this.heartbeatEveryMs);
    this.heartbeat.unref();
  }

  private send(message: Record<string, unknown>): void {
    this.client.send(JSON.stringify(message), 'control');
  }
}

export function genericVenueProtocol(options: GenericSimOptions = {}): SimProtocol {
  const heartbeatEveryMs = options.heartbeatEveryMs ?? 1_000;
  const { contractSize } = options;
  return {
    venue: 'generic',
    faults: ['gap', 'bad-checksum', 'no-pong'],
    bookSpec: (): BookSpec => ({ priceDecimals: 2, sizeDecimals: 4 }),
    connect: (_url, client, context) => new GenericSession(client, context, heartbeatEveryMs, contractSize),
    http(url, _body, context) {
      const symbol = url.searchParams.get('symbol') ?? '';
      const base = /^([A-Z0-9]+)-USD$/.exec(symbol)?.[1];
      if (url.pathname !== '/instrument' || contractSize === undefined) return { status: 404, body: '{"error":"not-found"}' };
      if (base === undefined || !context.symbol(base)) return { status: 404, body: JSON.stringify({ error: 'unknown-symbol', message: `unknown instrument ${symbol}` }) };
      return { status: 200, body: JSON.stringify({ symbol, contractSize }) };
    },
  };
}
