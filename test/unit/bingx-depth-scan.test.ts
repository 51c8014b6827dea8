/**
 * BingX's depth scanner (src/feeds/venues/bingx-depth-scan.ts) against the codec's general path:
 * ccxt's recorded push and our simulator's, as text and gzipped as the venue sends them.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { bingx } from '../../src/feeds/venues/bingx.js';
import { scanBingxDepth } from '../../src/feeds/venues/bingx-depth-scan.js';
import { bingxProtocol } from '../../src/sim/venues/bingx.js';
import { docFrame } from '../helpers/scan-frames.js';
import { describeScanner } from '../helpers/scanner-suite.js';
import { SIM_ENDPOINTS, simulatedFeed } from '../helpers/simulated-feed.js';

/** The depth pushes our simulator sends over a few market moves, gunzipped. */
async function simulatorPushes(): Promise<string[]> {
  const feed = await simulatedFeed(bingxProtocol({ minPushIntervalMs: 0 }), bingx(SIM_ENDPOINTS), 'BTC', 5);
  return feed.frames.map((frame) => gunzipSync(frame as Uint8Array).toString('utf8')).filter((text) => text.startsWith('{"code":0,"data":'));
}

describeScanner('BingX depth scanner', {
  venue: 'bingx',
  scan: scanBingxDepth,
  codec: () => bingx(SIM_ENDPOINTS),
  // Our simulator's pushes, gunzipped (the suite gzips them again as the venue's socket delivers them).
  frames: async () => [...(await simulatorPushes()), docFrame('bingx', 'depth100-push')],
  minFrames: 6,
  wire: (text) => gzipSync(text),
  declined: (frame) => {
    const [level, price] = /\["(\d+\.?\d*)","\d+\.?\d*"\]/.exec(frame)!;
    return [
      frame.replace(level, `["-${price}","1"]`),
      frame.replace(level, `["${price}e0","1"]`),
      frame.replace(level, `[${price},"1"]`),
      frame.replace(level, `["${price}","1","2"]`),
      frame.replace('"code":0', '"code":1'),
      frame.replace('@depth100"', '@depth"'),
      frame.replace('"dataType":"', '"dataType":"\\u0042'),
      frame.replace('"success":true', '"success":false'),
      frame.replace(/"timestamp":\d+/, '"timestamp":-1'),
      frame.replace('"code":0,', '"code":0,"ping":"1",'),
      frame.replace(/("asks":\[.*\]),("bids":\[.*\])/, '$2,$1'),
      `${frame} `,
    ];
  },
});
