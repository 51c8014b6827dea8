/**
 * Realistic Hyperliquid `l2Book` pushes built on the shape of a real one
 * (test/fixtures/hyperliquid/l2book-order-book-server.json, a recorded BTC book from
 * hyperliquid-dex/order_book_server's tests): the same coin, price and size formats,
 * 20 levels a side as the venue sends by default ("20 levels if slow", subscriptions doc), a seeded random walk of the mid and the sizes between pushes.
 */
import { readFileSync } from 'node:fs';
import { seededRandom } from '../src/sim/market-model.js';
import { asReceived } from './as-received.js';
import { fixturePath } from './fixtures.js';

interface WsLevel {
  readonly px: string;
  readonly sz: string;
  readonly n: number;
}

interface WsBookPush {
  readonly channel: 'l2Book';
  readonly data: { readonly coin: string; readonly time: number; readonly levels: readonly [readonly WsLevel[], readonly WsLevel[]] };
}

const LEVELS_PER_SIDE = 20;
/** "pushed on each block that is at least 0.5 since last push". */
const PUSH_MS = 500;

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function hyperliquidFrames(count: number, seed = 7): string[] {
  const template = (JSON.parse(readFileSync(fixturePath('hyperliquid/l2book-order-book-server.json'), 'utf8')) as { frame: WsBookPush }).frame;
  const [[bid], [ask]] = template.data.levels;
  if (!bid || !ask) throw new Error('bench: the l2Book template has an empty side');
  const pxDecimals = decimalsOf(bid.px);
  const szDecimals = decimalsOf(bid.sz);
  const random = seededRandom(seed);
  const level = (price: number): WsLevel => {
    const size = Math.max(10 ** -szDecimals, -Math.log(1 - random()) * 0.8);
    return { px: price.toFixed(pxDecimals), sz: size.toFixed(szDecimals), n: 1 + Math.floor(random() * 12) };
  };
  let bestBid = Number(bid.px);
  const spread = Math.max(1, Number(ask.px) - bestBid);
  const frames: string[] = [];
  for (let i = 0; i < count; i++) {
    bestBid += Math.round((random() - 0.5) * 6);
    const bids = Array.from({ length: LEVELS_PER_SIDE }, (_, k) => level(bestBid - k));
    const asks = Array.from({ length: LEVELS_PER_SIDE }, (_, k) => level(bestBid + spread + k));
    const push: WsBookPush = { channel: 'l2Book', data: { coin: template.data.coin, time: template.data.time + i * PUSH_MS, levels: [bids, asks] } };
    frames.push(asReceived(JSON.stringify(push)));
  }
  return frames;
}
