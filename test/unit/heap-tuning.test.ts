/**
 * depthmux's heap tuning (src/cli/heap-tuning.ts), each in fresh Node processes:
 * - the old generation is kept near its live data: the same churn of promoted garbage must commit
 *   a clearly smaller heap with the tuning than without it (measured: ~155 MB against ~315 MB);
 * - baseline code of functions that no longer run is dropped by the major collections a running
 *   program gets (measured: ~300 of ~320 kB dropped, against none).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEMI_SPACE_MB } from '../../src/cli/young-generation.js';

const fixture = (name: string): string => join(import.meta.dirname, '..', 'fixtures', name);

/** With the young generation the binary runs with: Node 24's own is large enough to hide the old generation's part of the peak. */
const YOUNG_GENERATION = `--max-semi-space-size=${SEMI_SPACE_MB}`;

const peakHeapMb = (tuned: boolean): number => {
  const [peak, live] = execFileSync(process.execPath, [YOUNG_GENERATION, fixture('heap-churn.mjs'), ...(tuned ? ['--tuned'] : [])], { encoding: 'utf8' }).split(' ').map(Number);
  expect(live).toBe(200_000);
  return peak!;
};

/** kB of baseline code compiled for functions that then stop running, and kB of code dropped after. */
const baselineCode = (tuned: boolean): { compiled: number; dropped: number } => {
  // The binary's young generation, so major collections come as often in the fixture on every
  // Node (src/cli/young-generation.ts).
  const args = ['--allow-natives-syntax', YOUNG_GENERATION, fixture('baseline-flush.mjs'), ...(tuned ? ['--tuned'] : [])];
  const [dropped, compiled, functions] = execFileSync(process.execPath, args, { encoding: 'utf8' }).split(' ').map(Number);
  expect(functions).toBe(2000);
  return { compiled: compiled!, dropped: dropped! };
};

describe('heap tuning', () => {
  it('keeps the committed heap near the live data under promoted garbage', () => {
    const stock = peakHeapMb(false);
    const tuned = peakHeapMb(true);
    expect(tuned).toBeLessThan(stock * 0.7);
  });

  it('drops the baseline code of functions that have stopped running', () => {
    const stock = baselineCode(false);
    const tuned = baselineCode(true);
    expect(stock.compiled).toBeGreaterThan(100);
    expect(stock.dropped).toBeLessThan(stock.compiled * 0.2);
    expect(tuned.dropped).toBeGreaterThan(tuned.compiled * 0.8);
  });
});
