/**
 * The close order for a position, as pure arithmetic: side, size, limit price. The Python SDK's
 * market_close (exchange.py) is the model: reduce-only IOC limit at mid ± slippage, the opposite side
 * of szi. Two deliberate differences, both for safety: the size is rounded DOWN to the lot (a size
 * rounded up is larger than the position and rejected "Reduce only order would increase position"),
 * and the price is rounded toward the user (rounding.ts closeRounding) rather than to nearest, so the
 * slippage bound the user confirmed always holds.
 */
import { closeRounding, roundPrice, roundSize } from './rounding.js';
import type { PositionSide } from './positions-view.js';
import type { PerpAsset, Read, WirePosition } from './wire.js';

export interface ClosePlan {
  readonly coin: string;
  readonly asset: number;
  readonly szDecimals: number;
  /** The position's side; the order takes the other. */
  readonly side: PositionSide;
  readonly isBuy: boolean;
  readonly size: string;
  readonly price: string;
  readonly mid: number;
  readonly slippage: number;
}

export function planClose(position: WirePosition, asset: PerpAsset, mid: string, slippage: number): Read<ClosePlan> {
  const short = position.szi.startsWith('-');
  const size = roundSize(short ? position.szi.slice(1) : position.szi, asset.szDecimals);
  if (Number(size) === 0) return { ok: false, error: `${position.coin} position ${position.szi} is smaller than one lot (${asset.szDecimals} decimals)` };
  const midPx = Number(mid);
  if (!(midPx > 0)) return { ok: false, error: `${position.coin} has no usable mid price (${mid})` };
  const isBuy = short;
  const bound = midPx * (isBuy ? 1 + slippage : 1 - slippage);
  const price = roundPrice(bound, asset.szDecimals, true, closeRounding(isBuy));
  return {
    ok: true,
    value: { coin: position.coin, asset: asset.asset, szDecimals: asset.szDecimals, side: short ? 'short' : 'long', isBuy, size, price, mid: midPx, slippage },
  };
}

/** A fresh 128-bit client order id: 0x + 32 lowercase hex (docs "Exchange endpoint": cloid). */
export function newCloid(random: (bytes: number) => Uint8Array): string {
  return `0x${Buffer.from(random(16)).toString('hex')}`;
}

/** |a| of a decimal string. */
export function absDecimal(text: string): string {
  return text.startsWith('-') ? text.slice(1) : text;
}

/** a - b on decimal strings, exactly (floats would turn 0.3 - 0.1 into 0.19999999999999998). */
export function subtractDecimal(a: string, b: string): string {
  const scale = Math.max(decimalsOf(a), decimalsOf(b));
  const diff = scaled(a, scale) - scaled(b, scale);
  const negative = diff < 0n;
  const digits = (negative ? -diff : diff).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function scaled(text: string, scale: number): bigint {
  const [int = '0', frac = ''] = text.split('.');
  return BigInt(`${int}${frac.padEnd(scale, '0')}`);
}
