/**
 * depthmux keeps V8's old generation near its live data (src/cli/heap-tuning.ts): the same churn
 * of promoted garbage, in two fresh Node processes, must commit a clearly smaller heap with the
 * tuning than without it (measured: ~155 MB against ~315 MB).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const churn = join(import.meta.dirname, '..', 'fixtures', 'heap-churn.mjs');
const peakHeapMb = (tuned: boolean): number => {
  const [peak, live] = execFileSync(process.execPath, [churn, ...(tuned ? ['--tuned'] : [])], { encoding: 'utf8' }).split(' ').map(Number);
  expect(live).toBe(200_000);
  return peak!;
};

describe('heap tuning', () => {
  it('keeps the committed heap near the live data under promoted garbage', () => {
    const stock = peakHeapMb(false);
    const tuned = peakHeapMb(true);
    expect(tuned).toBeLessThan(stock * 0.7);
  });
});
