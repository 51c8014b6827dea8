/**
 * TextScanner reads exactly what JSON.parse and the codecs' guards would accept, in one spelling,
 * and refuses everything else without consuming it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDecimalString, isSeq } from '../../src/wire/json.js';
import { COMMA, TextScanner } from '../../src/wire/text-scanner.js';

const RUNS = { numRuns: 5_000 };
const scanner = (text: string): TextScanner => new TextScanner().read(text);
/** Text built mostly from the characters numbers are made of, so edge cases come up often. */
const numberish = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', ' ', 'x'), maxLength: 24 });

describe('TextScanner.decimalString', () => {
  it.each(['0', '68674.0', '0.35130000', '007', `${'9'.repeat(308)}.5`])('reads "%s"', (text) => {
    const scan = scanner(`"${text}",`);
    expect(scan.decimalString()).toBe(text);
    expect(scan.skipChar(COMMA) && scan.done).toBe(true);
  });

  it.each(['', '.5', '5.', '-1', '+1', '1e5', '1.2.3', ' 1', '1 ', 'NaN', '１', '1\\u0030', `1${'0'.repeat(308)}`])('refuses "%s" and stays put', (text) => {
    const scan = scanner(`"${text}"`);
    expect(scan.decimalString()).toBeUndefined();
    expect(scan.skip(`"${text}"`) && scan.done).toBe(true);
  });

  it('refuses an unquoted number and an unclosed string', () => {
    expect(scanner('12.5').decimalString()).toBeUndefined();
    expect(scanner('"12.5').decimalString()).toBeUndefined();
  });

  it('accepts exactly what isDecimalString accepts, up to 308 integer digits', () => {
    fc.assert(
      fc.property(numberish, (text) => {
        expect(scanner(`"${text}"`).decimalString()).toBe(isDecimalString(text) ? text : undefined);
      }),
      RUNS,
    );
  });
});

describe('TextScanner.seq', () => {
  it.each([['0', 0], ['157', 157], ['1710131872708', 1710131872708], [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER]])('reads %s', (text, value) => {
    const scan = scanner(text);
    expect(scan.seq()).toBe(value);
    expect(scan.done).toBe(true);
  });

  it.each(['', '-1', '+1', '01', '00', String(2 ** 53), '99999999999999999', 'x1'])('refuses %j and stays put', (text) => {
    const scan = scanner(text);
    expect(scan.seq()).toBe(-1);
    expect(scan.skip(text) && scan.done).toBe(true);
  });

  it('reads a number only where JSON.parse reads the same non-negative safe integer', () => {
    fc.assert(
      fc.property(numberish, (text) => {
        const scan = scanner(text);
        const value = scan.seq();
        if (value < 0 || !scan.done) return;
        expect(JSON.parse(text)).toBe(value);
        expect(isSeq(value)).toBe(true);
      }),
      RUNS,
    );
  });

  it('reads every non-negative safe integer as JSON.stringify writes it', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (value) => void expect(scanner(JSON.stringify(value)).seq()).toBe(value)), RUNS);
  });
});

describe('TextScanner.int32', () => {
  it.each([['0', 0], ['-345657839', -345657839], ['47640993', 47640993], [String(2 ** 31 - 1), 2 ** 31 - 1], [String(-(2 ** 31)), -(2 ** 31)]])('reads %s', (text, value) => {
    const scan = scanner(text);
    expect(scan.int32()).toBe(value);
    expect(scan.done).toBe(true);
  });

  it.each(['', '-', '-0', '+1', '01', '-01', String(2 ** 31), String(-(2 ** 31) - 1), '"1"', '--1'])('refuses %j and stays put', (text) => {
    const scan = scanner(text);
    expect(scan.int32()).toBeUndefined();
    expect(scan.skip(text) && scan.done).toBe(true);
  });

  it('reads a number only where JSON.parse reads the same 32-bit integer', () => {
    fc.assert(
      fc.property(fc.oneof(numberish, fc.integer().map(String)), (text) => {
        const scan = scanner(text);
        const value = scan.int32();
        if (value === undefined || !scan.done) return;
        expect(JSON.parse(text)).toBe(value);
        expect(Object.is(value, -0)).toBe(false);
        expect(value === (value | 0)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('TextScanner.plainString', () => {
  it('reads a quoted string without escapes, the empty one too', () => {
    for (const text of ['BTC', 'btcusdt@depth@100ms', '@107', 'xyz:TSLA', '币安人生USDT', '']) {
      const scan = scanner(`${JSON.stringify(text)}}`);
      expect(scan.plainString()).toBe(text);
      expect(scan.skip('}') && scan.done).toBe(true);
    }
  });

  it('refuses escapes, control characters and an unclosed string, and stays put', () => {
    for (const quoted of ['"B\\u0054C"', '"a\\"b"', '"a\tb"', '"a\u0000"', '"abc', 'abc', '1']) {
      const scan = scanner(quoted);
      expect(scan.plainString(), quoted).toBeUndefined();
      expect(scan.skip(quoted) && scan.done).toBe(true);
    }
  });

  it('reads what JSON.parse reads, or nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const quoted = JSON.stringify(text);
        const read = scanner(quoted).plainString();
        if (read !== undefined) expect(read).toBe(JSON.parse(quoted));
        if (quoted === `"${text}"`) expect(read).toBe(text);
      }),
      RUNS,
    );
  });
});

describe('TextScanner.skipPlainString', () => {
  it('steps over exactly what plainString reads, and stays put where it reads nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }).map((text) => JSON.stringify(text)), fc.string()), (text) => {
        const read = scanner(`${text},`);
        const skipped = scanner(`${text},`);
        const value = read.plainString();
        expect(skipped.skipPlainString()).toBe(value !== undefined);
        expect(skipped.skipChar(COMMA)).toBe(read.skipChar(COMMA));
        expect(skipped.done).toBe(read.done);
      }),
      RUNS,
    );
  });
});

describe('TextScanner.skip', () => {
  it('steps over a literal only when the text goes on with it', () => {
    const scan = scanner('{"e":1}');
    expect(scan.skip('{"E":')).toBe(false);
    expect(scan.skip('{"e":')).toBe(true);
    expect(scan.skipChar(COMMA)).toBe(false);
    expect(scan.seq()).toBe(1);
    expect(scan.done).toBe(false);
    expect(scan.skip('}}')).toBe(false);
    expect(scan.skip('}')).toBe(true);
    expect(scan.done).toBe(true);
    expect(scan.skipChar(COMMA)).toBe(false);
  });

  it('starts again from the first character of each text it is given', () => {
    const scan = scanner('12');
    expect(scan.seq()).toBe(12);
    expect(scan.read('"7"').decimalString()).toBe('7');
    expect(scan.done).toBe(true);
  });
});

describe('TextScanner.match', () => {
  const PAIR = /\["(\d+)","(\d+)"\]/y;

  it('matches a sticky pattern where the scanner stands, and steps over exactly what it matched', () => {
    const scan = scanner('["1","2"],["3","4"]');
    expect([...(scan.match(PAIR) ?? [])]).toEqual(['["1","2"]', '1', '2']);
    expect(scan.skipChar(COMMA)).toBe(true);
    expect(scan.match(PAIR)?.[2]).toBe('4');
    expect(scan.done).toBe(true);
  });

  it('matches only from where the scanner stands, and stays put when it does not match', () => {
    const scan = scanner(' ["1","2"]');
    expect(scan.match(PAIR)).toBeNull();
    expect(scan.skip(' ')).toBe(true);
    expect(scan.match(/\["(\d+)","x"\]/y)).toBeNull();
    expect(scan.match(PAIR)?.[1]).toBe('1');
  });
});
