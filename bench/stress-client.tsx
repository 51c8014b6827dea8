/**
 * The client side of the stress figure, run by bench/stress.ts in a pseudo-terminal: the real
 * feed, book, frame clock and <App> drawn by Ink to this process's terminal, against the
 * flooded simulator whose URLs are argv[2] (ws) and argv[3] (rest). It counts what it consumes;
 * SIGUSR2 starts the measured phase (counters and histograms reset) and SIGTERM ends it, writing
 * the phase's figures as JSON to argv[4]:
 *   consumed: depth diffs decoded; lag: event-loop delay (perf_hooks histogram, ms);
 *   frames: frames Ink wrote; screenLagMs: per frame, how old the newest diff on it was
 *   (now - the diff's event time E, which the simulator stamps when it sends).
 * NODE_ENV is set by the parent before React loads.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import React from 'react';
import { boundInkCaches } from '../src/cli/bound-ink-caches.js';
import type { VenueAdapter } from '../src/feeds/types.js';
import { binanceSpot } from '../src/feeds/venues/binance-spot.js';
import { SymbolSession } from '../src/pool/symbol-session.js';
import { createAppStore } from '../src/store/app-store.js';
import { FrameClock } from '../src/store/frame-clock.js';

// As the depthmux binary draws: Ink's text caches bounded before Ink is first imported.
boundInkCaches();
const { render } = await import('ink');
const { App } = await import('../src/ui/app.js');

const [ws, rest, statsPath] = process.argv.slice(2);
if (!ws || !rest || !statsPath) throw new Error('usage: stress-client <ws> <rest> <stats.json>');
const FPS = 10;

let consumed = 0;
let newestEventTime = 0;
/** The codec as the feed uses it, counting the diffs it decodes on the way. */
const counted = (): VenueAdapter => {
  const adapter = binanceSpot({ ws, rest });
  return {
    ...adapter,
    decode: (frame) => {
      const events = adapter.decode(frame);
      for (const event of events) {
        if (event.type !== 'delta') continue;
        consumed++;
        if (event.exchangeTime !== undefined) newestEventTime = event.exchangeTime;
      }
      return events;
    },
  };
};

const session = new SymbolSession('BTC', [counted]);
const store = createAppStore({ symbol: 'BTC', depth: 15, watchlist: ['BTC'], venueTags: { binance: 'BN' } });
const clock = new FrameClock({ store, fps: FPS, source: () => ({ symbol: 'BTC', feeds: session.feeds }) });
const lag = monitorEventLoopDelay({ resolution: 10 });
let screenLagMs: number[] = [];
let frames = 0;
let phaseStart = { at: performance.now(), consumed: 0, frames: 0 };
const ink = render(<App runtime={{ store, dispatch: () => {} }} />, {
  exitOnCtrlC: false,
  patchConsole: false,
  maxFps: FPS * 3,
  onRender: () => {
    frames++;
    if (newestEventTime > 0) screenLagMs.push(Date.now() - newestEventTime);
  },
});
session.start();
clock.start();
lag.enable();

process.on('SIGUSR2', () => {
  lag.reset();
  screenLagMs = [];
  phaseStart = { at: performance.now(), consumed, frames };
});

process.once('SIGTERM', () => {
  const seconds = (performance.now() - phaseStart.at) / 1000;
  lag.disable();
  clock.stop();
  session.close();
  ink.unmount();
  const ms = (ns: number): number => ns / 1e6;
  writeFileSync(
    statsPath,
    JSON.stringify({ seconds, consumed: consumed - phaseStart.consumed, frames: frames - phaseStart.frames, screenLagMs, synced: session.feeds[0]?.synced ?? false, lag: { p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) } }),
  );
  process.exit(0);
});
