/**
 * What the rounding functions read: a number's shortest form or a decimal string with blanks
 * around it or an exponent of any sign and length; nothing that is not a finite number; a zero
 * price refused as not positive; and szDecimals 6 on a perp, which leaves whole prices only.
 */
import { describe, expect, it } from 'vitest';
import { roundPrice, roundSize } from '../../src/hyperliquid/rounding.js';

describe('rounding input', () => {
  it('reads decimal text with blanks around it', () => {
    expect(roundPrice(' 123.4 ', 0, true)).toBe('123.4');
    expect(roundSize(' 0.123456 ', 3)).toBe('0.123');
  });

  it('reads exponents with or without a sign, of more than one digit', () => {
    expect(roundPrice('1.5e3', 0, true)).toBe('1500');
    expect(roundPrice('1.5e+3', 0, true)).toBe('1500');
    expect(roundPrice('1.2345e10', 0, true)).toBe('12345000000');
    expect(roundSize('2.5E-1', 2)).toBe('0.25');
  });

  it('refuses what is not a finite number', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => roundSize(value, 2)).toThrow(`${value} is not a finite number`);
    }
    expect(() => roundSize('1,5', 2)).toThrow('"1,5" is not a decimal number');
  });

  it('a zero price is refused as not positive', () => {
    expect(() => roundPrice(0, 0, true)).toThrow('price 0 is not positive');
  });

  it('szDecimals 6 on a perp leaves whole prices, and 7 none at all', () => {
    expect(roundPrice(123.4, 6, true)).toBe('123');
    expect(() => roundPrice(123.4, 7, true)).toThrow('szDecimals 7 leaves no price decimals');
  });
});
