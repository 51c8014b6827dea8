/**
 * Kraken's v2 book scanner (src/feeds/venues/kraken-book-scan.ts) against the codec's general
 * path (numbers quoted, then JSON.parse): the docs' messages and our simulator's.
 */
import { describe, expect, it } from 'vitest';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { kraken } from '../../src/feeds/venues/kraken.js';
import { scanKrakenBook } from '../../src/feeds/venues/kraken-book-scan.js';
import { describeScanner } from '../helpers/scanner-suite.js';
import { docFrame, simulatorFrames } from '../helpers/scan-frames.js';

const endpoints = { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' };
const subscribe = { request: { method: 'subscribe', params: { channel: 'book', symbol: ['BTC/USD'], depth: 25, snapshot: true } }, ready: '{"method":"subscribe"' };
const DOC_UPDATE = docFrame('kraken', 'book-update');

function subscribedTo(symbol: string): VenueAdapter {
  const codec = kraken(endpoints);
  codec.subscribe(symbol);
  return codec;
}

describeScanner('Kraken v2 book scanner', {
  venue: 'kraken',
  // The codec before it subscribes takes every pair's book: the docs' pair and the simulator's.
  scan: (text) => scanKrakenBook(text, undefined),
  codec: () => kraken(endpoints),
  frames: async () => [...(await simulatorFrames('kraken', '/v2', '{"channel":"book"', 8, subscribe)), docFrame('kraken', 'book-snapshot'), DOC_UPDATE],
  minFrames: 10,
  declined: (frame) => {
    const [level, price] = /\{"price":(\d+\.?\d*),"qty":\d+\.?\d*\}/.exec(frame)!;
    return [
      frame.replace(level, `{"price":-${price},"qty":1}`),
      frame.replace(level, `{"price":${price}e0,"qty":1}`),
      frame.replace(level, `{"price":${price},"qty":1E-8}`), // the general path writes it out as 0.00000001
      frame.replace(level, `{"price":"${price}","qty":1}`),
      frame.replace(level, `{"price":0${price},"qty":1}`),
      frame.replace(level, `{"qty":1,"price":${price}}`),
      frame.replace(level, `{"price":${price},"qty":1,"x":1}`),
      frame.replace(/"checksum":\d+/, `"checksum":${2 ** 32}`),
      frame.replace(/"checksum":\d+/, '"checksum":"1"'),
      frame.replace('"channel":"book"', '"channel":"book","event":"book"'),
      frame.replace('"type":"snapshot"', '"type":"partial"'),
      frame.replace('"symbol":"', '"symbol":"\\u0042'),
      frame.replace(/,"timestamp":"[^"]*"/, ''),
      frame.replace(/^(.*)}\]}$/, '$1},{"symbol":"ETH/USD","bids":[],"asks":[],"checksum":0,"timestamp":"2023-10-06T17:35:55.440295Z"}]}'),
      `${frame} `,
    ];
  },
});

describe('Kraken v2 book scanner on a subscribed feed', () => {
  it('declines another pair\'s book, which the codec ignores, and takes its own', () => {
    expect(scanKrakenBook(DOC_UPDATE, 'BTC/USD')).toBeUndefined();
    expect(subscribedTo('BTC/USD').decode(DOC_UPDATE)).toStrictEqual([{ type: 'ignored' }]);
    const own = scanKrakenBook(DOC_UPDATE, 'MATIC/USD');
    expect(own).toBeDefined();
    expect(subscribedTo('MATIC/USD').decode(DOC_UPDATE)).toStrictEqual([own]);
    expect(subscribedTo('MATIC/USD').decode(` ${DOC_UPDATE}`)).toStrictEqual([own]);
  });
});
