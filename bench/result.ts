/**
 * What every benchmark hands back: rows of figures, each a ratio against a baseline measured in
 * the same run (this machine is shared and noisy, so an absolute figure alone means little).
 */

export interface Row {
  /** What was measured, e.g. "decode (ns/frame)". */
  readonly measure: string;
  readonly value: number;
  readonly unit: string;
  /** value / baseline value, both from this run; absent for the baseline row itself. */
  readonly ratio?: number;
  /** Which row or figure `ratio` divides by. */
  readonly versus?: string;
}

export interface Section {
  readonly title: string;
  readonly rows: readonly Row[];
  /** One line each: what the baseline is and anything a reader must know to read the rows. */
  readonly notes: readonly string[];
}

export function row(measure: string, value: number, unit: string, baseline?: { readonly value: number; readonly name: string }): Row {
  if (!baseline) return { measure, value, unit };
  return { measure, value, unit, ratio: value / baseline.value, versus: baseline.name };
}
