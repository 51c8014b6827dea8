/**
 * Hyperliquid's l2Book scanner against the codec's general path (JSON.parse and guards): the doc
 * and simulator pushes are taken by the scanner and yield exactly what the general path yields;
 * mutated pushes are either declined or still yield exactly that, and never throw.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { hyperliquid } from '../../src/feeds/venues/hyperliquid.js';
import { scanL2Book } from '../../src/feeds/venues/hyperliquid-book-scan.js';
import { nearValidFrame } from '../helpers/fuzz-frames.js';
import { docFrame, generalDecode, mutatedText, simulatorFrames } from '../helpers/scan-frames.js';

const RUNS = { numRuns: 3_000 };
const DOC = docFrame('hyperliquid', 'l2book-order-book-server');
/** The subscriptions doc's WsBook example as ccxt's test data carries it, one level a side. */
const CCXT_EXAMPLE =
  '{"channel":"l2Book","data":{"coin":"BTC","time":1710131872708,"levels":[[{"px":"68674.0","sz":"0.97139","n":4}],[{"px":"68675.0","sz":"0.04396","n":1}]]}}';

/** A codec subscribed to `coin`, fresh: it takes that coin's books at any time. */
function codecOn(coin: string): VenueAdapter {
  const codec = hyperliquid({ ws: 'ws://127.0.0.1:1' });
  codec.subscribe(coin);
  return codec;
}

let simulated: string[] = [];

beforeAll(async () => {
  const subscribe = { method: 'subscribe', subscription: { type: 'l2Book', coin: 'BTC' } };
  simulated = await simulatorFrames('hyperliquid', '/ws', '{"channel":"l2Book"', 5, { request: subscribe, ready: '{"channel":"subscriptionResponse"' });
});

function expectSameAsGeneral(text: string): void {
  const scanned = scanL2Book(text);
  expect(scanned, `declined: ${text.slice(0, 160)}`).toBeDefined();
  expect(scanL2Book(` ${text}`)).toBeUndefined();
  expect([scanned]).toStrictEqual(generalDecode(codecOn(scanned!.symbol!), text));
  // The codec itself answers with the scanner's event, for text and for bytes alike.
  expect(codecOn(scanned!.symbol!).decode(text)).toStrictEqual([scanned]);
  expect(codecOn(scanned!.symbol!).decode(new TextEncoder().encode(text))).toStrictEqual([scanned]);
}

describe('Hyperliquid l2Book scanner', () => {
  it('takes the recorded book and the doc example and yields what the general path yields', () => {
    expect(scanL2Book(DOC)?.bids).toHaveLength(20);
    for (const text of [DOC, CCXT_EXAMPLE]) expectSameAsGeneral(text);
  });

  it('takes every push our simulator sends', () => {
    expect(simulated).toHaveLength(5);
    for (const text of simulated) expectSameAsGeneral(text);
  });

  it('takes an empty side and leaves every other message to the general path', () => {
    expectSameAsGeneral(CCXT_EXAMPLE.replace('[{"px":"68675.0","sz":"0.04396","n":1}]', '[]'));
    for (const text of ['{"channel":"pong"}', 'Websocket connection established.', '{"channel":"subscriptionResponse","data":{"method":"subscribe"}}']) {
      expect(scanL2Book(text)).toBeUndefined();
    }
  });

  it('declines what the venue does not send, leaving it to the general path', () => {
    const declined = [
      CCXT_EXAMPLE.replace('"68674.0"', '"-68674.0"'),
      CCXT_EXAMPLE.replace('"68674.0"', '68674.0'),
      CCXT_EXAMPLE.replace('"68674.0"', '"6.8674e4"'),
      CCXT_EXAMPLE.replace('"n":4', '"n":-4'),
      CCXT_EXAMPLE.replace('"n":4', '"n":4.5'),
      CCXT_EXAMPLE.replace('"coin":"BTC"', '"coin":"B\\u0054C"'),
      CCXT_EXAMPLE.replace('"time":1710131872708', '"time":"1710131872708"'),
      CCXT_EXAMPLE.replace('"sz":"0.97139","n":4', '"n":4,"sz":"0.97139"'),
      CCXT_EXAMPLE.replace('"n":4}', '"n":4,"x":1}'),
      CCXT_EXAMPLE.replace(']]}}', '],[]]}}'),
      CCXT_EXAMPLE.replace('{"px"', ' {"px"'),
      `${CCXT_EXAMPLE}\n`,
    ];
    for (const text of declined) {
      expect(text).not.toBe(CCXT_EXAMPLE);
      expect(scanL2Book(text), text).toBeUndefined();
    }
  });

  it('yields the general path\'s event or declines, for pushes mutated a few characters at a time', () => {
    let taken = 0;
    fc.assert(
      fc.property(mutatedText([DOC, CCXT_EXAMPLE, ...simulated]), (text) => {
        const scanned = scanL2Book(text);
        if (scanned === undefined) return;
        taken++;
        expect([scanned]).toStrictEqual(generalDecode(codecOn(scanned.symbol!), text));
      }),
      RUNS,
    );
    // Never vacuous: a share of the mutated frames keep the exact shape (~5 % here; the bound leaves room for chance).
    expect(taken, 'mutated frames the scanner took').toBeGreaterThan(RUNS.numRuns / 100);
  });

  it('yields the general path\'s event or declines, for doc pushes with one field replaced', () => {
    fc.assert(
      fc.property(nearValidFrame('hyperliquid', { bookOnly: true }), (frame) => {
        const text = typeof frame === 'string' ? frame : new TextDecoder().decode(frame);
        const scanned = scanL2Book(text);
        if (scanned !== undefined) expect([scanned]).toStrictEqual(generalDecode(codecOn(scanned.symbol!), text));
      }),
      RUNS,
    );
  });
});
