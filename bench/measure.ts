/** Small measuring tools shared by the benchmarks: clocks, percentiles, bounded waits. */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Full GC when node runs with --expose-gc (the bench script does), so phases start even. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The p-th percentile (0..100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}


/** A batch of work that reports how many operations it did. */
export type Batch = () => number;

/** CPU time (user + system) of this process since `start`, in microseconds. */
export function cpuMicros(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/**
 * CPU nanoseconds per operation of each batch, timed in interleaved rounds (a, b, c, a, b, c, ...)
 * so a slow stretch of the shared machine hits every case alike. CPU time, not wall time: a
 * preempted process is not charged for the time another one ran. One sample per round per batch,
 * so samples of the same index are paired and their ratio is a fair comparison.
 */
export function timeInterleaved<K extends string>(batches: Readonly<Record<K, Batch>>, rounds: number): Record<K, number[]> {
  const keys = Object.keys(batches) as K[];
  const samples = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<K, number[]>;
  for (const key of keys) batches[key](); // warm-up: let the JIT settle before timing
  for (let round = 0; round < rounds; round++) {
    for (const key of keys) {
      collectGarbage(); // each batch pays for its own garbage, not its predecessor's
      const start = process.cpuUsage();
      const ops = batches[key]();
      samples[key].push((cpuMicros(start) * 1000) / ops);
    }
  }
  return samples;
}

/** CPU time (user + system) used between two `process.cpuUsage()` readings, as % of one core. */
export function cpuPercent(start: NodeJS.CpuUsage, wallMs: number): number {
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1000 / wallMs) * 100;
}

/** Bounded, described waits: the tests' own, so a bench and a test fail alike. */
/** Least-squares slope of y over x (NaN when every x is the same). */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

/** The standard error of `slope(points)`: how far the noise around the line lets it move. */
export function slopeStandardError(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  const b = slope(points);
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const residuals = points.reduce((s, [x, y]) => s + (y - my - b * (x - mx)) ** 2, 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return n > 2 && sxx > 0 ? Math.sqrt(residuals / (n - 2) / sxx) : Number.NaN;
}

export { waitFor as waitUntil } from '../test/helpers/wait-for.js';
