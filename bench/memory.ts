/**
 * Benchmark 4, memory over time: the `--demo` runtime drawn by Ink at 120×40, 10 fps, for
 * BENCH_MEMORY_MINUTES (default 10; 1 for an everyday run). BENCH_MEMORY_SETUP=sim runs the
 * client alone instead, against `depthmux sim` in a process of its own (as against real
 * exchanges): `--demo` also holds the eleven simulators, and this shows the client's heap apart
 * from theirs. Every 30 s a forced GC, then the live heap (heapUsed) and RSS are read; the slope
 * of the live heap is a least-squares fit over the samples after the first minute (warm-up: JIT,
 * first books, Ink's caches filling). A leak shows as a slope; a bounded cache as a plateau.
 * Goal: < 1 MB over 30 min, RSS <= 180 MB.
 *
 * The live heap is also split into V8's compiled code and bytecode with their metadata
 * (`getHeapCodeStatistics`: optimized code, deoptimization data, relocation info, source
 * positions; these grow for many minutes as the JIT optimizes, and re-optimizes, more of the
 * program) and everything else, the program's own data, where a leak of depthmux's would show.
 * Heap snapshots at minutes 3 and 33 put ~630 kB of the 700 kB that was not Ink's text cache in
 * the former.
 *
 * The samples are taken at random intervals around SAMPLE_MS, not every SAMPLE_MS exactly. Ink's
 * text-measurement cache (ink-cache-patch.ts) fills and drops a generation every few seconds; a
 * sample on a fixed period close to a multiple of that cycle reads the cache at a phase that drifts
 * slowly, which draws a sawtooth of minutes out of a cycle of seconds (heap snapshots every 10 s
 * showed the cache going from 59 to 4010 entries between two samples while nothing else grew). At
 * random instants the cache's phase is noise, which the least-squares slope averages out.
 *
 * Not more often: forced collections get in the way of V8 ageing code (a function's bytecode, and
 * its baseline code, heap-tuning.ts, is dropped once it has sat unused through several of V8's
 * own full collections). In probes of the client alone, forced ones every 5–15 s left all of its
 * start-up bytecode (1.38 MB) in place for good and its compiled code grew +0.95 MB in five
 * minutes; forced every 30 s, V8 dropped half of that bytecode within two minutes. At 30 s the
 * sampling may still move what it measures (the code grew in some probes and not in others);
 * only V8's own collections, read without forcing one, would not: BENCH_MEMORY_GC=natural forces
 * none and reads the heap outside the young generation just after each of V8's own full
 * collections (what one left, plus what was promoted in the moment before the reading).
 *
 * BENCH_MEMORY_SNAPSHOTS=<folder> also writes a heap snapshot after every sample, to compare two
 * of them in Chrome DevTools (Memory, Comparison) and see what was added between: for a short run
 * only (each is ~25 MB, and taking one costs about a second of the run).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapCodeStatistics, getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { VENUE_IDS } from '../src/venues/ids.js';
import { startClientRuntime, startDemoRuntime } from './demo-runtime.js';
import { collectGarbage, sleep, slope, slopeStandardError, waitUntil } from './measure.js';
import { mountApp } from './mount-app.js';
import { row, type Row, type Section } from './result.js';
import { startSim, type SimProcess } from './sim-process.js';

const MINUTES = Number(process.env['BENCH_MEMORY_MINUTES'] ?? 10);
const CLIENT_ALONE = process.env['BENCH_MEMORY_SETUP'] === 'sim';
const AFTER_NATURAL_GC = process.env['BENCH_MEMORY_GC'] === 'natural';
const SNAPSHOT_FOLDER = process.env['BENCH_MEMORY_SNAPSHOTS'];
const SAMPLE_MS = 30_000;
const WARM_UP_MS = 60_000;
const WINDOW_MIN = 30;
const MB = 1024 * 1024;

interface Sample {
  readonly minute: number;
  readonly heapMb: number;
  /** heapMb less V8's compiled code and bytecode with their metadata: the program's own data. */
  readonly dataMb: number;
  readonly rssMb: number;
}

/**
 * A run of an hour or more is also cut into consecutive 30-min windows from the end of warm-up,
 * each with its own least-squares growth: "flat all day" is a claim about every such window, and
 * the first one also holds V8's warm-up, which the later ones show apart.
 */
function windowRows(steady: readonly Sample[]): Row[] {
  // From the whole minute the warm-up ends on, so a 91-min run holds three windows, not two and a bit.
  const start = Math.round(steady[0]?.minute ?? 0);
  const windowStarts: number[] = [];
  for (let from = start; from + WINDOW_MIN <= MINUTES; from += WINDOW_MIN) windowStarts.push(from);
  if (windowStarts.length < 2) return []; // one window is the whole run: the rows above
  const code = (s: Sample): number => s.heapMb - s.dataMb;
  return windowStarts.flatMap((from) => {
    const inWindow = steady.filter((s) => s.minute >= from && s.minute < from + WINDOW_MIN);
    const points = inWindow.map((s) => [s.minute, s.heapMb] as const);
    const span = `minutes ${from.toFixed(0)}–${(from + WINDOW_MIN).toFixed(0)}`;
    return [
      row(`live heap growth, ${span} (least squares)`, slope(points) * WINDOW_MIN, 'MB'),
      row('  that growth, two standard errors', 2 * slopeStandardError(points) * WINDOW_MIN, 'MB'),
      row(`  V8's compiled code, ${span}, first → last`, code(inWindow.at(-1)!) - code(inWindow[0]!), 'MB'),
    ];
  });
}

/** The first sample of every whole minute: samples come at random instants, so not every sixth one. */
function byMinute(samples: readonly Sample[], value: (sample: Sample) => number): string {
  const shown: string[] = [];
  for (const sample of samples) {
    const minute = Math.floor(sample.minute);
    if (minute >= 1 && !shown[minute]) shown[minute] = `${minute}: ${value(sample).toFixed(1)}`;
  }
  return shown.filter(Boolean).join(', ');
}

/** The heap in use outside the young generation: right after a full collection, what it kept. */
function outsideYoungGenerationMb(): number {
  const spaces = getHeapSpaceStatistics().filter((space) => space.space_name !== 'new_space' && space.space_name !== 'new_large_object_space');
  return spaces.reduce((sum, space) => sum + space.space_used_size, 0) / MB;
}

/** Until `endAt`: the heap just after each of V8's own full collections; forces none. */
async function sampleAfterNaturalCollections(start: number, endAt: number, samples: Sample[]): Promise<void> {
  const observer = new PerformanceObserver((list) => {
    const major = list.getEntries().some((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    const heapMb = outsideYoungGenerationMb();
    samples.push({ minute: (performance.now() - start) / 60_000, heapMb, dataMb: heapMb - compiledCodeMb(), rssMb: process.memoryUsage().rss / MB });
    process.stderr.write('.');
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    while (performance.now() < endAt) await sleep(Math.min(10_000, endAt - performance.now()));
  } finally {
    observer.disconnect();
  }
}

/** Until `endAt`: a forced collection at random instants SAMPLE_MS apart on average, then the heap. */
async function sampleAfterForcedCollections(start: number, endAt: number, samples: Sample[]): Promise<void> {
  while (performance.now() < endAt) {
    await sleep(SAMPLE_MS * (0.5 + Math.random()));
    collectGarbage();
    const memory = process.memoryUsage();
    const heapMb = memory.heapUsed / MB;
    const minute = (performance.now() - start) / 60_000;
    samples.push({ minute, heapMb, dataMb: heapMb - compiledCodeMb(), rssMb: memory.rss / MB });
    if (SNAPSHOT_FOLDER) writeHeapSnapshot(join(SNAPSHOT_FOLDER, `minute-${minute.toFixed(2).padStart(6, '0')}.heapsnapshot`));
    process.stderr.write('.');
  }
}

function compiledCodeMb(): number {
  const code = getHeapCodeStatistics();
  return (code.code_and_metadata_size + code.bytecode_and_metadata_size) / MB;
}

export async function memoryBench(): Promise<Section[]> {
  const sim = CLIENT_ALONE ? await startSim() : undefined;
  try {
    return await measure(sim);
  } finally {
    await sim?.stop();
  }
}

async function measure(sim: SimProcess | undefined): Promise<Section[]> {
  const screen = { symbols: 'BTC,ETH,SOL', fps: '10' };
  const runtime = sim ? await startClientRuntime(sim, screen) : await startDemoRuntime(screen);
  const mounted = mountApp(runtime);
  const samples: Sample[] = [];
  if (SNAPSHOT_FOLDER) mkdirSync(SNAPSHOT_FOLDER, { recursive: true });
  try {
    await waitUntil('a drawn ladder', () => mounted.stdout.frames > 0);
    const start = performance.now();
    const endAt = start + MINUTES * 60_000;
    await (AFTER_NATURAL_GC ? sampleAfterNaturalCollections : sampleAfterForcedCollections)(start, endAt, samples);
  } finally {
    mounted.unmount();
    await runtime.close();
  }
  const steady = samples.filter((s) => s.minute * 60_000 >= Math.min(WARM_UP_MS, (MINUTES * 60_000) / 2));
  const heapPoints = steady.map((s) => [s.minute, s.heapMb] as const);
  const perMin = slope(heapPoints);
  const lateHalfPerMin = slope(heapPoints.filter(([minute]) => minute >= MINUTES / 2));
  const dataPerMin = slope(steady.map((s) => [s.minute, s.dataMb] as const));
  const first = steady[0]!;
  const last = steady.at(-1)!;
  const rssMax = Math.max(...samples.map((s) => s.rssMb));
  const afterWhich = AFTER_NATURAL_GC ? "after V8's own full GC" : 'after forced GC';
  return [
    {
      title: `4. Memory over ${MINUTES} min of ${sim ? 'the client alone against depthmux sim' : '--demo'} drawn at 10 fps (BTC, all ${VENUE_IDS.length} venues simulated, 120×40)`,
      rows: [
        row(`live heap ${afterWhich}, first steady sample`, first.heapMb, 'MB'),
        row(`live heap ${afterWhich}, last sample`, last.heapMb, 'MB'),
        row('live heap slope (least squares)', perMin, 'MB/min'),
        row('live heap growth projected over 30 min (goal < 1)', perMin * 30, 'MB'),
        row('  that projection, two standard errors', 2 * slopeStandardError(heapPoints) * 30, 'MB'),
        row('  projected from the second half of the run only', lateHalfPerMin * 30, 'MB'),
        row("V8's compiled code and bytecode, first steady → last", last.heapMb - last.dataMb - (first.heapMb - first.dataMb), 'MB'),
        row('program data (heap less compiled code), projected over 30 min', dataPerMin * 30, 'MB'),
        row('program data, first steady → last', last.dataMb - first.dataMb, 'MB'),
        ...windowRows(steady),
        row('RSS, peak (goal ≤ 180)', rssMax, 'MB'),
        row('RSS, last sample', last.rssMb, 'MB'),
      ],
      notes: [
        AFTER_NATURAL_GC
          ? `${samples.length} samples, each just after one of V8's own full collections (none forced; BENCH_MEMORY_GC=natural), the heap outside the young generation; slope over the ${steady.length} samples from minute ${first.minute.toFixed(1)} on`
          : `${samples.length} samples, one every ${SAMPLE_MS / 2000}–${(SAMPLE_MS * 1.5) / 1000} s at random, each after a forced GC; slope over the ${steady.length} samples from minute ${first.minute.toFixed(1)} on (BENCH_MEMORY_MINUTES sets the length)`,
        `heap by minute: ${byMinute(samples, (s) => s.heapMb)}`,
        `program data by minute: ${byMinute(samples, (s) => s.dataMb)}`,
        sim ? 'the simulators run in a process of their own (BENCH_MEMORY_SETUP=sim); RSS includes the bench itself' : 'RSS includes the in-process simulators and the bench itself (BENCH_MEMORY_SETUP=sim: the client alone)',
      ],
    },
  ];
}
