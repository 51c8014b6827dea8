/**
 * `npm run soak`: the long soak, minutes of random faults against every venue (or the ones
 * asked for). Not part of `npm test`. Settings come from the environment:
 *   SOAK_SECONDS  how long faults are thrown (default 300)
 *   SOAK_VENUES   comma-separated venue ids (default all)
 *   SOAK_FAULTS   comma-separated fault kinds (default all; see fault-thrower.ts)
 *   SOAK_SEED     the random seed, to replay a run's choices of venue and fault
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../helpers/soak/soak-run.js';
import { formatSoakReport } from '../helpers/soak/soak-report.js';
import { VENUE_IDS, isVenueId } from '../../src/venues/ids.js';

const list = (value: string | undefined): string[] | undefined => value?.split(',').map((part) => part.trim()).filter(Boolean);
const seconds = Number(process.env.SOAK_SECONDS ?? 300);
const venues = list(process.env.SOAK_VENUES) ?? [...VENUE_IDS];
const kinds = list(process.env.SOAK_FAULTS);
const seed = process.env.SOAK_SEED !== undefined ? Number(process.env.SOAK_SEED) : undefined;

describe('soak under the fault proxy', () => {
  it(`shows no wrong book as live for longer than its detection threshold (${seconds} s)`, async () => {
    const unknown = venues.find((id) => !isVenueId(id));
    if (unknown !== undefined) throw new Error(`SOAK_VENUES: unknown venue "${unknown}": valid ids are ${VENUE_IDS.join(', ')}`);
    const result = await runSoak({ venues: venues.filter(isVenueId), durationMs: seconds * 1000, ...(kinds ? { kinds } : {}), ...(seed !== undefined ? { seed } : {}) });
    const report = formatSoakReport(result);
    console.log(report);
    expect(result.violations, report).toEqual([]);
    expect(result.unreadLines).toEqual([]);
  }, (seconds + 120) * 1000);
});
