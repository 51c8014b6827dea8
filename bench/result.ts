/**
 * What every benchmark hands back: rows of figures, each a ratio against a baseline measured in
 * the same run (this machine is shared and noisy, so an absolute figure alone means little).
 */

/** Spread over the runs of one figure: the row's value is the median. */
export interface Spread {
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export interface Row {
  /** What was measured, e.g. "decode (ns/frame)". */
  readonly measure: string;
  readonly value: number;
  readonly unit: string;
  /** value / baseline value, both from this run; absent for the baseline row itself. */
  readonly ratio?: number;
  /** Which row or figure `ratio` divides by. */
  readonly versus?: string;
  readonly spread?: Spread;
  /** Min and max of the per-run ratios (each run paired with the baseline run beside it). */
  readonly ratioSpread?: Spread;
}

export interface Section {
  readonly title: string;
  readonly rows: readonly Row[];
  /** One line each: what the baseline is and anything a reader must know to read the rows. */
  readonly notes: readonly string[];
}

export interface Baseline {
  readonly value: number;
  readonly name: string;
}

export function row(measure: string, value: number, unit: string, baseline?: Baseline, spread?: Spread): Row {
  const base = spread ? { measure, value, unit, spread } : { measure, value, unit };
  if (!baseline) return base;
  return { ...base, ratio: value / baseline.value, versus: baseline.name };
}

/** A row from per-run samples paired with a baseline's per-run samples (same length, same rounds). */
export function pairedRow(measure: string, samples: readonly number[], unit: string, baseline?: { readonly samples: readonly number[]; readonly name: string }): Row {
  const spread = spreadOf(samples);
  const value = medianOf(samples);
  if (!baseline) return { measure, value, unit, spread };
  const ratios = samples.map((sample, i) => sample / baseline.samples[i]!);
  return { measure, value, unit, spread, ratio: medianOf(ratios), versus: baseline.name, ratioSpread: spreadOf(ratios) };
}

export function spreadOf(samples: readonly number[]): Spread {
  return { min: Math.min(...samples), max: Math.max(...samples), runs: samples.length };
}

export function medianOf(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
