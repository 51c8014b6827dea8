import { describe, expect, it } from 'vitest';
import { closeRounding, roundPrice, roundSize } from '../../src/hyperliquid/rounding.js';
import { floatToWire } from '../../src/hyperliquid/signing.js';

// Rules and examples: Hyperliquid docs, "For developers > API > Tick and lot size"
// (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/tick-and-lot-size).

describe('roundPrice: the docs examples', () => {
  it('perp: 1234.5 is valid, 1234.56 is not (5 significant figures)', () => {
    expect(roundPrice(1234.5, 0, true)).toBe('1234.5');
    expect(roundPrice(1234.56, 0, true)).toBe('1234.6');
  });

  it('perp: 0.001234 is valid, 0.0012345 is not (6 decimals)', () => {
    expect(roundPrice(0.001234, 0, true)).toBe('0.001234');
    expect(roundPrice(0.0012345, 0, true, 'down')).toBe('0.001234');
  });

  it('perp, szDecimals 1: 0.01234 is valid, 0.012345 is not (6 - 1 decimals)', () => {
    expect(roundPrice(0.01234, 1, true)).toBe('0.01234');
    expect(roundPrice(0.012345, 1, true, 'down')).toBe('0.01234');
  });

  it('spot: 0.0001234 is valid for szDecimals 0 or 1 but not above 2 (8 - szDecimals decimals)', () => {
    expect(roundPrice(0.0001234, 0, false)).toBe('0.0001234');
    expect(roundPrice(0.0001234, 1, false)).toBe('0.0001234');
    expect(roundPrice(0.0001234, 3, false)).toBe('0.00012');
  });

  it('integer prices are always allowed: 123456 stays, 12345.6 does not', () => {
    expect(roundPrice(123456, 0, true)).toBe('123456');
    expect(roundPrice(12345.6, 0, true)).toBe('12346');
    expect(roundPrice(123456.7, 0, true)).toBe('123457');
  });
});

describe('roundPrice: directions', () => {
  it('nearest rounds a half away from zero, down/up go toward -inf/+inf', () => {
    expect(roundPrice('1.23455', 0, true)).toBe('1.2346');
    expect(roundPrice('1.23455', 0, true, 'down')).toBe('1.2345');
    expect(roundPrice('1.23451', 0, true, 'up')).toBe('1.2346');
    expect(roundPrice('1.2345', 0, true, 'up')).toBe('1.2345'); // already valid: unchanged
  });

  it('a carry into a new digit still gives a valid price', () => {
    expect(roundPrice(9.99996, 0, true)).toBe('10');
    expect(roundPrice(99999.5, 0, true)).toBe('100000');
  });

  it('closeRounding keeps the slippage bound: buy rounds down, sell rounds up', () => {
    const mid = 2345.678;
    const slippage = 0.05;
    const buyBound = mid * (1 + slippage);
    const sellBound = mid * (1 - slippage);
    const buy = Number(roundPrice(buyBound, 2, true, closeRounding(true)));
    const sell = Number(roundPrice(sellBound, 2, true, closeRounding(false)));
    expect(buy).toBeLessThanOrEqual(buyBound);
    expect(buy).toBeGreaterThan(mid);
    expect(sell).toBeGreaterThanOrEqual(sellBound);
    expect(sell).toBeLessThan(mid);
  });
});

describe('roundPrice: tiny, huge and invalid', () => {
  it('tiny prices keep the decimals they are allowed', () => {
    expect(roundPrice(0.000001234, 0, true)).toBe('0.000001');
    expect(roundPrice(1.234e-7, 0, false)).toBe('0.00000012'); // String(x) is "1.234e-7"
  });

  it('a price that rounds to 0 is refused, except upward', () => {
    expect(() => roundPrice(0.000001234, 2, true)).toThrow(RangeError);
    expect(roundPrice(0.000001234, 2, true, 'up')).toBe('0.0001');
  });

  it('huge prices become integers', () => {
    expect(roundPrice(98765432.1, 0, true)).toBe('98765432');
    expect(roundPrice(1e20, 0, true)).toBe('100000000000000000000');
  });

  it('refuses zero, negative, non-finite and malformed prices, and impossible szDecimals', () => {
    expect(() => roundPrice(0, 0, true)).toThrow(RangeError);
    expect(() => roundPrice(-1, 0, true)).toThrow(RangeError);
    expect(() => roundPrice(Number.POSITIVE_INFINITY, 0, true)).toThrow(RangeError);
    expect(() => roundPrice('12,5', 0, true)).toThrow(RangeError);
    expect(() => roundPrice(1, 7, true)).toThrow(RangeError);
    expect(() => roundPrice(1, -1, true)).toThrow(RangeError);
  });
});

describe('roundSize', () => {
  it('cuts to szDecimals (docs: szDecimals 3 allows 1.001, not 1.0001)', () => {
    expect(roundSize(1.001, 3)).toBe('1.001');
    expect(roundSize(1.0001, 3)).toBe('1');
  });

  it('never rounds up, so a reduce-only close never exceeds the position', () => {
    expect(roundSize(0.12999, 2)).toBe('0.12');
    expect(roundSize('0.0147999999', 4)).toBe('0.0147');
    expect(roundSize(-0.12999, 2)).toBe('-0.12'); // toward zero for a signed szi, too
    expect(roundSize(12.9, 0)).toBe('12');
  });

  it('reads a float through its shortest form, so float noise does not cost a lot', () => {
    expect(roundSize(0.1 + 0.2, 1)).toBe('0.3'); // 0.30000000000000004
    expect(roundSize(1.1 * 3, 1)).toBe('3.3'); // 3.3000000000000003
  });

  it('a position smaller than one lot gives "0"', () => {
    expect(roundSize(0.00009, 4)).toBe('0');
    expect(roundSize(1e-7, 5)).toBe('0');
  });

  it('handles huge sizes exactly', () => {
    expect(roundSize(123456789012.345, 2)).toBe('123456789012.34');
    expect(roundSize('99999999999999999999.999', 2)).toBe('99999999999999999999.99');
  });

  it('strips trailing zeros from exchange strings', () => {
    expect(roundSize('2.5000', 5)).toBe('2.5');
    expect(roundSize('100.0', 2)).toBe('100');
  });
});

describe('wire form', () => {
  it('equals floatToWire of the same number wherever a float holds it exactly', () => {
    const prices = [1234.56, 0.12345, 0.98765, 98765.4321, 123456.7, 3.14159265, 0.5, 42, 1.0000001];
    for (const szDecimals of [0, 1, 2, 3, 4, 5]) {
      for (const price of prices) {
        const wire = roundPrice(price, szDecimals, true);
        expect(floatToWire(Number(wire))).toBe(wire);
      }
      const size = roundSize(1234.5678912, szDecimals);
      expect(floatToWire(Number(size))).toBe(size);
    }
  });
});
