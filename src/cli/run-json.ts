/**
 * `--json`: the same runtime without a screen, for scripts and for tests that read depthmux
 * without a terminal. One line every `--interval` seconds; with `--once`, one line when every
 * venue has settled. A reader that goes away (`| head -2`) ends it quietly, exit code 0.
 * The line's shape is a public interface, versioned by `schema` and documented in the README.
 */
import { AppRuntime } from './runtime.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { AppState } from '../store/app-store.js';
import type { MergedLevel } from '../book/merge-depth.js';
import type { LiquidityView } from '../store/liquidity.js';

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const JSON_SCHEMA_VERSION = 1;

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

function liquidityJson(liquidity: LiquidityView | undefined): unknown {
  if (!liquidity) return null;
  const quote = (fill: LiquidityView['buy']) => (fill ? { filled: clean(fill.filled), averagePrice: clean(fill.averagePrice), slippageBps: Number(fill.slippageBps.toFixed(3)) } : null);
  return {
    mid: clean(liquidity.mid),
    withinBps: liquidity.bands.map((band) => ({ bps: band.bps, bidSize: clean(band.bidSize), askSize: clean(band.askSize) })),
    fillSize: liquidity.fillSize,
    buy: quote(liquidity.buy),
    sell: quote(liquidity.sell),
  };
}

/** The line's shape is a public interface (README, schema): scripts parse it. */
function jsonLine(state: AppState, levels: number, now = Date.now()): string {
  const ladder = state.ladder?.symbol === state.symbol ? state.ladder : undefined;
  const bestBid = ladder?.bestBid;
  const bestAsk = ladder?.bestAsk;
  return JSON.stringify({
    schema: JSON_SCHEMA_VERSION,
    time: new Date(now).toISOString(),
    symbol: state.symbol,
    venues: state.venues.map((venue) => ({
      id: venue.id,
      market: venue.market,
      quote: venue.quote,
      state: venue.notListed ? 'not-listed' : venue.state,
      bestBid: venue.bestBid ?? null,
      bestAsk: venue.bestAsk ?? null,
      msgsPerSec: venue.msgsPerSec,
      ageS: venue.ageS ?? null,
      latencyMs: venue.latencyMs ?? null,
      reconnects: venue.reconnects,
      failedAttempts: venue.failedAttempts,
      resyncs: venue.resyncs,
      lastError: venue.lastError ?? null,
      lastErrorAgeS: venue.errorAgeS ?? null,
    })),
    merged: ladder
      ? {
          tick: ladder.tick,
          venues: ladder.included,
          bestBid: bestBid ?? null,
          bestAsk: bestAsk ?? null,
          crossed: bestBid !== undefined && bestAsk !== undefined && bestBid >= bestAsk,
          bids: levelsJson(ladder.bids, levels),
          asks: levelsJson(ladder.asks, levels),
          liquidity: liquidityJson(ladder.liquidity),
        }
      : null,
  });
}

export async function runJson(config: Config, logger: Logger): Promise<number> {
  const runtime = await AppRuntime.start(config, logger);
  const deadline = Date.now() + ONCE_DEADLINE_MS;
  try {
    await new Promise<void>((resolve) => {
      let stopped = false;
      const stop = (): void => {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.stdout.off('error', onError);
        resolve();
      };
      // EPIPE: the reader has gone (`| head -2`). That is the end of the job, not a failure.
      const onError = (error: NodeJS.ErrnoException): void => {
        if (error.code !== 'EPIPE') logger.error(`stdout: ${error.message}`);
        stop();
      };
      const timer = setInterval(
        () => {
          runtime.clock.tick();
          if (config.once && !runtime.settled && Date.now() < deadline) return;
          process.stdout.write(`${jsonLine(runtime.store.getState(), config.depth)}\n`);
          if (config.once) stop();
        },
        config.once ? 100 : config.interval * 1000,
      );
      process.stdout.on('error', onError);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } finally {
    await runtime.close();
  }
  return 0;
}
