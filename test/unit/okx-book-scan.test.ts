/**
 * OKX's books scanner (src/feeds/venues/okx-book-scan.ts) against the codec's general path, spot
 * and swap: the recorded 2022 pushes (real non-zero checksums, no sequence ids), the docs' pushes
 * (checksum 0, sequence ids) and our simulator's.
 */
import { okx, okxSwap } from '../../src/feeds/venues/okx.js';
import { scanOkxBooks } from '../../src/feeds/venues/okx-book-scan.js';
import { describeScanner } from '../helpers/scanner-suite.js';
import { docFrame, recordedFrames, simulatorFrames } from '../helpers/scan-frames.js';

const endpoints = { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' };
const subscribe = (instId: string) => ({ request: { op: 'subscribe', args: [{ channel: 'books', instId }] }, ready: '{"event":"subscribe"' });
const BOOKS = '{"arg":{"channel":"books"';

/** The ways a push can differ from what OKX sends, each of which the general path must judge. */
/** `frame` is a snapshot with sequence ids (our simulator's first push). */
function declined(frame: string): string[] {
  const [level, price] = /\["(\d+\.?\d*)","\d+\.?\d*","0","\d+"\]/.exec(frame)!;
  return [
    frame.replace(level, `["-${price}","1","0","1"]`),
    frame.replace(level, `["${price}e0","1","0","1"]`),
    frame.replace(level, `[${price},"1","0","1"]`),
    frame.replace(level, `["${price}","1","0"]`),
    frame.replace(level, `["${price}","1","0","1",""]`),
    frame.replace(level, `["${price}","1",0,"1"]`),
    frame.replace(/"checksum":-?\d+/, '"checksum":-0'),
    frame.replace(/"checksum":-?\d+/, `"checksum":${2 ** 31}`),
    frame.replace(/"checksum":-?\d+/, '"checksum":"1"'),
    frame.replace(/"ts":"(\d+)"/, '"ts":$1'),
    frame.replace(/"ts":"(\d+)"/, '"ts":"0$1"'),
    frame.replace('"action":"snapshot"', '"action":"partial"'),
    frame.replace('"channel":"books"', '"channel":"books5"'),
    frame.replace('"instId":"', '"instId":"\\u0042'),
    frame.replace('"prevSeqId":-1', '"prevSeqId":-2'),
    frame.replace('"action":"snapshot"', '"action":"update"'), // an update's prevSeqId must be a real id, never -1
    frame.replace('"data":[{', '"data":[{"x":1,'),
    frame.replace(/"data":\[(.*)\]}$/, '"data":[$1,$1]}'), // a second book in one push
    frame.replace(/("asks":\[.*\]),("bids":\[.*\])/, '$2,$1'),
    ` ${frame}`.trimStart() + '\n',
  ];
}

describeScanner('OKX spot books scanner', {
  venue: 'okx',
  scan: scanOkxBooks,
  codec: () => okx(endpoints),
  frames: async () => [
    ...(await simulatorFrames('okx', '/ws/v5/public', BOOKS, 6, subscribe('BTC-USDT'))),
    ...recordedFrames('okx-cryptofeed.ws.txt', BOOKS),
    ...['books-snapshot', 'books-update', 'books-snapshot-cryptofeed', 'books-update-cryptofeed'].map((name) => docFrame('okx', name)),
  ],
  minFrames: 290,
  declined,
});

describeScanner('OKX swap books scanner', {
  venue: 'okx-swap',
  scan: scanOkxBooks,
  codec: () => okxSwap(endpoints),
  frames: async () => [
    ...(await simulatorFrames('okx-swap', '/ws/v5/public', BOOKS, 6, subscribe('BTC-USDT-SWAP'))),
    ...['books-snapshot-cryptofeed', 'books-update-cryptofeed'].map((name) => docFrame('okx-swap', name)),
    // An update that changes nothing ("seqId is the same as the last sent message and prevSeqId equals to seqId").
    docFrame('okx', 'books-update').replace(/"asks":\[.*\],"bids":\[.*\],"ts"/, '"asks":[],"bids":[],"ts"').replace('"seqId":123457', '"seqId":123456'),
  ],
  minFrames: 9,
  declined,
});
