/**
 * The simulator of the test-only "generic" venue, written from the wire spec in ./codec.ts's
 * header and not from its decoder. Per connection it keeps the book subscriptions (with the seq
 * each was last sent at, for the prevSeq chain) and a heartbeat timer. Faults only this protocol
 * can commit: `gap` (an update is skipped), `bad-checksum` (a book message carries a wrong CRC),
 * `no-pong` (the heartbeat channel falls silent while market data flows).
 */
import { crc32Signed } from '../../../src/book/crc32.js';
import type { BookSpec, LevelChange, SimBook } from '../../../src/sim/market-model.js';
import type { SimClient, SimProtocol, SimSession, SimSymbol, SimVenueContext } from '../../../src/sim/venue-server.js';

const TOP = 25;

export interface GenericSimOptions {
  readonly heartbeatEveryMs?: number;
}

/** "bidPx:bidSz:askPx:askSz:..." over the top 25 levels; a side that runs out is skipped. */
function checksumOf(book: SimBook): number {
  const bids = book.levels('bid', TOP);
  const asks = book.levels('ask', TOP);
  const parts: string[] = [];
  for (let i = 0; i < TOP; i++) {
    if (bids[i]) parts.push(...bids[i]!);
    if (asks[i]) parts.push(...asks[i]!);
  }
  return crc32Signed(parts.join(':'));
}

class GenericSession implements SimSession {
  /** Subscribed symbol name -> the seq of the last book message sent for it. */
  private readonly books = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: SimClient,
    private readonly context: SimVenueContext,
    private readonly heartbeatEveryMs: number,
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
    this.books.set(symbol, state.seq);
    const levels = { bids: state.book.levels('bid'), asks: state.book.levels('ask') };
    this.sendBook(symbol, state, { type: 'snapshot', seq: state.seq, prevSeq: -1, ...levels });
  }

  publish(state: SimSymbol, changes: readonly LevelChange[], firstSeq: number): void {
    const symbol = `${state.base}-USD`;
    const lastSent = this.books.get(symbol);
    if (lastSent === undefined) return;
    const seq = firstSeq + changes.length - 1;
    // A lost update: the next one's prevSeq is not the seq the client holds.
    if (this.context.faults.take('gap')) return;
    const bids = changes.filter((c) => c.side === 'bid').map((c) => [c.price, c.size]);
    const asks = changes.filter((c) => c.side === 'ask').map((c) => [c.price, c.size]);
    this.books.set(symbol, seq);
    this.sendBook(symbol, state, { type: 'update', seq, prevSeq: firstSeq - 1, bids, asks });
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.books.clear();
  }

  private sendBook(symbol: string, state: SimSymbol, body: Record<string, unknown>): void {
    const checksum = checksumOf(state.book) ^ (this.context.faults.take('bad-checksum') ? 1 : 0);
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
  return {
    venue: 'generic',
    faults: ['gap', 'bad-checksum', 'no-pong'],
    bookSpec: (): BookSpec => ({ priceDecimals: 2, sizeDecimals: 4 }),
    connect: (_url, client, context) => new GenericSession(client, context, heartbeatEveryMs),
  };
}
