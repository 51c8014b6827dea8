/**
 * Benchmark 1, the hot path without sockets: recorded frames through (a) bare JSON.parse, the
 * floor any JSON codec pays, (b) the venue codec's decode, (c) decode + Book.apply into the
 * books a feed would hold. Reported as ns/frame and as ratios b/a and c/a.
 */
import { Book } from '../src/book/book.js';
import type { VenueAdapter } from '../src/feeds/types.js';
import { binanceSpot } from '../src/feeds/venues/binance-spot.js';
import { hyperliquid } from '../src/feeds/venues/hyperliquid.js';
import { hyperliquidFrames } from './hyperliquid-frames.js';
import { timeInterleaved } from './measure.js';
import { recordedFrames, recordedRest } from './recording.js';
import { row, type Section } from './result.js';

const ROUNDS = 15;
let sink = 0;

interface Workload {
  readonly adapter: VenueAdapter;
  readonly frames: readonly string[];
  /** The book each frame's deltas or snapshot land in (one feed = one book). */
  readonly books: readonly Book[];
  /** Replays of `frames` per timed batch. */
  readonly replays: number;
}

function measure(title: string, workload: Workload, notes: readonly string[]): Section {
  const { adapter, frames, books, replays } = workload;
  const ops = frames.length * replays;
  const ns = timeInterleaved(
    {
      parse: () => {
        for (let r = 0; r < replays; r++) for (const frame of frames) sink += JSON.parse(frame) === null ? 0 : 1;
        return ops;
      },
      decode: () => {
        for (let r = 0; r < replays; r++) for (const frame of frames) sink += adapter.decode(frame).length;
        return ops;
      },
      apply: () => {
        for (let r = 0; r < replays; r++) {
          for (let i = 0; i < frames.length; i++) {
            for (const event of adapter.decode(frames[i]!)) {
              if (event.type === 'delta') books[i]!.apply(event.bids, event.asks);
              else if (event.type === 'snapshot') books[i]!.replace(event.bids, event.asks);
            }
          }
        }
        return ops;
      },
    },
    ROUNDS,
  );
  const parse = { value: ns.parse, name: 'JSON.parse' };
  return {
    title,
    rows: [
      row('(a) JSON.parse only', ns.parse, 'ns/frame'),
      row('(b) adapter.decode', ns.decode, 'ns/frame', parse),
      row('(c) decode + into the book', ns.apply, 'ns/frame', parse),
    ],
    notes: [...notes, `(c) is Book.apply of each delta, Book.replace of each snapshot; median of ${ROUNDS} interleaved rounds of ${ops} frames; ratios are b/a and c/a`],
  };
}

/** Recorded Binance spot traffic, books seeded from the recorded REST snapshots. */
function binanceWorkload(): { workload: Workload; notes: string[] } {
  const adapter = binanceSpot();
  const frames = recordedFrames('binance-spot-cryptofeed.ws.txt');
  const bookBySymbol = new Map<string, Book>();
  const bookFor = (symbol: string): Book => {
    let book = bookBySymbol.get(symbol);
    if (!book) bookBySymbol.set(symbol, (book = new Book()));
    return book;
  };
  let snapshotLevels = 0;
  for (const answer of recordedRest('binance-spot-cryptofeed.rest.txt')) {
    const snapshot = adapter.restSnapshot!.decode(answer.body);
    if (snapshot.type !== 'snapshot') throw new Error(`bench: bad recorded snapshot ${answer.url}`);
    bookFor(new URL(answer.url).searchParams.get('symbol') ?? '').replace(snapshot.bids, snapshot.asks);
    snapshotLevels += snapshot.bids.length + snapshot.asks.length;
  }
  const streams = frames.map((frame) => (JSON.parse(frame) as { stream: string }).stream);
  const books = streams.map((stream) => bookFor(stream.split('@')[0]!.toUpperCase()));
  const diffs = streams.filter((stream) => stream.endsWith('@depth@100ms')).length;
  return {
    workload: { adapter, frames, books, replays: 20 },
    notes: [
      `binance-spot-cryptofeed.ws.txt: ${frames.length} frames (${diffs} depth diffs, ${frames.length - diffs} bookTicker/kline/aggTrade), ` +
        `books seeded from ${bookBySymbol.size} recorded REST snapshots (${snapshotLevels} levels)`,
    ],
  };
}

function hyperliquidWorkload(): { workload: Workload; notes: string[] } {
  const frames = hyperliquidFrames(200);
  const book = new Book();
  const bytes = Math.round(frames.reduce((sum, frame) => sum + frame.length, 0) / frames.length);
  return {
    workload: { adapter: hyperliquid(), frames, books: frames.map(() => book), replays: 5 },
    notes: [`${frames.length} l2Book pushes built on the ccxt example's shape, 20 levels a side, ~${bytes} B each; (c) replaces the whole book per push`],
  };
}

export function decodeBench(): Section[] {
  const binance = binanceWorkload();
  const hl = hyperliquidWorkload();
  const sections = [
    measure('1a. Decode + book: Binance spot, recorded frames', binance.workload, binance.notes),
    measure('1b. Decode + book: Hyperliquid l2Book snapshots', hl.workload, hl.notes),
  ];
  if (sink === 0) throw new Error('bench: nothing was decoded');
  return sections;
}
