/**
 * `depthmux sim` (the built binary, all eleven venues) in a process of its own, for the benches
 * that measure the client alone, as it runs against real exchanges: the client arguments it
 * prints (its paste line) and the demo account it serves, whose positions a client can show.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitUntil } from './measure.js';

export const depthmuxBin = fileURLToPath(new URL('../../bin/depthmux.js', import.meta.url));

export interface SimProcess {
  /** The paste line's arguments: `--exchanges …` and one `--endpoint …` per venue. */
  readonly args: readonly string[];
  /** The demo account's address, for `--hl-address`. */
  readonly account: string;
  stop(): Promise<void>;
}

export async function startSim(): Promise<SimProcess> {
  const child = spawn(process.execPath, [depthmuxBin, 'sim'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let args: string[] | undefined;
  let account: string | undefined;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    account ??= /^demo account (0x[0-9a-f]{40})\b/.exec(line)?.[1];
    if (line.startsWith('depthmux --exchanges ')) args = line.split(' ').slice(1);
  });
  await waitUntil('depthmux sim to print its paste line', () => args !== undefined && account !== undefined, 20_000);
  return {
    args: args!,
    account: account!,
    async stop() {
      child.kill('SIGTERM');
      await waitUntil('depthmux sim to exit', () => child.exitCode !== null || child.signalCode !== null, 10_000);
    },
  };
}
