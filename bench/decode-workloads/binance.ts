/**
 * Recorded Binance depth diffs, spot and USDⓈ-M futures (cryptofeed captures, test/fixtures/recorded/):
 * only the depth diffs (the captures also hold bookTicker, kline, aggTrade), each symbol's book
 * seeded from its recorded REST snapshot.
 */
import { Book } from '../../src/book/book.js';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { scanFuturesDepthUpdate, scanSpotDepthUpdate } from '../../src/feeds/venues/binance-depth-scan.js';
import { binanceSpot } from '../../src/feeds/venues/binance-spot.js';
import { binanceUsdm } from '../../src/feeds/venues/binance-usdm.js';
import type { Ccxt, CcxtOrderBook } from '../ccxt-peer.js';
import { recordedFrames, recordedRest } from '../recording.js';
import type { Workload } from './workload.js';

interface Capture {
  readonly adapter: VenueAdapter;
  /** test/fixtures/recorded/<name>.ws.txt and .rest.txt */
  readonly name: string;
  /** ccxt.pro's class for the venue. */
  readonly ccxtId: string;
  readonly scan: (text: string) => unknown;
  readonly replays: number;
}

function recordedDepthWorkload(capture: Capture, ccxt: Ccxt | undefined): Workload {
  const { adapter, name } = capture;
  const all = recordedFrames(`${name}.ws.txt`);
  const frames = all.filter((frame) => (JSON.parse(frame) as { stream: string }).stream.endsWith('@depth@100ms'));
  const snapshots = new Map<string, string>();
  for (const answer of recordedRest(`${name}.rest.txt`)) snapshots.set(new URL(answer.url).searchParams.get('symbol') ?? '', answer.body);
  const symbolOf = (frame: string): string => (JSON.parse(frame) as { data: { s: string } }).data.s;
  const books = new Map<string, Book>();
  const peerBooks = new Map<string, CcxtOrderBook>();
  const exchange = ccxt ? new ccxt.pro[capture.ccxtId]!() : undefined;
  for (const [symbol, body] of snapshots) {
    const snapshot = adapter.restSnapshot!.decode(body);
    if (snapshot.type !== 'snapshot') throw new Error(`bench: bad recorded snapshot of ${symbol}`);
    const book = new Book();
    book.replace(snapshot.bids, snapshot.asks);
    books.set(symbol, book);
    if (exchange) peerBooks.set(symbol, exchange.orderBook(exchange.parseOrderBook(JSON.parse(body), symbol, undefined, 'bids', 'asks')));
  }
  const symbols = frames.map(symbolOf);
  const levels = frames.reduce((sum, frame) => {
    const data = (JSON.parse(frame) as { data: { b: unknown[]; a: unknown[] } }).data;
    return sum + data.b.length + data.a.length;
  }, 0);
  return {
    adapter,
    frames,
    books: symbols.map((symbol) => books.get(symbol)!),
    replays: capture.replays,
    scan: (frame) => capture.scan(frame as string),
    // ccxt/js/src/pro/binance.js handleOrderBookMessage: the payload's deltas into the symbol's book.
    ...(exchange ? { peer: (i: number) => void exchange.handleOrderBookMessage(undefined, (JSON.parse(frames[i]!) as { data: unknown }).data, peerBooks.get(symbols[i]!)!) } : {}),
    notes: [
      `${name}.ws.txt: its ${frames.length} depth diffs (of ${all.length} frames; bookTicker/kline/aggTrade left out), ` +
        `${(levels / frames.length).toFixed(1)} levels and ${Math.round(frames.reduce((s, f) => s + Buffer.byteLength(f), 0) / frames.length)} B each; books seeded from the ${books.size} recorded REST snapshots`,
    ],
  };
}

export function binanceSpotWorkload(ccxt: Ccxt | undefined): Workload {
  return recordedDepthWorkload({ adapter: binanceSpot(), name: 'binance-spot-cryptofeed', ccxtId: 'binance', scan: scanSpotDepthUpdate, replays: 300 }, ccxt);
}

export function binanceUsdmWorkload(ccxt: Ccxt | undefined): Workload {
  return recordedDepthWorkload({ adapter: binanceUsdm(), name: 'binance-usdm-cryptofeed', ccxtId: 'binanceusdm', scan: scanFuturesDepthUpdate, replays: 60 }, ccxt);
}
