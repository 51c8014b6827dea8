/**
 * A book side's order, best first: bids by price descending, asks ascending, for tick numbers and
 * for wire levels (price text first). Shared functions rather than comparators made per call: the
 * simulators sort on every push, and V8 keeps a function's optimized code only while a closure of
 * it lives, so one made anew each call is optimized again after every full collection.
 */
import type { Side } from './market-model.js';

type Comparator<T> = (a: T, b: T) => number;

/** A level as a venue writes it: price text first, then whatever the venue adds. */
type WireLevel = readonly [price: string, ...rest: readonly string[]];

export const TICKS_BEST_FIRST: Readonly<Record<Side, Comparator<number>>> = {
  bid: (a, b) => b - a,
  ask: (a, b) => a - b,
};

export const WIRE_LEVELS_BEST_FIRST: Readonly<Record<Side, Comparator<WireLevel>>> = {
  bid: (a, b) => Number(b[0]) - Number(a[0]),
  ask: (a, b) => Number(a[0]) - Number(b[0]),
};
