/**
 * The client side of the stress figure, run by bench/stress.ts in a pseudo-terminal: the real
 * feed, book, frame clock and <App> drawn by Ink to this process's terminal, against the
 * flooded simulator whose URLs are argv[2] (ws) and argv[3] (rest). It counts what it consumes;
 * SIGUSR2 starts the measured phase (counters and histograms reset) and SIGTERM ends it, writing
 * the phase's figures as JSON to argv[4]:
 *   consumed: depth diffs decoded; lag: event-loop delay (perf_hooks histogram, ms);
 *   frames: frames Ink wrote; screenLagMs: per frame, how old the newest diff on it was
 *   (now - the diff's event time E, which the simulator stamps when it sends);
 *   eventToScreenMs: per diff, from E to the first frame written after the frame clock put it in
 *   the store (every diff is in the book at once, so the next store write carries it);
 *   cpuMs: this process's CPU time (user + system) over the phase.
 * NODE_ENV is set by the parent before React loads.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import React from 'react';
import { boundInkCaches } from '../src/cli/bound-ink-caches.js';
import { INK_MAX_FPS } from '../src/cli/ink-max-fps.js';
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
/** Event times of diffs decoded since the last store write, and of those in the store but not yet drawn. */
let decodedTimes: number[] = [];
let storedTimes: number[] = [];
let eventToScreenMs: number[] = [];
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
        if (event.exchangeTime !== undefined) {
          newestEventTime = event.exchangeTime;
          decodedTimes.push(event.exchangeTime);
        }
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
let phaseStart = { at: performance.now(), cpu: process.cpuUsage(), consumed: 0, frames: 0 };
store.subscribe(() => {
  for (const time of decodedTimes) storedTimes.push(time);
  decodedTimes = [];
});
const ink = render(<App runtime={{ store, dispatch: () => {} }} />, {
  exitOnCtrlC: false,
  patchConsole: false,
  maxFps: INK_MAX_FPS,
  onRender: () => {
    frames++;
    const now = Date.now();
    if (newestEventTime > 0) screenLagMs.push(now - newestEventTime);
    for (const time of storedTimes) eventToScreenMs.push(now - time);
    storedTimes = [];
  },
});
session.start();
clock.start();
lag.enable();

process.on('SIGUSR2', () => {
  lag.reset();
  screenLagMs = [];
  eventToScreenMs = [];
  phaseStart = { at: performance.now(), cpu: process.cpuUsage(), consumed, frames };
});

process.once('SIGTERM', () => {
  const seconds = (performance.now() - phaseStart.at) / 1000;
  const cpu = process.cpuUsage(phaseStart.cpu);
  lag.disable();
  clock.stop();
  session.close();
  ink.unmount();
  const ms = (ns: number): number => ns / 1e6;
  writeFileSync(
    statsPath,
    JSON.stringify({ seconds, consumed: consumed - phaseStart.consumed, frames: frames - phaseStart.frames, screenLagMs, eventToScreenMs, cpuMs: (cpu.user + cpu.system) / 1000, synced: session.feeds[0]?.synced ?? false, lag: { p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) } }),
  );
  process.exit(0);
});
