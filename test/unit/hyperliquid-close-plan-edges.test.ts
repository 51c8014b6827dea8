/**
 * The close plan's edges: no mid price means no order, a cheap coin's limit keeps to a perp's
 * decimals (6 - szDecimals, not spot's 8), and the decimal helpers the results are read with keep
 * every digit: a zero inside the fraction is no trailing zero.
 */
import { describe, expect, it } from 'vitest';
import { absDecimal, planClose, subtractDecimal } from '../../src/hyperliquid/close-plan.js';
import type { PerpAsset, WirePosition } from '../../src/hyperliquid/wire.js';

const position = (coin: string, szi: string): WirePosition => ({ coin, szi } as unknown as WirePosition);
const asset = (szDecimals: number): PerpAsset => ({ name: "X", asset: 7, szDecimals });

describe('planClose edges', () => {
  it.each(['0', '-1', 'NaN', ''])('refuses to price a close at a mid of "%s"', (mid) => {
    const plan = planClose(position('X', '10'), asset(0), mid, 0.01);
    expect(plan).toEqual({ ok: false, error: `X has no usable mid price (${mid})` });
  });

  it("a cheap coin's limit has at most 6 - szDecimals decimals, as a perp's must", () => {
    const plan = planClose(position('X', '100'), asset(1), '0.001234567', 0.01);
    expect(plan.ok).toBe(true);
    if (plan.ok) expect(plan.value.price).toBe('0.00123'); // a sell: 0.99 × mid rounded up at 5 decimals
  });
});

describe('decimal helpers', () => {
  it('absDecimal drops a leading minus only', () => {
    expect(absDecimal('-1.5')).toBe('1.5');
    expect(absDecimal('1.5')).toBe('1.5');
  });

  it('subtractDecimal keeps zeros inside the fraction and drops trailing ones', () => {
    expect(subtractDecimal('1.005', '0.001')).toBe('1.004');
    expect(subtractDecimal('1.100', '0')).toBe('1.1');
    expect(subtractDecimal('10.05', '0.05')).toBe('10');
  });
});
