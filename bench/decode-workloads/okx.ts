/**
 * Recorded OKX `books` pushes (okx-cryptofeed.ws.txt, a 2022 cryptofeed capture): one
 * instrument's snapshot and its updates, into one book. The capture predates `seqId` and the
 * checksum's deprecation, so every push carries a real CRC32, which the codec passes on.
 */
import { Book } from '../../src/book/book.js';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { scanOkxBooks } from '../../src/feeds/venues/okx-book-scan.js';
import type { Ccxt } from '../ccxt-peer.js';
import { recordedFrames } from '../recording.js';
import type { Workload } from './workload.js';

const CAPTURE = 'okx-cryptofeed.ws.txt';

export function okxWorkload(adapter: VenueAdapter, instId: string, ccxt: Ccxt | undefined): Workload {
  const all = recordedFrames(CAPTURE);
  const frames = all.filter((frame) => frame.startsWith(`{"arg":{"channel":"books","instId":"${instId}"}`));
  const exchange = ccxt ? (new ccxt.pro['okx']!() as unknown as { handleOrderBook(client: object, message: unknown): void }) : undefined;
  // What ccxt/js/src/pro/okx.js handleOrderBook reads of its client.
  const client = { url: 'wss://ws.okx.com:8443/ws/v5/public', subscriptions: { [`books:${instId}`]: true }, resolve: () => {}, reject: () => {} };
  const book = new Book();
  const levels = frames.reduce((sum, frame) => {
    const [item] = (JSON.parse(frame) as { data: Array<{ bids: unknown[]; asks: unknown[] }> }).data;
    return sum + item!.bids.length + item!.asks.length;
  }, 0);
  return {
    adapter,
    frames,
    books: frames.map(() => book),
    replays: 60,
    scan: (frame) => scanOkxBooks(frame as string),
    ...(exchange ? { peer: (i: number) => exchange.handleOrderBook(client, JSON.parse(frames[i]!)) } : {}),
    notes: [
      `${CAPTURE}: the ${frames.length} books pushes of ${instId} (of ${all.length} frames; a snapshot, then updates), ` +
        `${(levels / frames.length).toFixed(1)} levels and ${Math.round(frames.reduce((s, f) => s + Buffer.byteLength(f), 0) / frames.length)} B each`,
    ],
  };
}
