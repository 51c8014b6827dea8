import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/book/decimal.js';

describe('parseDecimal', () => {
  it('gives the same double as Number() for decimals as venues write them', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 4 }))
      .map(([digits, decimals, zeros]) => {
        const text = '0'.repeat(zeros) + digits.toString();
        return decimals === 0 || decimals >= text.length ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
      });
    fc.assert(fc.property(decimal, (text) => Object.is(parseDecimal(text), Number(text))), { numRuns: 20_000 });
  });

  it.each(['68674.0', '0.35130000', '0.1', '0.3', '9007199254740993', '123456789012345.6', '5.', '.5', '', '-1', '1e5', ' 2', 'abc', '1.2.3', 'Infinity', '0x1f', '.', '..5', '.5.5', '0.', '00'])(
    'agrees with Number() on %j',
    (text) => {
      expect(Object.is(parseDecimal(text), Number(text))).toBe(true);
    },
  );
});
