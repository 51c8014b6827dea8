/**
 * `--json`: the same runtime without a screen, for scripts and for tests that read depthmux
 * without a terminal. One line per second; with `--once`, one line when every venue has settled.
 */
import { AppRuntime } from './runtime.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { AppState } from '../store/app-store.js';
import type { MergedLevel } from '../book/merge-depth.js';

/** `--once` waits this long for every venue to settle, then reports what it has. */
const ONCE_DEADLINE_MS = 30_000;

function levelsJson(levels: readonly MergedLevel[], count: number): unknown[] {
  return levels.slice(0, count).map((level) => ({
    price: level.price,
    size: clean(level.size),
    venues: Object.fromEntries(level.venues.map(([venue, size]) => [venue, clean(size)])),
  }));
}

/** Sums of decimal sizes carry binary noise (35.639259999999); a script wants 35.63926. */
function clean(size: number): number {
  return Number(size.toFixed(10));
}

/** The line's shape is a public interface: scripts parse it. */
function jsonLine(state: AppState, levels: number): string {
  const ladder = state.ladder;
  return JSON.stringify({
    time: new Date().toISOString(),
    symbol: state.symbol,
    venues: state.venues.map((venue) => ({
      id: venue.id,
      state: venue.notListed ? 'not-listed' : venue.state,
      bestBid: venue.bestBid ?? null,
      bestAsk: venue.bestAsk ?? null,
      msgsPerSec: venue.msgsPerSec,
      reconnects: venue.reconnects,
      resyncs: venue.resyncs,
      lastError: venue.lastError ?? null,
    })),
    merged: ladder
      ? { tick: ladder.tick, bestBid: ladder.bestBid ?? null, bestAsk: ladder.bestAsk ?? null, bids: levelsJson(ladder.bids, levels), asks: levelsJson(ladder.asks, levels) }
      : null,
  });
}

export async function runJson(config: Config, logger: Logger): Promise<number> {
  const runtime = await AppRuntime.start(config, logger);
  const deadline = Date.now() + ONCE_DEADLINE_MS;
  try {
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        clearInterval(timer);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      const timer = setInterval(() => {
        runtime.clock.tick();
        if (config.once && !runtime.settled && Date.now() < deadline) return;
        process.stdout.write(`${jsonLine(runtime.store.getState(), config.depth)}\n`);
        if (config.once) stop();
      }, config.once ? 100 : 1000);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } finally {
    await runtime.close();
  }
  return 0;
}
