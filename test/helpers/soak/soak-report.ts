/** A soak's result as a person reads it: per fault kind, how soon it was noticed and how long a live book was wrong. */
import type { SoakResult } from './soak-run.js';

const ms = (value: number | undefined): string => (value === undefined ? '—' : `${(value / 1000).toFixed(2)} s`);

export function formatSoakReport(result: SoakResult): string {
  const lines = [
    `soak: ${result.venues.join(', ')} for ${result.durationMs / 1000} s, seed ${result.seed}; ${result.faults} faults; ${result.samples} samples, ${result.liveSamples} live`,
    `detection thresholds: ${[...result.thresholdMs].map(([venue, t]) => `${venue} ${ms(t)}`).join(', ')}`,
    'thrown: faults thrown; at live: of them, thrown while the venue was live; noticed: of those, followed by leaving live, a reconnect or a resync',
    `${'fault'.padEnd(26)}${'thrown'.padStart(7)}${'at live'.padStart(9)}${'noticed'.padStart(9)}${'worst to notice'.padStart(17)}${'wrong episodes'.padStart(16)}${'worst wrong while live'.padStart(24)}`,
  ];
  for (const [kind, r] of [...result.kinds].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `${kind.padEnd(26)}${String(r.thrown).padStart(7)}${String(r.atLive).padStart(9)}${String(r.noticed).padStart(9)}${ms(r.worstNoticeMs).padStart(17)}${String(r.wrongEpisodes).padStart(16)}${ms(r.worstWrongMs).padStart(24)}`,
    );
  }
  for (const v of result.violations) {
    lines.push(`VIOLATION ${v.venue}: live and wrong for ${ms(v.to - v.from)} from ${new Date(v.from).toISOString()} (showed ${v.shown.bid}/${v.shown.ask}) after ${v.fault ? `${v.fault.kind} at ${new Date(v.fault.at).toISOString()}` : 'no fault'}`);
  }
  lines.push(`live at the end: ${result.liveAtEnd.join(', ') || 'none'}`);
  return lines.join('\n');
}
