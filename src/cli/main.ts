/**
 * The entry point and the only process.exit. It validates everything before anything starts, so
 * a user's mistake is one line on stderr and exit code 2, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { parseConfig, parseSimConfig, type Config, type RawOptions } from './config.js';
import type { RawReplayOptions, RawSimOptions } from './program.js';
import { parseReplayConfig } from './replay-config.js';
import { UsageError } from './errors.js';
import { fileLogger, silentLogger, type Logger } from './log.js';
import { boundInkCaches } from './bound-ink-caches.js';
import { tuneHeap } from './heap-tuning.js';

// React's development build doubles the cost of every frame; a user gets production unless
// they ask otherwise. Set before React is first imported (run-tui is loaded lazily below).
process.env.NODE_ENV ??= 'production';
tuneHeap();

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

async function run(options: RawOptions): Promise<void> {
  const config = parseConfig(options);
  const interactive = !config.json;
  if (interactive && !process.stdout.isTTY) {
    throw new UsageError('not-a-terminal', 'stdout is not a terminal: use --json for one JSON line per second (or --json --once)');
  }
  if (interactive && !process.stdin.isTTY) {
    throw new UsageError('not-a-terminal', 'stdin is not a terminal, and the screen reads its keys from it: run depthmux in a terminal, or use --json');
  }
  // chalk (under Ink) honours FORCE_COLOR and --no-color but not NO_COLOR (https://no-color.org).
  if (config.noColor) process.env.FORCE_COLOR = '0';
  const logger = config.logFile !== undefined ? openLog(config.logFile) : silentLogger;
  process.exitCode = interactive ? await startTui(config, logger) : await startJson(config, logger);
}

function openLog(path: string): Logger {
  try {
    return fileLogger(path);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new UsageError('bad-log-file', `cannot write the log file "${path}" (${reason}): give a path in a writable folder`);
  }
}

/**
 * Ink draws only the last frame when it believes it runs in CI (is-in-ci, read when Ink is first
 * imported: CI, CONTINUOUS_INTEGRATION or any CI_* variable). A user at a real terminal always
 * gets the live screen, so a terminal wins over those variables. Call before Ink is imported.
 */
function terminalWinsOverCi(): void {
  for (const name of Object.keys(process.env)) {
    if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) delete process.env[name];
  }
}

async function startTui(config: Config, logger: Logger): Promise<number> {
  terminalWinsOverCi();
  boundInkCaches();
  const { runTui } = await import('./run-tui.js');
  return runTui(config, logger);
}

async function startJson(config: Config, logger: Logger): Promise<number> {
  const { runJson } = await import('./run-json.js');
  return runJson(config, logger);
}

async function sim(options: RawSimOptions): Promise<void> {
  const config = parseSimConfig(options);
  const { runSim } = await import('./run-sim.js');
  process.exitCode = await runSim(config);
}

async function replay(file: string, options: RawReplayOptions): Promise<void> {
  const config = parseReplayConfig(file, options);
  const logger = config.logFile !== undefined ? fileLogger(config.logFile) : silentLogger;
  // A replay without --json draws with Ink (run-replay-tui), loaded only after this.
  if (!config.json) {
    terminalWinsOverCi();
    boundInkCaches();
  }
  const { runReplay } = await import('./run-replay.js');
  process.exitCode = await runReplay(config, logger);
}

const program = buildProgram(version, { run, sim, replay }).exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`depthmux: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  if (error instanceof CommanderError) {
    // commander has already printed its message; help and version are not errors.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  process.stderr.write(`depthmux: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(70);
}
