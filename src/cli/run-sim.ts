/**
 * `depthmux sim`: the simulated venues on their own, for poking at them with other tools or
 * pointing a second depthmux at them. Prints each venue's URLs, runs until interrupted.
 */
import { Demo } from '../sim/demo.js';
import type { AvailableVenueId } from '../venues/registry.js';
import { demoVenues } from './runtime.js';
import type { FaultSchedule } from '../sim/faults.js';

export interface SimOptions {
  readonly venues: readonly AvailableVenueId[];
  readonly faults: readonly FaultSchedule[];
  readonly chaos: boolean;
}

export async function runSim(options: SimOptions): Promise<number> {
  const demo = await Demo.start({ venues: demoVenues(options.venues), faults: options.faults, chaos: options.chaos });
  for (const venue of options.venues) {
    const { ws, rest } = demo.endpoints(venue);
    process.stdout.write(`${venue.padEnd(12)} ws ${ws}${rest ? `   rest ${rest}` : ''}\n`);
  }
  const faults = options.faults.map((f) => f.name).join(', ');
  process.stdout.write(`simulating ${options.venues.length} venue(s)${options.chaos ? ' with chaos' : ''}${faults ? `; faults: ${faults}` : ''}. Ctrl-C stops.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await demo.close();
  return 0;
}
