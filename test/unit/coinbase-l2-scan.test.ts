/**
 * Coinbase's l2_data scanner (src/feeds/venues/coinbase-l2-scan.ts) against the codec's general
 * path: the docs' messages, a snapshot deep enough to be spread over the frames after it, and our
 * simulator's messages, through a codec that keeps its connection's sequence state.
 */
import type { VenueAdapter } from '../../src/feeds/types.js';
import { coinbase } from '../../src/feeds/venues/coinbase.js';
import { scanL2Data } from '../../src/feeds/venues/coinbase-l2-scan.js';
import { HEAD_LEVELS } from '../../src/feeds/venues/coinbase-snapshot-fill.js';
import { describeScanner } from '../helpers/scanner-suite.js';
import { docFrame, simulatorFrames } from '../helpers/scan-frames.js';

const endpoints = { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' };
const subscribe = { request: { type: 'subscribe', product_ids: ['BTC-USD'], channel: 'level2' }, ready: '{"channel":"subscriptions"' };

function subscribed(): VenueAdapter {
  const codec = coinbase(endpoints);
  codec.subscribe('BTC-USD');
  return codec;
}

/** A snapshot with more levels a side than its event carries: the rest rides on the frames after it. */
function deepSnapshot(): string {
  const level = (side: string, price: number) => `{"side":"${side}","event_time":"1970-01-01T00:00:00Z","price_level":"${price.toFixed(2)}","new_quantity":"0.5"}`;
  const bids = Array.from({ length: HEAD_LEVELS + 300 }, (_, i) => level('bid', 60_000 - i * 0.01));
  const offers = Array.from({ length: HEAD_LEVELS + 300 }, (_, i) => level('offer', 60_000.01 + i * 0.01));
  return `{"channel":"l2_data","client_id":"","timestamp":"2026-04-07T14:30:00.123456Z","sequence_num":0,"events":[{"type":"snapshot","product_id":"BTC-USD","updates":[${[...bids, ...offers].join(',')}]}]}`;
}

describeScanner('Coinbase l2_data scanner', {
  venue: 'coinbase',
  scan: scanL2Data,
  codec: subscribed,
  frames: async () => [
    deepSnapshot(),
    ...(await simulatorFrames('coinbase', '/', '{"channel":"l2_data"', 8, subscribe)),
    // sequence_num 1 after the simulator's 8: a message was lost, and the update carries no prevSeq.
    docFrame('coinbase', 'l2-data-update'),
    docFrame('coinbase', 'l2-data-snapshot'),
  ],
  minFrames: 11,
  declined: (frame) => {
    const [update, price = ''] = /\{"side":"bid","event_time":"[^"]*","price_level":"([^"]+)","new_quantity":"[^"]+"\}/.exec(frame)!;
    return [
      frame.replace(update, update.replace(`"${price}"`, `"-${price}"`)),
      frame.replace(update, update.replace(`"${price}"`, `"${price}e0"`)),
      frame.replace(update, update.replace(`"${price}"`, price)),
      frame.replace(update, update.replace(`"${price}"`, `"${'1'.repeat(65)}"`)), // over the general path's 64 characters
      frame.replace(update, update.replace('"side":"bid"', '"side":"ask"')),
      frame.replace(update, update.replace('}', ',"x":1}')),
      frame.replace('"type":"snapshot"', '"type":"l2update"'),
      frame.replace('"product_id":"BTC-USD"', '"product_id":"BTC\\u002dUSD"'),
      frame.replace(/"sequence_num":(\d+)/, '"sequence_num":-1'),
      frame.replace(/"sequence_num":(\d+)/, '"sequence_num":"$1"'),
      frame.replace('"channel":"l2_data"', '"channel":"l2_data","type":"error"'),
      frame.replace('{"channel":"l2_data",', '{"channel":"l2_data", '),
      `${frame}\n`,
    ];
  },
});
