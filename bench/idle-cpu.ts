/**
 * Benchmark 2b, what the screen costs standing still: the same 120×40 screen with two venues in
 * sync whose books never change (a quiet market), the frame clock ticking at 10 fps. Baseline in
 * the same run: the frame clock ticking with no Ink. What is left is the once-a-second redraw of
 * message ages and rates.
 */
import { Book } from '../src/book/book.js';
import type { FeedHealth } from '../src/feeds/health.js';
import { createAppStore } from '../src/store/app-store.js';
import type { FeedView } from '../src/store/feed-view.js';
import { FrameClock } from '../src/store/frame-clock.js';
import { cpuPercent, collectGarbage, sleep } from './measure.js';
import { mountApp } from './mount-app.js';
import { row, type Section } from './result.js';

const PHASE_MS = Number(process.env['BENCH_PHASE_MS'] ?? 10_000);
const FPS = 10;

/** A venue in sync whose book never moves, as a quiet altcoin's can for minutes. */
function quietFeed(id: string, name: string, mid: number): FeedView {
  const book = new Book();
  const levels = (side: 1 | -1): Array<[string, string]> => Array.from({ length: 40 }, (_, i) => [String(mid + side * (i + 1)), (1 + (i % 7) / 3).toFixed(3)]);
  book.replace(levels(-1), levels(1));
  const startedAt = Date.now();
  const health = (): FeedHealth => ({ state: 'live', connectedSince: startedAt, lastMessageAt: startedAt, msgsPerSec: 0, reconnects: 0, failedAttempts: 0, resyncs: 0, notListed: false });
  return { adapter: { id, name, market: 'spot', quote: 'USDT' }, book, version: 1, synced: true, sizeScale: 1, health };
}

async function measure(withInk: boolean): Promise<{ cpu: number; writesPerS: number; framesPerS: number }> {
  const feeds = [quietFeed('binance', 'Binance', 67_250), quietFeed('hyperliquid', 'Hyperliquid', 67_251)];
  const store = createAppStore({ symbol: 'BTC', depth: 15, watchlist: ['BTC', 'ETH'], venueTags: { binance: 'BN', hyperliquid: 'HL' } });
  const clock = new FrameClock({ store, fps: FPS, source: () => ({ symbol: 'BTC', feeds }) });
  clock.tick();
  const mounted = withInk ? mountApp({ store, dispatch: () => {} }) : undefined;
  let writes = 0;
  const unsubscribe = store.subscribe(() => writes++);
  clock.start();
  try {
    await sleep(1_000);
    collectGarbage();
    writes = 0;
    const frames0 = mounted?.stdout.frames ?? 0;
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    await sleep(PHASE_MS);
    const wallMs = performance.now() - wallStart;
    return {
      cpu: cpuPercent(cpuStart, wallMs),
      writesPerS: (writes / wallMs) * 1000,
      framesPerS: (((mounted?.stdout.frames ?? 0) - frames0) / wallMs) * 1000,
    };
  } finally {
    clock.stop();
    unsubscribe();
    mounted?.unmount();
  }
}

export async function idleCpuBench(): Promise<Section[]> {
  const bare = await measure(false);
  const drawn = await measure(true);
  const baseline = { value: Math.max(bare.cpu, 0.01), name: 'frame clock alone' };
  return [
    {
      title: `2b. Standing still: a quiet market, ${FPS} fps, 2 venues, 120×40`,
      rows: [
        row('CPU, frame clock alone (baseline)', bare.cpu, '% core'),
        row('CPU, frame clock + Ink drawing <App>', drawn.cpu, '% core', baseline),
        row('store writes', drawn.writesPerS, '/s', { value: FPS, name: `the clock's ${FPS} ticks/s` }),
        row('frames written to the terminal', drawn.framesPerS, '/s', { value: FPS, name: `the clock's ${FPS} ticks/s` }),
      ],
      notes: [
        'books in sync that never change: the frame clock compares versions and writes the store only when a printed value changes (message age, once a second)',
      ],
    },
  ];
}
