/**
 * Benchmark 2, what drawing costs at live-like load: the runtime on `--demo` (simulators, feeds,
 * frame clock, all in this process) for a fixed time without Ink (baseline: the frame clock still
 * writes the store), then the same runtime with `<App>` drawn by a real Ink into a 120×40 fake
 * terminal. CPU is `process.cpuUsage()` over wall time, as % of one core; at 10 and 20 fps.
 */
import type { AppRuntime } from '../src/cli/runtime.js';
import { startDemoRuntime } from './demo-runtime.js';
import { collectGarbage, cpuPercent, sleep, waitUntil } from './measure.js';
import { inkMaxFps, mountApp, type MountedApp } from './mount-app.js';
import { row, type Section } from './result.js';

const PHASE_MS = Number(process.env['BENCH_PHASE_MS'] ?? 10_000);
const WARM_UP_MS = 1_000;
const MB = 1024 * 1024;

interface Phase {
  readonly cpu: number;
  readonly storeWritesPerS: number;
  readonly framesPerS: number;
  readonly inkPassesPerS: number;
  readonly bytesPerFrame: number;
  readonly inkMsPerFrame: number;
  readonly rssMb: number;
  readonly heapMb: number;
}

async function measurePhase(runtime: AppRuntime, mounted?: MountedApp): Promise<Phase> {
  collectGarbage();
  let storeWrites = 0;
  const unsubscribe = runtime.store.subscribe(() => storeWrites++);
  const stdout = mounted?.stdout;
  const start = { frames: stdout?.frames ?? 0, bytes: stdout?.bytes ?? 0, ink: { ...(mounted?.inkRender ?? { count: 0, totalMs: 0 }) } };
  let rss = 0;
  let heap = 0;
  const sampler = setInterval(() => {
    const memory = process.memoryUsage();
    rss = Math.max(rss, memory.rss);
    heap = Math.max(heap, memory.heapUsed);
  }, 250);
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await sleep(PHASE_MS);
  const wallMs = performance.now() - wallStart;
  const cpu = cpuPercent(cpuStart, wallMs);
  clearInterval(sampler);
  unsubscribe();
  const frames = (stdout?.frames ?? 0) - start.frames;
  const inkCount = (mounted?.inkRender.count ?? 0) - start.ink.count;
  return {
    cpu,
    storeWritesPerS: (storeWrites / wallMs) * 1000,
    framesPerS: (frames / wallMs) * 1000,
    inkPassesPerS: (inkCount / wallMs) * 1000,
    bytesPerFrame: frames > 0 ? ((stdout?.bytes ?? 0) - start.bytes) / frames : 0,
    inkMsPerFrame: inkCount > 0 ? ((mounted?.inkRender.totalMs ?? 0) - start.ink.totalMs) / inkCount : 0,
    rssMb: rss / MB,
    heapMb: heap / MB,
  };
}

async function atFps(fps: number): Promise<Section> {
  const runtime = await startDemoRuntime({ symbols: 'BTC,ETH,SOL', fps: String(fps) });
  let mounted: MountedApp | undefined;
  try {
    await sleep(WARM_UP_MS);
    const bare = await measurePhase(runtime);
    mounted = mountApp(runtime);
    const shown = mounted.stdout;
    await waitUntil('a drawn ladder', () => shown.frames > 0);
    await sleep(WARM_UP_MS);
    const drawn = await measurePhase(runtime, mounted);
    const overhead = drawn.cpu - bare.cpu;
    const baseCpu = { value: bare.cpu, name: 'CPU without Ink' };
    const frameBudget = { value: 1000 / fps, name: `frame interval ${1000 / fps} ms` };
    const cpuMsPerFrame = drawn.framesPerS > 0 ? ((overhead / 100) * 1000) / drawn.framesPerS : Number.NaN;
    return {
      title: `2. Frame cost at live-like load, ${fps} fps (BTC, ${runtime.feeds.length} venues simulated, 120×40)`,
      rows: [
        row('CPU, runtime + sims, no Ink (baseline)', bare.cpu, '% core'),
        row('CPU, runtime + sims + Ink drawing <App>', drawn.cpu, '% core', baseCpu),
        row('rendering overhead (with − without)', overhead, '% core', baseCpu),
        row('frame-clock store writes', drawn.storeWritesPerS, '/s', { value: bare.storeWritesPerS, name: 'store writes/s without Ink' }),
        row("Ink output passes (onRender)", drawn.inkPassesPerS, '/s', { value: drawn.storeWritesPerS, name: 'store writes/s' }),
        row('frames written to the terminal', drawn.framesPerS, '/s', { value: drawn.inkPassesPerS, name: 'Ink output passes/s' }),
        row('rendering CPU per frame written', cpuMsPerFrame, 'ms', frameBudget),
        row("Ink's output pass per frame (onRender)", drawn.inkMsPerFrame, 'ms', frameBudget),
        row('bytes written per frame', drawn.bytesPerFrame, 'B'),
        row('RSS, no Ink (peak)', bare.rssMb, 'MB'),
        row('RSS, with Ink (peak)', drawn.rssMb, 'MB', { value: bare.rssMb, name: 'RSS without Ink' }),
        row('heap used, with Ink (peak)', drawn.heapMb, 'MB', { value: bare.heapMb, name: 'heap without Ink' }),
      ],
      notes: [
        `each phase ${PHASE_MS / 1000} s after ${WARM_UP_MS / 1000} s warm-up, same runtime, no Ink first; CPU includes the in-process simulators, so the overhead row is the figure to watch`,
        `React ${process.env['NODE_ENV'] === 'production' ? 'production' : `DEVELOPMENT (NODE_ENV=${process.env['NODE_ENV'] ?? 'unset'})`} build; Ink maxFps ${inkMaxFps()}${process.env['BENCH_INK_MAXFPS'] === undefined ? ' (as run-tui.tsx sets it)' : ' (BENCH_INK_MAXFPS)'}`,
        'RSS is the whole process and is not given back between sections: compare with/without within a section',
      ],
    };
  } finally {
    mounted?.unmount();
    await runtime.close();
  }
}

export async function renderCpuBench(): Promise<Section[]> {
  return [await atFps(10), await atFps(20)];
}
