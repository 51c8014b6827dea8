/**
 * The soak, short: the real client through fault proxies against the simulators, every kind of
 * fault thrown at a few venues, and no live venue wrong for longer than it takes to notice.
 * `npm run soak` runs the long one.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../helpers/soak/soak-run.js';
import { formatSoakReport } from '../helpers/soak/soak-report.js';

describe('soak under the fault proxy', () => {
  it('shows no wrong book as live for longer than its detection threshold', async () => {
    const result = await runSoak({ venues: ['binance', 'okx', 'hyperliquid'], durationMs: 30_000, faultEveryMs: 1_500, restMs: 7_000 });
    const report = formatSoakReport(result);
    expect(result.violations, report).toEqual([]);
    expect(result.unreadLines).toEqual([]);
    expect(result.faults, report).toBeGreaterThanOrEqual(9);
    expect(result.liveSamples, report).toBeGreaterThan(result.samples / 3);
    expect(result.liveAtEnd, `${report}\n${result.clientStderr}`).toEqual(['binance', 'okx', 'hyperliquid']);
  }, 120_000);
});
