/**
 * Bybit's orderbook scanner (src/feeds/venues/bybit-book-scan.ts) against the codec's general
 * path, spot and linear: the docs' pushes and our simulator's (spot puts `ts` before `type`).
 */
import { bybitLinear, bybitSpot } from '../../src/feeds/venues/bybit.js';
import { scanBybitBook } from '../../src/feeds/venues/bybit-book-scan.js';
import { describeScanner } from '../helpers/scanner-suite.js';
import { docFrame, simulatorFrames } from '../helpers/scan-frames.js';

const endpoints = { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' };
const TOPIC = 'orderbook.50.';
const subscribe = { request: { op: 'subscribe', args: ['orderbook.50.BTCUSDT'] }, ready: '{"success":true' };

/** The ways a push can differ from what Bybit sends, each of which the general path must judge. */
function declined(frame: string): string[] {
  const level = /\["(\d+\.?\d*)","(\d+\.?\d*)"\]/.exec(frame)!;
  const [whole, price] = level;
  return [
    frame.replace(whole, `["-${price}","1"]`),
    frame.replace(whole, `["+${price}","1"]`),
    frame.replace(whole, `["${price}e0","1"]`),
    frame.replace(whole, `[${price},"1"]`),
    frame.replace(whole, `["${price}","1","2"]`), // a level of three: the general path's error
    frame.replace('"s":"BTCUSDT"', '"s":"BTC\\u0055SDT"'),
    frame.replace('"topic":"orderbook.50.', '"topic":"orderbook.200.'),
    frame.replace('"topic":', '"topic" :'),
    frame.replace(/"u":(\d+)/, '"u":$1.0'),
    frame.replace(/"u":(\d+)/, `"u":${2 ** 53}`),
    frame.replace(/"ts":(\d+)/, '"ts":"$1"'), // the 2026-03 reminder's string form: general path
    frame.replace(/"type":"\w+"/, '"type":"snapshot2"'),
    frame.replace(/,"cts":\d+/, ''),
    frame.replace('"data":{', '"data":{"x":1,'),
    frame.replace(/("b":\[.*\]),("a":\[.*\])/, '$2,$1'),
    `${frame} `,
  ];
}

describeScanner('Bybit spot orderbook scanner', {
  venue: 'bybit',
  scan: (text) => scanBybitBook(text, TOPIC),
  codec: () => bybitSpot(endpoints),
  frames: async () => [
    ...(await simulatorFrames('bybit', '/v5/public/spot', '{"topic":"orderbook.50.', 6, subscribe)),
    docFrame('bybit', 'orderbook-snapshot'),
    docFrame('bybit', 'orderbook-delta'),
  ],
  minFrames: 8,
  declined,
});

describeScanner('Bybit linear orderbook scanner', {
  venue: 'bybit-linear',
  scan: (text) => scanBybitBook(text, TOPIC),
  codec: () => bybitLinear(endpoints),
  frames: async () => [
    ...(await simulatorFrames('bybit-linear', '/v5/public/linear', '{"topic":"orderbook.50.', 6, subscribe)),
    docFrame('bybit-linear', 'orderbook-snapshot'),
    docFrame('bybit-linear', 'orderbook-delta'),
    // u == 1: a snapshot after a service restart, whatever its type says.
    docFrame('bybit-linear', 'orderbook-delta').replace(/"u":\d+/, '"u":1'),
  ],
  minFrames: 9,
  declined,
});
