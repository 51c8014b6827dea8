/**
 * The simulated venues' workloads: which frames are the book, how many, and ccxt's handler for
 * each (ccxt/js/src/pro/<id>.js handleOrderBook, called with the client fields it reads).
 */
import { gunzipSync } from 'node:zlib';
import type { Frame } from '../../src/feeds/types.js';
import { aster } from '../../src/feeds/venues/aster.js';
import { scanFuturesDepthUpdate } from '../../src/feeds/venues/binance-depth-scan.js';
import { bingx } from '../../src/feeds/venues/bingx.js';
import { scanBingxDepth } from '../../src/feeds/venues/bingx-depth-scan.js';
import { bybitLinear, bybitSpot } from '../../src/feeds/venues/bybit.js';
import { scanBybitBook } from '../../src/feeds/venues/bybit-book-scan.js';
import { coinbase } from '../../src/feeds/venues/coinbase.js';
import { scanL2Data } from '../../src/feeds/venues/coinbase-l2-scan.js';
import { kraken } from '../../src/feeds/venues/kraken.js';
import { scanKrakenBook } from '../../src/feeds/venues/kraken-book-scan.js';
import { asterProtocol } from '../../src/sim/venues/aster.js';
import { bingxProtocol } from '../../src/sim/venues/bingx.js';
import { bybitLinearProtocol, bybitSpotProtocol } from '../../src/sim/venues/bybit.js';
import { coinbaseProtocol } from '../../src/sim/venues/coinbase.js';
import { krakenProtocol } from '../../src/sim/venues/kraken.js';
import type { SimulatedVenue } from './simulated.js';

export const ASTER: SimulatedVenue = {
  protocol: asterProtocol(),
  codec: aster,
  steps: 400,
  replays: 40,
  isBook: (text) => text.startsWith('{"e":"depthUpdate"'),
  scan: scanFuturesDepthUpdate,
  ccxt: { id: 'aster', url: 'wss://fstream.asterdex.com/ws' },
  notes: ['ccxt\'s aster handler resets the book from each payload (it reads depthUpdate as a partial book, as its own subscription sends): (p) is that reset'],
};

const bybit = (category: 'spot' | 'linear'): SimulatedVenue => ({
  protocol: category === 'spot' ? bybitSpotProtocol() : bybitLinearProtocol(),
  codec: category === 'spot' ? bybitSpot : bybitLinear,
  steps: 400,
  replays: 40,
  isBook: (text) => text.startsWith('{"topic":"orderbook.'),
  scan: (text) => scanBybitBook(text, 'orderbook.50.'),
  ccxt: { id: 'bybit', url: `wss://stream.bybit.com/v5/public/${category}` },
});

export const BYBIT = bybit('spot');
export const BYBIT_LINEAR = bybit('linear');

export const COINBASE: SimulatedVenue = {
  protocol: coinbaseProtocol(),
  codec: coinbase,
  steps: 400,
  replays: 40,
  isBook: (text) => text.startsWith('{"channel":"l2_data"'),
  scan: scanL2Data,
  // The codec follows the connection's sequence_num: a replay is a new connection.
  rewind: true,
  ccxt: { id: 'coinbase', url: 'wss://advanced-trade-ws.coinbase.com' },
};

export const KRAKEN: SimulatedVenue = {
  protocol: krakenProtocol(),
  codec: kraken,
  steps: 400,
  replays: 40,
  isBook: (text) => text.startsWith('{"channel":"book"'),
  scan: (text) => scanKrakenBook(text, 'BTC/USD'),
  ccxt: { id: 'kraken', url: 'wss://ws.kraken.com/v2' },
  notes: ['WebSocket v2, the protocol the codec subscribes with (the recorded capture is v1)'],
};

const gunzipText = (frame: Frame): string => gunzipSync(frame as Uint8Array).toString('utf8');

export const BINGX: SimulatedVenue = {
  protocol: bingxProtocol({ minPushIntervalMs: 0 }),
  codec: bingx,
  steps: 100,
  replays: 10,
  text: gunzipText,
  isBook: (text) => text.includes('"dataType":"BTC-USDT@depth'),
  scan: scanBingxDepth,
  floor: { label: 'gunzip + JSON.parse', read: (frame) => JSON.parse(gunzipText(frame)) },
  ccxt: { id: 'bingx', url: 'wss://open-api-ws.bingx.com/market' },
  notes: ['BingX sends every frame gzipped: no JSON reader starts before gunzip, so (a) is gunzip + JSON.parse of the same frames, and (p) gunzips too'],
};
