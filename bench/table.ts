/** The results as a plain-text table: one block per section, ratios beside the figures. */
import type { Section } from './result.js';

function figure(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(2);
}

function ratio(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return '—';
  return `×${value >= 10 ? value.toFixed(1) : value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)}`;
}

export function formatTable(sections: readonly Section[]): string {
  const width = Math.max(...sections.flatMap((section) => section.rows.map((r) => r.measure.length)));
  const lines: string[] = [];
  for (const section of sections) {
    lines.push('', section.title);
    lines.push(`  ${'measure'.padEnd(width)}  ${'value'.padStart(8)} ${'unit'.padEnd(8)}  ${'ratio'.padStart(7)}  vs (same run)`);
    for (const r of section.rows) {
      lines.push(`  ${r.measure.padEnd(width)}  ${figure(r.value).padStart(8)} ${r.unit.padEnd(8)}  ${ratio(r.ratio).padStart(7)}  ${r.versus ?? ''}`.trimEnd());
    }
    for (const note of section.notes) lines.push(`  · ${note}`);
  }
  return lines.join('\n');
}
