/** The results as a plain-text table: one block per section, ratios beside the figures. */
import type { Row, Section, Spread } from './result.js';

export function figure(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(2);
}

export function ratio(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return '—';
  return `×${value >= 10 ? value.toFixed(1) : value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)}`;
}

function range(spread: Spread | undefined, format: (value: number) => string): string {
  return spread ? `${format(spread.min)}–${format(spread.max)}` : '';
}

/** A row's cells: measure, median value, unit, its min–max over runs, ratio, ratio min–max, baseline. */
export function cells(r: Row): string[] {
  return [r.measure, figure(r.value), r.unit, range(r.spread, figure), ratio(r.ratio), range(r.ratioSpread, (v) => ratio(v).slice(1)), r.versus ?? ''];
}

export function formatTable(sections: readonly Section[]): string {
  const width = Math.max(...sections.flatMap((section) => section.rows.map((r) => r.measure.length)));
  const lines: string[] = [];
  for (const section of sections) {
    lines.push('', section.title);
    lines.push(`  ${'measure'.padEnd(width)}  ${'median'.padStart(8)} ${'unit'.padEnd(8)} ${'min–max'.padStart(13)}  ${'ratio'.padStart(7)} ${'min–max'.padStart(11)}  vs (same run)`);
    for (const r of section.rows) {
      const [measure, value, unit, spread, times, timesSpread, versus] = cells(r);
      lines.push(`  ${measure!.padEnd(width)}  ${value!.padStart(8)} ${unit!.padEnd(8)} ${spread!.padStart(13)}  ${times!.padStart(7)} ${timesSpread!.padStart(11)}  ${versus}`.trimEnd());
    }
    for (const note of section.notes) lines.push(`  · ${note}`);
  }
  return lines.join('\n');
}
