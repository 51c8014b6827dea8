/**
 * The real runtime started in-process and waited on until every venue is live: on `--demo`
 * (the simulators in this process too), or against `depthmux sim` in a process of its own (the
 * client alone, as against real exchanges, with the demo account's positions shown).
 */
import { AppRuntime } from '../src/cli/runtime.js';
import { parseConfig, type RawOptions } from '../src/cli/config.js';
import { silentLogger } from '../src/cli/log.js';
import { waitUntil } from './measure.js';
import type { SimProcess } from './sim-process.js';

type ScreenOptions = Omit<RawOptions, 'demo' | 'exchanges' | 'endpoint' | 'hlAddress'>;

export function startDemoRuntime(options: ScreenOptions): Promise<AppRuntime> {
  return startRuntime({ ...options, demo: true });
}

export function startClientRuntime(sim: SimProcess, options: ScreenOptions): Promise<AppRuntime> {
  return startRuntime({ ...options, ...pasteLineOptions(sim.args), hlAddress: sim.account });
}

async function startRuntime(options: RawOptions): Promise<AppRuntime> {
  const config = parseConfig(options);
  const runtime = await AppRuntime.start(config, silentLogger);
  try {
    await waitUntil(`every venue live on ${config.symbol}`, () => runtime.settled && runtime.store.getState().ladder?.symbol === config.symbol);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return runtime;
}

/** `--exchanges a,b --endpoint x --endpoint y`, as commander would hand them over. */
function pasteLineOptions(args: readonly string[]): Pick<RawOptions, 'exchanges' | 'endpoint'> {
  const endpoint: string[] = [];
  let exchanges: string | undefined;
  for (let i = 0; i + 1 < args.length; i += 2) {
    if (args[i] === '--exchanges') exchanges = args[i + 1];
    else if (args[i] === '--endpoint') endpoint.push(args[i + 1]!);
    else throw new Error(`depthmux sim's paste line has an argument the bench does not know: ${args[i]}`);
  }
  return { ...(exchanges !== undefined ? { exchanges } : {}), endpoint };
}
