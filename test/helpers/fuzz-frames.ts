/**
 * fast-check arbitraries for venue frames: anything at all (`anyFrame`), and frames shaped like a
 * venue's real messages with any field possibly wrong (`nearValidFrame`), which is where a
 * decoder's checks are actually exercised. Numbers come in the forms that break parsers: huge
 * digit strings (Number() gives Infinity), exponents, signs, hex, blanks, non-strings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { codecFor, type FaultVenue } from './fault-kit.js';

const encoder = new TextEncoder();

/** Text, lone surrogates, raw bytes (often not UTF-8), or any JSON. */
export function anyFrame(): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ maxLength: 200 }),
    fc.jsonValue().map((value) => JSON.stringify(value)),
  );
}

/** Objects that make String() and template literals throw ({"toString":1} has no usable method). */
const hostile = fc.constantFrom({ toString: 1 }, { toString: '', valueOf: {} }, { valueOf: null, toString: [] }, { toJSON: 1 });

/** Mostly the valid value, sometimes anything JSON can hold. */
function usually<T>(valid: fc.Arbitrary<T>, junk: fc.Arbitrary<unknown> = fc.jsonValue()): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 2, arbitrary: junk }, { weight: 1, arbitrary: hostile });
}

const hugeDigits = fc.integer({ min: 300, max: 420 }).map((n) => '9'.repeat(n));
const decimalText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^\d{1,8}(\.\d{1,8})?$/) },
  { weight: 1, arbitrary: hugeDigits },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), hugeDigits).map(([whole, fraction]) => `${whole}.${fraction}`) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1e5', '1E400', 'NaN', 'Infinity', '', ' 1', '1.', '.5', '0x10', '1,5', '١٢', '+1') },
  { weight: 1, arbitrary: fc.double().map(String) },
);
const numberish = usually(decimalText, fc.oneof(fc.double(), fc.integer(), fc.constant(null), fc.jsonValue()));
const seq: fc.Arbitrary<unknown> = usually(fc.nat(), fc.oneof(fc.integer(), fc.double(), fc.constantFrom(2 ** 53, 2 ** 64, -1, '5', null)));
const pairs = fc.array(usually(fc.tuple(numberish, numberish)), { maxLength: 6 });
const hlLevels = fc.array(usually(fc.record({ px: numberish, sz: numberish, n: seq })), { maxLength: 6 });

const binanceDepth = fc.record({ e: usually(fc.constant('depthUpdate')), E: seq, s: usually(fc.constant('BTCUSDT')), U: seq, u: seq, b: usually(pairs), a: usually(pairs) });
const binanceOther = fc.oneof(
  fc.record({ e: fc.constant('serverShutdown'), E: seq }),
  fc.record({ code: usually(fc.integer()), msg: usually(fc.string()) }),
  fc.record({ result: fc.constant(null), id: seq }),
);
const binanceRest = fc.oneof(
  fc.record({ lastUpdateId: seq, bids: usually(pairs), asks: usually(pairs) }),
  fc.record({ code: usually(fc.constantFrom(-1121, -1100, -1003)), msg: usually(fc.string()) }),
);
const hlBook = fc.record({ channel: fc.constant('l2Book'), data: usually(fc.record({ coin: usually(fc.constant('BTC')), time: seq, levels: usually(fc.tuple(usually(hlLevels), usually(hlLevels))) })) });
const hlOther = fc.oneof(
  fc.record({ channel: fc.constant('error'), data: fc.jsonValue() }),
  fc.record({ channel: usually(fc.constantFrom('pong', 'subscriptionResponse', 'trades')), data: fc.jsonValue() }),
);
const genericBook = fc.record({
  channel: fc.constant('book'),
  type: usually(fc.constantFrom('snapshot', 'update')),
  symbol: usually(fc.constant('BTC-USD')),
  seq,
  prevSeq: usually(fc.integer({ min: -1, max: 1_000 })),
  ts: seq,
  bids: usually(pairs),
  asks: usually(pairs),
  checksum: usually(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
});
const genericOther = fc.oneof(
  fc.record({ channel: fc.constant('heartbeat'), ts: seq }),
  fc.record({ event: usually(fc.constantFrom('subscribed', 'unsubscribed', 'error')), channel: fc.jsonValue(), code: usually(fc.constantFrom('unknown-symbol', 'bad-request')), message: fc.jsonValue() }),
);

/** Shapes written by hand for the venues whose messages are easiest to get subtly wrong. */
const SHAPES: Partial<Record<FaultVenue | 'binance-rest', fc.Arbitrary<unknown>>> = {
  binance: fc.oneof(binanceDepth, fc.record({ stream: fc.constant('btcusdt@depth@100ms'), data: binanceDepth }), binanceOther),
  'binance-rest': binanceRest,
  hyperliquid: fc.oneof(hlBook, hlOther),
  generic: fc.oneof(genericBook, genericOther),
};
/** Book messages only: nothing that may end a feed (not listed) or ask it to reconnect. */
const BOOK_SHAPES: Partial<Record<FaultVenue, fc.Arbitrary<unknown>>> = { binance: binanceDepth, hyperliquid: hlBook, generic: genericBook };

const fixturesDir = new URL('../fixtures/', import.meta.url);

/** The WebSocket messages among a venue's doc fixtures (test/fixtures/<venue>/*.json `frame`). */
function docFrames(venue: FaultVenue): unknown[] {
  let names: string[];
  try {
    names = readdirSync(new URL(`${venue}/`, fixturesDir)).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = JSON.parse(readFileSync(new URL(`${venue}/${name}`, fixturesDir), 'utf8')) as Record<string, unknown>;
    return 'frame' in file ? [file['frame']] : [];
  });
}

/** Every path to a leaf (number, string, boolean, null) of a JSON value. */
function leafPaths(value: unknown, path: readonly (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key]));
  return [[...path]];
}

function withLeaf(value: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    copy[head as number] = withLeaf(copy[head as number], rest, leaf);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[head!] = withLeaf(copy[head!], rest, leaf);
  return copy;
}

const junkLeaf = fc.oneof(decimalText, fc.jsonValue(), hostile, fc.constantFrom(2 ** 53, -1, null, '', 'BTC'));

/** One of the doc's own example messages with one leaf replaced by something else. */
function mutatedDocFrame(examples: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.constantFrom(...examples).chain((example) => {
    const paths = leafPaths(example);
    if (paths.length === 0) return fc.constant(example);
    return fc.tuple(fc.constantFrom(...paths), junkLeaf).map(([path, leaf]) => withLeaf(example, path, leaf));
  });
}

/** Doc examples the venue's codec reads as book data only (snapshot or delta). */
function bookExamples(venue: FaultVenue, examples: readonly unknown[]): unknown[] {
  const codec = codecFor(venue)({ ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' });
  return examples.filter((example) => {
    const events = codec.decode(typeof example === 'string' ? example : JSON.stringify(example));
    return events.length > 0 && events.every((event) => event.type === 'snapshot' || event.type === 'delta');
  });
}

/**
 * A frame shaped like one of the venue's messages, as text or as its UTF-8 bytes: hand-written
 * shapes where the venue has them, and for every venue its doc examples with one field changed.
 */
export function nearValidFrame(venue: FaultVenue | 'binance-rest', options: { bookOnly?: boolean } = {}): fc.Arbitrary<string | Uint8Array> {
  const rest = venue === 'binance-rest';
  const examples = rest ? [] : options.bookOnly ? bookExamples(venue, docFrames(venue)) : docFrames(venue);
  const hand = options.bookOnly && !rest ? BOOK_SHAPES[venue] : SHAPES[venue];
  const shapes = [...(hand ? [hand] : []), ...(examples.length > 0 ? [mutatedDocFrame(examples)] : [])];
  if (shapes.length === 0) throw new Error(`no message shapes for ${venue}: add its doc examples to test/fixtures/${venue}/`);
  return fc.tuple(fc.oneof(...shapes), fc.boolean()).map(([message, asBytes]) => {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    return asBytes && !rest ? encoder.encode(text) : text;
  });
}
