/**
 * fast-check arbitraries for venue frames: anything at all (`anyFrame`), and frames shaped like a
 * venue's real messages with any field possibly wrong (`nearValidFrame`), which is where a
 * decoder's checks are actually exercised. Numbers come in the forms that break parsers: huge
 * digit strings (Number() gives Infinity), exponents, signs, hex, blanks, non-strings.
 */
import fc from 'fast-check';

export type FuzzVenue = 'binance' | 'hyperliquid' | 'generic';

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

const SHAPES = {
  binance: fc.oneof(binanceDepth, fc.record({ stream: fc.constant('btcusdt@depth@100ms'), data: binanceDepth }), binanceOther),
  'binance-rest': binanceRest,
  hyperliquid: fc.oneof(hlBook, hlOther),
  generic: fc.oneof(genericBook, genericOther),
};
/** Book messages only: nothing that may end a feed (not listed) or ask it to reconnect. */
const BOOK_SHAPES = { binance: binanceDepth, hyperliquid: hlBook, generic: genericBook };

/** A frame shaped like one of the venue's messages, as text or as its UTF-8 bytes. */
export function nearValidFrame(venue: FuzzVenue | 'binance-rest', options: { bookOnly?: boolean } = {}): fc.Arbitrary<string | Uint8Array> {
  const shape = options.bookOnly && venue !== 'binance-rest' ? BOOK_SHAPES[venue] : SHAPES[venue];
  return fc.tuple(shape, fc.boolean()).map(([message, asBytes]) => {
    const text = JSON.stringify(message);
    return asBytes && venue !== 'binance-rest' ? encoder.encode(text) : text;
  });
}
