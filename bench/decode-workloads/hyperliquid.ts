/** Hyperliquid l2Book pushes on the recorded book's shape (../hyperliquid-frames.ts), each replacing the whole book. */
import { Book } from '../../src/book/book.js';
import { scanL2Book } from '../../src/feeds/venues/hyperliquid-book-scan.js';
import { hyperliquid } from '../../src/feeds/venues/hyperliquid.js';
import type { Ccxt } from '../ccxt-peer.js';
import { hyperliquidFrames } from '../hyperliquid-frames.js';
import type { Workload } from './workload.js';

export function hyperliquidWorkload(ccxt: Ccxt | undefined): Workload {
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
    scan: (frame) => scanL2Book(frame as string),
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
    notes: [`${frames.length} l2Book pushes on the recorded book's shape, 20 levels a side, ~${bytes} B each; (c) replaces the whole book per push`],
  };
}
