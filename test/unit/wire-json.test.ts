import { describe, expect, it } from 'vitest';
import { isDecimalString } from '../../src/wire/json.js';

describe('isDecimalString', () => {
  it.each(['0', '68674.0', '0.35130000', '1000000', '0.00000001', `${'9'.repeat(308)}.5`])('accepts %s', (text) => {
    expect(isDecimalString(text)).toBe(true);
  });

  it.each(['', '.5', '5.', '-1', '+1', '1e5', '1.2.3', ' 1', '1 ', 'NaN', 'Infinity', '0x10', '１', '1,5'])('refuses %j', (text) => {
    expect(isDecimalString(text)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [1, null, undefined, ['1'], { toString: () => '1' }]) expect(isDecimalString(value)).toBe(false);
  });

  it('accepts a long integer part only while it stays finite', () => {
    expect(isDecimalString(`1${'0'.repeat(308)}`)).toBe(true); // 1e308
    expect(isDecimalString(`${'0'.repeat(400)}1`)).toBe(true);
    expect(isDecimalString(`2${'0'.repeat(308)}`)).toBe(false); // 2e308 = Infinity
    expect(isDecimalString('9'.repeat(400))).toBe(false);
  });
});
