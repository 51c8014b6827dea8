/**
 * Binance's depth-diff scanner against the codec's general path (JSON.parse and guards), for
 * spot, USDⓈ-M futures and Aster: every recorded, doc and simulator frame is taken by the scanner
 * and yields exactly what the general path yields; mutated frames are either declined or still
 * yield exactly that, and never throw.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeltaEvent } from '../../src/feeds/types.js';
import { scanFuturesDepthUpdate, scanSpotDepthUpdate } from '../../src/feeds/venues/binance-depth-scan.js';
import type { VenueId } from '../../src/venues/ids.js';
import { codecFor } from '../helpers/fault-kit.js';
import { nearValidFrame } from '../helpers/fuzz-frames.js';
import { docFrame, generalDecode, mutatedText, recordedFrames, simulatorFrames } from '../helpers/scan-frames.js';

const endpoints = { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' };
const RUNS = { numRuns: 3_000 };

interface Case {
  readonly venue: Extract<VenueId, 'binance' | 'binance-usdm' | 'aster'>;
  readonly scan: (text: string) => DeltaEvent | undefined;
  readonly recorded: readonly string[];
  readonly docs: readonly string[];
  /** Raw and combined stream paths on the venue's simulator. */
  readonly simPaths: readonly string[];
}

const CASES: readonly Case[] = [
  {
    venue: 'binance',
    scan: scanSpotDepthUpdate,
    recorded: recordedFrames('binance-spot-cryptofeed.ws.txt', '"e":"depthUpdate"'),
    docs: [docFrame('binance', 'diff-depth-update'), docFrame('binance', 'depth-update-combined-cryptofeed')],
    simPaths: ['/ws/btcusdt@depth@100ms', '/stream?streams=btcusdt@depth@100ms'],
  },
  {
    venue: 'binance-usdm',
    scan: scanFuturesDepthUpdate,
    recorded: recordedFrames('binance-usdm-cryptofeed.ws.txt', '"e":"depthUpdate"'),
    docs: [docFrame('binance-usdm', 'diff-depth-update'), docFrame('binance-usdm', 'depth-update-combined-cryptofeed')],
    simPaths: ['/public/ws/btcusdt@depth@100ms', '/public/stream?streams=btcusdt@depth@100ms'],
  },
  {
    venue: 'aster',
    scan: scanFuturesDepthUpdate,
    recorded: [],
    docs: [docFrame('aster', 'diff-depth-update')],
    simPaths: ['/ws/btcusdt@depth@100ms', '/stream?streams=btcusdt@depth@100ms'],
  },
];

describe.each(CASES)('$venue depth scanner', ({ venue, scan, recorded, docs, simPaths }) => {
  const codec = codecFor(venue)(endpoints);
  let simulated: string[] = [];

  beforeAll(async () => {
    const perPath = await Promise.all(simPaths.map((path) => simulatorFrames(venue, path, path.includes('stream?') ? '{"stream":' : '{"e":"depthUpdate"', 5)));
    simulated = perPath.flat();
  });

  /** The scanner's event for a frame it must take, checked against the general path. */
  function expectSameAsGeneral(text: string): void {
    const scanned = scan(text);
    expect(scanned, `declined: ${text.slice(0, 160)}`).toBeDefined();
    expect(scan(` ${text}`)).toBeUndefined();
    expect([scanned]).toStrictEqual(generalDecode(codec, text));
    // The codec itself answers with the scanner's event, for text and for bytes alike.
    expect(codec.decode(text)).toStrictEqual([scanned]);
    expect(codec.decode(new TextEncoder().encode(text))).toStrictEqual([scanned]);
  }

  it('takes every recorded and doc frame and yields what the general path yields', () => {
    expect(recorded.length + docs.length).toBeGreaterThan(venue === 'aster' ? 0 : 100);
    for (const text of [...recorded, ...docs]) expectSameAsGeneral(text);
  });

  it('takes every frame our simulator sends, raw and combined', () => {
    expect(simulated.length).toBe(simPaths.length * 5);
    expect(simulated.some((text) => text.includes('"b":[[') && text.includes('"a":[['))).toBe(true);
    for (const text of simulated) expectSameAsGeneral(text);
  });

  it('declines what the venue does not send, leaving it to the general path', () => {
    const [doc] = docs;
    const declined = [
      doc!.replace('"U":157', '"U":161'), // U > u: the general path's error
      doc!.replace('"0.0024"', '"-0.0024"'),
      doc!.replace('"0.0024"', '"+0.0024"'),
      doc!.replace('"0.0024"', '"2.4e-3"'),
      doc!.replace('"0.0024"', '0.0024'),
      doc!.replace('"10"]', '"10",[]]'), // 2017-era third element
      doc!.replace('"s":"BTCUSDT"', '"s":"BTC\\u0055SDT"').replace('"s":"BNBBTC"', '"s":"BNB\\u0042TC"'),
      doc!.replace('"E":', '"E" :'),
      doc!.replace('"U":157', '"U":157.0'),
      doc!.replace('"U":157', '"U":0157'),
      doc!.replace('"U":157', `"U":${2 ** 53}`),
      `${doc!} `,
      doc!.replace('}', ',"x":1}'),
      doc!.replace(/("b":\[.*\]),("a":\[.*\])/, '$2,$1'),
    ];
    for (const text of declined) {
      expect(text).not.toBe(doc);
      expect(scan(text), text).toBeUndefined();
    }
  });

  it('yields the general path\'s event or declines, for frames mutated a few characters at a time', () => {
    let taken = 0;
    fc.assert(
      fc.property(mutatedText([...recorded.slice(0, 40), ...docs, ...simulated]), (text) => {
        const scanned = scan(text);
        if (scanned === undefined) return;
        taken++;
        expect([scanned]).toStrictEqual(generalDecode(codec, text));
      }),
      RUNS,
    );
    // Mutations that keep the frame valid (a digit for a digit) must reach the comparison.
    // Never vacuous: a share of the mutated frames keep the exact shape (~5 % here; the bound leaves room for chance).
    expect(taken, 'mutated frames the scanner took').toBeGreaterThan(RUNS.numRuns / 100);
  });

  it('yields the general path\'s event or declines, for doc frames with one field replaced', () => {
    fc.assert(
      fc.property(nearValidFrame(venue, { bookOnly: true }), (frame) => {
        const text = typeof frame === 'string' ? frame : new TextDecoder().decode(frame);
        const scanned = scan(text);
        if (scanned !== undefined) expect([scanned]).toStrictEqual(generalDecode(codec, text));
      }),
      RUNS,
    );
  });
});
