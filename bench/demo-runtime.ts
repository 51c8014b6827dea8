/** The real runtime on `--demo`, started in-process and waited on until every venue is live. */
import { AppRuntime } from '../src/cli/runtime.js';
import { parseConfig, type RawOptions } from '../src/cli/config.js';
import { silentLogger } from '../src/cli/log.js';
import { waitUntil } from './measure.js';

export async function startDemoRuntime(options: Omit<RawOptions, 'demo'>): Promise<AppRuntime> {
  const config = parseConfig({ ...options, demo: true });
  const runtime = await AppRuntime.start(config, silentLogger);
  try {
    await waitUntil(`every venue live on ${config.symbol}`, () => runtime.settled && runtime.store.getState().ladder?.symbol === config.symbol);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return runtime;
}
