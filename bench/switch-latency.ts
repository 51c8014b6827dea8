/**
 * Benchmark 3, symbol switches as a trader makes them, on the real runtime with the screen drawn:
 * - cold: a symbol whose session is gone (`]` round a 7-symbol watchlist, so each target was left
 *   6 switches ago and the warm cache, which keeps 2, has closed it). Baseline: the bare-socket
 *   book round trip to the same simulators for the same symbol just before (floor-probe.ts).
 *   Switches are paced at the rate the strictest venue's connection budget sustains (Hyperliquid:
 *   30 new connections a minute, one every ~2 s): faster than that, the limiter queues
 *   connections on purpose, and the figure would measure the venue's rule, not depthmux.
 * - held `]`: a press, the keyboard's repeat delay, then repeats at key-repeat speed (five presses
 *   in all), measured from the last press to the symbol landed on; the ones passed over must cost
 *   nothing (goal ≤ 1 s). Also five presses at repeat speed with no delay before the first repeat,
 *   faster than anyone types: the worst case, where the first press has spent budget the landed
 *   symbol needs within the same second.
 * - warm: back and forth between two symbols (`1`-`9` jumps; the one just left is warm).
 *   Baseline: the interval between frame-clock writes observed in the same run.
 * Latency is measured from dispatch to the store's `symbol` becoming the target (a store
 * subscription) and to the first frame written that shows it. Every frame drawn during the
 * switches is read: a blank one (waiting for a book, or a short ladder) is counted; goal 0.
 */
import type { AppRuntime } from '../src/cli/runtime.js';
import type { ActionId } from '../src/ui/keymap.js';
import { sustainedIntervalMs } from '../src/pool/connect-limiter.js';
import { connectBudgets } from '../src/venues/registry.js';
import { startDemoRuntime } from './demo-runtime.js';
import { bookRoundTrip } from './floor-probe.js';
import { percentile, sleep, waitUntil } from './measure.js';
import { inkMaxFps, mountApp, type MountedApp } from './mount-app.js';
import { row, type Row, type Section } from './result.js';
import { isBlank, readFrame } from './screen-frame.js';

/** The demo symbols every venue lists (the sim's Binance does not list HYPE). */
const WATCHLIST = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'AVAX', 'LINK'];
const COLD_SWITCHES = 4 * WATCHLIST.length;
const WARM_SWITCHES = 30;
const HELD_SWITCHES = 8;
/** Presses per held-`]` burst, and their spacing: a terminal's key repeat runs at ~30 a second. */
const HELD_PRESSES = 5;
const KEY_REPEAT_MS = 33;
/**
 * The wait before a held key starts repeating: 250 ms is the shortest of Windows' four settings
 * (its default and GNOME's are 500 ms, X11's 660 ms), so the case closest to a burst.
 */
const REPEAT_DELAY_MS = 250;
const HELD_GAPS = [REPEAT_DELAY_MS, ...Array<number>(HELD_PRESSES - 2).fill(KEY_REPEAT_MS)];
const TAPPED_GAPS = Array<number>(HELD_PRESSES - 1).fill(KEY_REPEAT_MS);
const FPS = 10;
const DEPTH = 15;

interface Latency {
  readonly storeMs: number;
  readonly screenMs: number;
}

class SwitchRecorder {
  frames = 0;
  blank = 0;
  readonly blankExamples: string[] = [];
  private target: { symbol: string; start: number; screenMs?: number } | undefined;

  constructor(private readonly runtime: AppRuntime, private readonly mounted: MountedApp) {
    mounted.stdout.onFrame = (text) => this.onFrame(text);
  }

  /** Dispatches `action` once more than `gapsMs` has gaps, waiting each in turn; latency runs from the last press. */
  async switchTo(action: ActionId, key: string, symbol: string, gapsMs: readonly number[] = []): Promise<Latency> {
    for (const gapMs of gapsMs) {
      this.runtime.dispatch(action, key);
      await sleep(gapMs);
    }
    const target: { symbol: string; start: number; screenMs?: number } = { symbol, start: 0 };
    let storeMs: number | undefined;
    const unsubscribe = this.runtime.store.subscribe((state) => {
      if (storeMs === undefined && state.symbol === symbol) storeMs = performance.now() - target.start;
    });
    this.target = target;
    target.start = performance.now();
    this.runtime.dispatch(action, key);
    try {
      await waitUntil(`the switch to ${symbol} on screen`, () => storeMs !== undefined && target.screenMs !== undefined);
    } finally {
      unsubscribe();
      this.target = undefined;
    }
    return { storeMs: storeMs!, screenMs: target.screenMs! };
  }

  stop(): void {
    this.mounted.stdout.onFrame = undefined;
  }

  private onFrame(text: string): void {
    const view = readFrame(text);
    this.frames++;
    if (isBlank(view, DEPTH)) {
      this.blank++;
      if (this.blankExamples.length < 3) this.blankExamples.push(`${view.symbol ?? '?'}: ${view.waiting ? 'waiting' : `${view.levels}/${DEPTH * 2} rows`}`);
    }
    const target = this.target;
    if (target && target.screenMs === undefined && view.symbol === target.symbol) target.screenMs = performance.now() - target.start;
  }
}

/** A pause of 150–350 ms, so switches do not fall on the same phase of the frame clock. */
let seed = 1;
const jitter = (): Promise<void> => sleep(150 + ((seed = (seed * 48271) % 2147483647) % 200));

/** Median gap between frame-clock writes while the screen stays on one symbol. */
async function frameInterval(runtime: AppRuntime, ms: number): Promise<number> {
  const times: number[] = [];
  const unsubscribe = runtime.store.subscribe(() => times.push(performance.now()));
  await sleep(ms);
  unsubscribe();
  return percentile(times.slice(1).map((t, i) => t - times[i]!), 50);
}

function latencyRows(name: string, samples: readonly Latency[], baseline: { p50: number; p99: number; name: string }): Row[] {
  const rows: Row[] = [];
  for (const [what, pick] of [['store', (l: Latency) => l.storeMs], ['screen', (l: Latency) => l.screenMs]] as const) {
    const values = samples.map(pick);
    rows.push(row(`${name} → ${what}, p50`, percentile(values, 50), 'ms', { value: baseline.p50, name: `${baseline.name} p50` }));
    rows.push(row(`${name} → ${what}, p99`, percentile(values, 99), 'ms', { value: baseline.p99, name: `${baseline.name} p99` }));
  }
  return rows;
}

export async function switchLatencyBench(): Promise<Section[]> {
  const runtime = await startDemoRuntime({ symbols: WATCHLIST.join(','), fps: String(FPS), depth: String(DEPTH) });
  let mounted: MountedApp | undefined;
  let recorder: SwitchRecorder | undefined;
  try {
    mounted = mountApp(runtime);
    const shown = mounted.stdout;
    await waitUntil('a full BTC ladder', () => shown.frames > 0 && runtime.store.getState().ladder?.symbol === 'BTC');
    await sleep(500);
    const interval = await frameInterval(runtime, 2_000);
    const switches = new SwitchRecorder(runtime, mounted);
    recorder = switches;
    const adapters = runtime.feeds.map((feed) => feed.adapter);

    const budgets = connectBudgets();
    const paceMs = Math.max(...adapters.map((adapter) => sustainedIntervalMs(budgets[adapter.id]!)));
    const floor: number[] = [];
    const cold: Latency[] = [];
    let left = '';
    let lastDispatch = -Infinity;
    let lastSpent = 0;
    /** Waits until the connections the last switch spent are refilled, then spends `connections`. */
    const paced = async (connections: number): Promise<void> => {
      await sleep(Math.max(0, lastDispatch + lastSpent * paceMs - performance.now()));
      lastDispatch = performance.now();
      lastSpent = connections;
    };
    const nextAfter = (symbol: string, steps: number): string => WATCHLIST[(WATCHLIST.indexOf(symbol) + steps) % WATCHLIST.length]!;
    for (let i = 0; i < COLD_SWITCHES; i++) {
      left = runtime.store.getState().symbol;
      const next = nextAfter(left, 1);
      floor.push(await bookRoundTrip(adapters, next));
      await jitter();
      await paced(1);
      cold.push(await recorder.switchTo('next-symbol', '', next));
      await waitUntil(`every venue live on ${next}`, () => runtime.settled);
      await jitter();
    }

    // Holding `]`: the first press connects at once, the one landed on after the landing wait.
    const burst = async (gapsMs: readonly number[]): Promise<Latency[]> => {
      const latencies: Latency[] = [];
      for (let i = 0; i < HELD_SWITCHES; i++) {
        const next = nextAfter(runtime.store.getState().symbol, HELD_PRESSES);
        await paced(2);
        latencies.push(await switches.switchTo('next-symbol', '', next, gapsMs));
        await waitUntil(`every venue live on ${next}`, () => runtime.settled);
        await jitter();
      }
      return latencies;
    };
    const held = await burst(HELD_GAPS);
    const tapped = await burst(TAPPED_GAPS);
    left = runtime.store.getState().symbol;
    const pairWith = nextAfter(left, 1);
    await paced(1);
    await recorder.switchTo('next-symbol', '', pairWith);
    await waitUntil(`every venue live on ${pairWith}`, () => runtime.settled);

    // The last two symbols shown: the one just left is warm, and stays so as they alternate.
    const pair = [left, runtime.store.getState().symbol];
    const warm: Latency[] = [];
    for (let i = 0; i < WARM_SWITCHES; i++) {
      const next = pair[i % 2]!;
      warm.push(await recorder.switchTo('jump-symbol', String(WATCHLIST.indexOf(next) + 1), next));
      await waitUntil(`every venue live on ${next}`, () => runtime.settled);
      await jitter();
    }

    const floorStats = { p50: percentile(floor, 50), p99: percentile(floor, 99), name: 'bare round trip' };
    const frameStats = { p50: interval, p99: interval, name: 'frame interval' };
    return [
      {
        title: `3. Symbol switch latency (${WATCHLIST.length}-symbol watchlist, ${adapters.length} venues simulated, ${FPS} fps, depth ${DEPTH})`,
        rows: [
          row('bare-socket book round trip, p50 (cold baseline)', floorStats.p50, 'ms'),
          row('bare-socket book round trip, p99', floorStats.p99, 'ms'),
          ...latencyRows(`cold switch ×${cold.length}`, cold, floorStats),
          ...latencyRows(`held ] ×${held.length} (${HELD_PRESSES} presses), last press`, held, floorStats),
          ...latencyRows(`${HELD_PRESSES} presses ${KEY_REPEAT_MS} ms apart ×${tapped.length}, last press`, tapped, floorStats),
          row('frame-clock write interval, p50 (warm baseline)', interval, 'ms'),
          ...latencyRows(`warm switch ×${warm.length}`, warm, frameStats),
          row('blank frames during all switches (goal 0)', recorder.blank, 'frames', { value: recorder.frames, name: `${recorder.frames} frames drawn` }),
        ],
        notes: [
          'cold baseline: a bare client on the same simulators, same symbol, measured just before each switch: socket + subscribe (+ REST snapshot and a diff past it for Binance), slowest venue',
          `cold and held switches paced at one new connection per venue every ${(paceMs / 1000).toFixed(2)} s (the strictest budget's sustained rate, pool/connect-limiter.ts); a held burst spends two`,
          `held ]: a press, ${REPEAT_DELAY_MS} ms repeat delay, then ${HELD_PRESSES - 1} repeats ${KEY_REPEAT_MS} ms apart; the symbols passed over are superseded before they connect, the landed one waits the pool's landing time first`,
          `${HELD_PRESSES} presses ${KEY_REPEAT_MS} ms apart: no repeat delay, so the first press's connections (OKX: 2 of its 3 a second) are still in the venue's window when the landed symbol asks`,
          'warm baseline: median gap between frame-clock store writes on one symbol, so "×1" = one frame',
          `store = dispatch → store.symbol is the target; screen = dispatch → first frame written showing "Depth <target>" (Ink maxFps ${inkMaxFps()})`,
          ...(recorder.blankExamples.length > 0 ? [`blank frames seen, e.g. ${recorder.blankExamples.join('; ')}`] : []),
        ],
      },
    ];
  } finally {
    recorder?.stop();
    mounted?.unmount();
    await runtime.close();
  }
}
