/**
 * `depthmux sim`: the simulated venues on their own, for poking at them with other tools or
 * pointing a second depthmux at them. Prints each venue's URLs as the `--endpoint` value that
 * reaches it (Hyperliquid's with the simulated exchange's API and user stream), then one command
 * line that points depthmux at all of them, and runs until interrupted. With
 * `--rate N` it floods every venue (a stress source) and prints one JSON line a second: messages
 * sent per venue and symbol, and each venue's newest update id per symbol.
 */
import { Demo } from '../sim/demo.js';
import { formatEndpoint, type EndpointUrls } from './endpoints.js';
import { Flood } from '../sim/flood.js';
import { venue } from '../venues/registry.js';
import type { VenueId } from '../venues/ids.js';
import type { FaultSchedule } from '../sim/faults.js';

export interface SimOptions {
  readonly venues: readonly VenueId[];
  readonly faults: readonly FaultSchedule[];
  readonly chaos: boolean;
  readonly rate: number;
}

export async function runSim(options: SimOptions): Promise<number> {
  // A flooded Hyperliquid pushes a book per message, not one per block (>= 0.5 s apart).
  const simulatorOptions = options.rate > 0 ? { minPushIntervalMs: 0 } : undefined;
  const venues = options.venues.map((id) => ({ id, simulator: () => venue(id).simulator(simulatorOptions) }));
  const demo = await Demo.start({ venues, faults: options.faults, chaos: options.chaos });
  const flags = options.venues.map((id) => `--endpoint ${formatEndpoint(id, simulatedUrls(demo, id))}`);
  options.venues.forEach((id, i) => process.stdout.write(`${id.padEnd(12)} ${flags[i]}\n`));
  process.stdout.write(`demo account ${demo.exchange.account.address} (--hl-address shows its positions)\n`);
  process.stdout.write(`depthmux --exchanges ${options.venues.join(',')} ${flags.join(' ')}\n`);
  const faults = options.faults.map((f) => f.name).join(', ');
  const rate = options.rate > 0 ? `; flooding ${options.rate} msgs/s per venue and symbol` : '';
  process.stdout.write(`simulating ${options.venues.length} venue(s)${options.chaos ? ' with chaos' : ''}${faults ? `; faults: ${faults}` : ''}${rate}. Ctrl-C stops.\n`);
  const flood = new Flood([...demo.servers.values()], options.rate);
  flood.start();
  const report = options.rate > 0 ? setInterval(() => process.stdout.write(`${JSON.stringify({ t: Date.now(), sent: flood.sent, seq: seqs(demo) })}\n`), 1_000) : undefined;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(report);
  flood.close();
  await demo.close();
  return 0;
}

/** The URLs a venue's simulator serves, keyed as `--endpoint` names them. */
function simulatedUrls(demo: Demo, id: VenueId): EndpointUrls {
  const { ws, rest } = demo.endpoints(id);
  if (id === 'hyperliquid') return { ws, api: demo.exchange.api, 'user-ws': demo.exchange.ws };
  return { ws, ...(rest !== undefined ? { rest } : {}) };
}

/** Newest update id per venue and symbol in use. */
function seqs(demo: Demo): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [id, server] of demo.servers) out[id] = server.seqs();
  return out;
}
