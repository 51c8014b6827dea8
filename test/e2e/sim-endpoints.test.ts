/**
 * Reaching depthmux from outside: `depthmux sim` in one process prints a command line, and the
 * real client in another, with nothing but that line (no --demo), brings every venue to live.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { SimProcess } from '../helpers/sim-process.js';

interface JsonVenue {
  readonly id: string;
  readonly state: string;
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
}

describe('depthmux sim, pasted into --endpoint', () => {
  let sim: SimProcess | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('prints one --endpoint per venue and a command line that brings them live', async () => {
    const venues = ['binance', 'okx', 'kraken', 'hyperliquid'];
    sim = await SimProcess.start(venues);
    for (const id of venues) expect(sim.lines).toContainEqual(expect.stringMatching(new RegExp(`^${id} +--endpoint ${id}:ws=ws://127\\.0\\.0\\.1:\\d+`)));
    expect(sim.lines.find((line) => line.startsWith('hyperliquid'))).toMatch(/,api=http:\/\/127\.0\.0\.1:\d+,user-ws=ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(sim.args.filter((arg) => arg === '--endpoint')).toHaveLength(venues.length);

    const result = await runCli(['--json', '--once', ...sim.args], { timeoutMs: 40_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const line = JSON.parse(result.stdout) as { venues: JsonVenue[] };
    expect(line.venues.map((v) => [v.id, v.state])).toEqual(venues.map((id) => [id, 'live']));
    for (const v of line.venues) expect(v.bestBid! < v.bestAsk!, `${v.id} ${v.bestBid}/${v.bestAsk}`).toBe(true);
    expect(await sim.close()).toBe(0);
  }, 60_000);
});
