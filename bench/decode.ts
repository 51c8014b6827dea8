/**
 * Benchmark 1, the hot path without sockets: recorded depth frames through (a) bare JSON.parse,
 * the floor any JSON codec pays, (b) the venue codec's decode, (c) decode + Book.apply into the
 * books a feed would hold, and (p) ccxt's order-book handling of the same frames (JSON.parse plus
 * its handler), the peer. CPU time per frame, interleaved rounds; ratios are per round against
 * (a) of the same round, reported as median and min–max.
 */
import { Book } from '../src/book/book.js';
import type { VenueAdapter } from '../src/feeds/types.js';
import { scanSpotDepthUpdate } from '../src/feeds/venues/binance-depth-scan.js';
import { binanceSpot } from '../src/feeds/venues/binance-spot.js';
import { scanL2Book } from '../src/feeds/venues/hyperliquid-book-scan.js';
import { hyperliquid } from '../src/feeds/venues/hyperliquid.js';
import { loadCcxt, type Ccxt, type CcxtOrderBook } from './ccxt-peer.js';
import { hyperliquidFrames } from './hyperliquid-frames.js';
import { timeInterleaved, type Batch } from './measure.js';
import { recordedFrames, recordedRest } from './recording.js';
import { pairedRow, type Section } from './result.js';

const ROUNDS = Number(process.env['BENCH_DECODE_ROUNDS'] ?? 11);
let sink = 0;

/** How many of the frames the codec reads straight from the text, the rest going through JSON.parse. */
function scannedShare(frames: readonly string[], scan: (text: string) => unknown): string {
  const taken = frames.filter((frame) => scan(frame) !== undefined).length;
  return `${taken} of ${frames.length} frames read by the codec's scanner, without JSON.parse (the rest: JSON.parse and guards)`;
}

interface Workload {
  readonly adapter: VenueAdapter;
  readonly frames: readonly string[];
  /** The book each frame's deltas or snapshot land in (one feed = one book). */
  readonly books: readonly Book[];
  /** Replays of `frames` per timed batch. */
  readonly replays: number;
  /**
   * Called before each replay of `frames` in (b) and (c): a codec that refuses a stream going
   * back in time (Hyperliquid's older book) is subscribed afresh, as after a reconnect.
   */
  readonly rewind?: () => void;
  /** ccxt's handling of frame i, or undefined when ccxt is absent. */
  readonly peer?: (i: number) => void;
  readonly notes: readonly string[];
}

function measure(title: string, workload: Workload, peerMissing: string | undefined): Section {
  const { adapter, frames, books, replays, peer } = workload;
  const rewind = workload.rewind ?? (() => {});
  const ops = frames.length * replays;
  const batches: Record<string, Batch> = {
    parse: () => {
      for (let r = 0; r < replays; r++) for (const frame of frames) sink += JSON.parse(frame) === null ? 0 : 1;
      return ops;
    },
    decode: () => {
      for (let r = 0; r < replays; r++) {
        rewind();
        for (const frame of frames) sink += adapter.decode(frame).length;
      }
      return ops;
    },
    apply: () => {
      for (let r = 0; r < replays; r++) {
        rewind();
        for (let i = 0; i < frames.length; i++) {
          for (const event of adapter.decode(frames[i]!)) {
            if (event.type === 'delta') books[i]!.apply(event.bids, event.asks);
            else if (event.type === 'snapshot') books[i]!.replace(event.bids, event.asks);
            else throw new Error(`bench: a depth frame decoded to ${event.type}`);
          }
        }
      }
      return ops;
    },
  };
  if (peer) {
    batches['ccxt'] = () => {
      for (let r = 0; r < replays; r++) for (let i = 0; i < frames.length; i++) peer(i);
      return ops;
    };
  }
  const ns = timeInterleaved(batches, ROUNDS);
  const parse = { samples: ns['parse']!, name: '(a) same round' };
  return {
    title,
    rows: [
      pairedRow('(a) JSON.parse only', ns['parse']!, 'ns/frame'),
      pairedRow('(b) adapter.decode', ns['decode']!, 'ns/frame', parse),
      pairedRow('(c) decode + into the book (goal ≤ ×1.25)', ns['apply']!, 'ns/frame', parse),
      ...(ns['ccxt'] ? [pairedRow('(p) ccxt: JSON.parse + its book handler', ns['ccxt'], 'ns/frame', parse)] : []),
    ],
    notes: [
      ...workload.notes,
      `CPU time (process.cpuUsage) of ${ROUNDS} interleaved rounds of ${ops} frames each, a forced GC before each batch; median and min–max over rounds`,
      peerMissing ?? '(p) calls ccxt.pro\'s own handler on the parsed frame; like (c) it checks no sequence ids (the feed does that, outside this figure)',
    ],
  };
}

/** Recorded Binance spot depth diffs (only those: the recording also holds bookTicker, kline, aggTrade). */
function binanceWorkload(ccxt: Ccxt | undefined): Workload {
  const adapter = binanceSpot();
  const all = recordedFrames('binance-spot-cryptofeed.ws.txt');
  const frames = all.filter((frame) => (JSON.parse(frame) as { stream: string }).stream.endsWith('@depth@100ms'));
  const snapshots = new Map<string, string>();
  for (const answer of recordedRest('binance-spot-cryptofeed.rest.txt')) snapshots.set(new URL(answer.url).searchParams.get('symbol') ?? '', answer.body);
  const symbolOf = (frame: string): string => (JSON.parse(frame) as { data: { s: string } }).data.s;
  const books = new Map<string, Book>();
  const peerBooks = new Map<string, CcxtOrderBook>();
  const exchange = ccxt ? new ccxt.pro['binance']!() : undefined;
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
    replays: 300,
    ...(exchange ? { peer: (i: number) => void exchange.handleOrderBookMessage(undefined, (JSON.parse(frames[i]!) as { data: unknown }).data, peerBooks.get(symbols[i]!)!) } : {}),
    notes: [
      `binance-spot-cryptofeed.ws.txt: its ${frames.length} depth diffs (of ${all.length} frames; bookTicker/kline/aggTrade left out), ` +
        `${(levels / frames.length).toFixed(1)} levels and ${Math.round(frames.reduce((s, f) => s + Buffer.byteLength(f), 0) / frames.length)} B each; books seeded from the ${books.size} recorded REST snapshots`,
      scannedShare(frames, scanSpotDepthUpdate),
    ],
  };
}

function hyperliquidWorkload(ccxt: Ccxt | undefined): Workload {
  const frames = hyperliquidFrames(200);
  const coin = (JSON.parse(frames[0]!) as { data: { coin: string } }).data.coin;
  const adapter = hyperliquid();
  const book = new Book();
  const exchange = ccxt ? new ccxt.pro['hyperliquid']!() : undefined;
  const peerBook = exchange?.orderBook({});
  const bytes = Math.round(frames.reduce((sum, frame) => sum + Buffer.byteLength(frame), 0) / frames.length);
  return {
    adapter,
    frames,
    books: frames.map(() => book),
    // The codec takes only the subscribed coin's books, each no older than the last.
    rewind: () => void adapter.subscribe(coin),
    replays: 15,
    // ccxt/js/src/pro/hyperliquid.js handleOrderBook: parseOrderBook of levels[0]/[1] by px/sz,
    // then reset the symbol's book (its market lookup and future resolution left out).
    ...(exchange && peerBook
      ? {
          peer: (i: number) => {
            const { data } = JSON.parse(frames[i]!) as { data: { time: number; levels: [unknown[], unknown[]] } };
            peerBook.reset(exchange.parseOrderBook({ bids: data.levels[0], asks: data.levels[1] }, 'BTC/USDC:USDC', data.time, 'bids', 'asks', 'px', 'sz'));
          },
        }
      : {}),
    notes: [`${frames.length} l2Book pushes on the recorded book's shape, 20 levels a side, ~${bytes} B each; (c) replaces the whole book per push`, scannedShare(frames, scanL2Book)],
  };
}

export async function decodeBench(): Promise<Section[]> {
  const loaded = await loadCcxt();
  const ccxt = 'ccxt' in loaded ? loaded.ccxt : undefined;
  const missing = 'missing' in loaded ? `(p) skipped: ${loaded.missing}` : undefined;
  const version = ccxt ? ` vs ccxt ${ccxt.version}` : '';
  const sections = [
    measure(`1a. Ingest: Binance spot recorded depth diffs${version}`, binanceWorkload(ccxt), missing),
    measure(`1b. Ingest: Hyperliquid l2Book pushes${version}`, hyperliquidWorkload(ccxt), missing),
  ];
  if (sink === 0) throw new Error('bench: nothing was decoded');
  return sections;
}
