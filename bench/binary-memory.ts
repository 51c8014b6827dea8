/**
 * Benchmark 6, the depthmux binary's memory and CPU from outside, as a user runs it: the built
 * `bin/depthmux.js` in a pseudo-terminal (120×40, util-linux `script`), drawing the screen at its
 * default 10 frames a second, in two set-ups:
 * - against `depthmux sim` in its own process (all eleven venues, the paste line it prints): the
 *   client alone, as it runs against real exchanges;
 * - `depthmux --demo`: the same eleven simulated venues inside the client's process.
 * After a warm-up, RSS is read from /proc every second (the kernel's figure, what a user's `top`
 * shows), CPU from the process's own counters. Goal: RSS ≤ 180 MB and flat. The benches that run
 * inside this bench process (4. Memory) cannot show this: their process holds the bench too.
 */
import { readFileSync } from 'node:fs';
import { percentile, sleep, slope, waitUntil } from './measure.js';
import { ptyChildPid, spawnInPty } from './pty.js';
import { pairedRow, row, type Row, type Section } from './result.js';
import { depthmuxBin, startSim } from './sim-process.js';

const SECONDS = Number(process.env['BENCH_BINARY_MEMORY_S'] ?? 60);
const WARM_UP_MS = 15_000;
const CLOCK_TICKS_PER_S = 100;
/** The run's CPU is also read per window, so one run shows its spread (a busy neighbour moves it). */
const CPU_WINDOW_MS = 10_000;

/** Clock ticks used over `wallMs`, as a percentage of one core. */
const cpuShare = (ticks: number, wallMs: number): number => (ticks / CLOCK_TICKS_PER_S / (wallMs / 1000)) * 100;

const statusKb = (pid: number, field: 'VmRSS' | 'VmHWM'): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
const cpuTicks = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

async function measureClient(name: string, args: readonly string[]): Promise<Row[]> {
  const script = spawnInPty([process.execPath, depthmuxBin, ...args].join(' '));
  try {
    await waitUntil(`the ${name} client process`, () => ptyChildPid(script) !== undefined, 10_000);
    const pid = ptyChildPid(script)!;
    await sleep(WARM_UP_MS);
    const cpuStart = cpuTicks(pid);
    const started = performance.now();
    const samples: Array<readonly [number, number]> = [];
    const cpuWindows: number[] = [];
    let windowStart = { ticks: cpuStart, at: started };
    while (performance.now() - started < SECONDS * 1000) {
      await sleep(1000);
      const now = performance.now();
      samples.push([(now - started) / 60_000, statusKb(pid, 'VmRSS') / 1024]);
      if (now - windowStart.at >= CPU_WINDOW_MS) {
        const ticks = cpuTicks(pid);
        cpuWindows.push(cpuShare(ticks - windowStart.ticks, now - windowStart.at));
        windowStart = { ticks, at: now };
      }
    }
    const cpuPercent = cpuShare(cpuTicks(pid) - cpuStart, performance.now() - started);
    const rss = samples.map(([, mb]) => mb);
    const goal = { value: 180, name: 'goal 180 MB' };
    return [
      row(`${name}: RSS, median`, percentile(rss, 50), 'MB', goal),
      row(`${name}: RSS, max while measured`, Math.max(...rss), 'MB', goal),
      row(`${name}: RSS, peak since start (VmHWM)`, statusKb(pid, 'VmHWM') / 1024, 'MB', goal),
      row(`${name}: RSS slope`, slope(samples), 'MB/min'),
      row(`${name}: CPU, whole run`, cpuPercent, '% core'),
      ...(cpuWindows.length > 0 ? [pairedRow(`${name}: CPU per ${CPU_WINDOW_MS / 1000}-s window`, cpuWindows, '% core')] : []),
    ];
  } finally {
    script.stdin?.end('q');
    script.kill('SIGKILL');
    const pid = ptyChildPid(script);
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  }
}

export async function binaryMemoryBench(): Promise<Section[]> {
  const rows: Row[] = [];
  const sim = await startSim();
  try {
    rows.push(...(await measureClient('client vs depthmux sim', sim.args)));
  } finally {
    await sim.stop();
  }
  rows.push(...(await measureClient('depthmux --demo', ['--demo'])));
  return [
    {
      title: '6. The depthmux binary from outside: memory and CPU, 120×40, 10 fps, all 11 venues',
      rows,
      notes: [
        `each: ${WARM_UP_MS / 1000} s after start, then ${SECONDS} s sampled once a second (BENCH_BINARY_MEMORY_S); RSS and CPU from /proc/<pid>, CPU also per ${CPU_WINDOW_MS / 1000}-s window (median, min–max)`,
        '"client vs depthmux sim" is the client alone (the simulators in their own process), as against real exchanges; --demo also holds the eleven simulators',
        'the binary as built (dist/): run `npm run build` after changing src/',
      ],
    },
  ];
}
