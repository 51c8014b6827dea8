/**
 * Benchmark 5, stress driven from outside the client: `depthmux sim --rate N` (run-sim, in its
 * own process) floods the Binance simulator with N depth diffs a second; the client
 * (stress-client.tsx: real feed, book, frame clock and screen) runs in a pseudo-terminal (util-
 * linux `script`, as the e2e tests run the binary) against it. Per rate, over a measured phase
 * after a warm-up: sent (from the simulator's own count) and consumed rates, the backlog left
 * (sent − consumed), event-loop lag p50/p99/max, frames/s, and how old the newest diff on each
 * frame was (screen lag behind the venue, p50/p99).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { percentile, sleep, waitUntil } from './measure.js';
import { ptyChildPid, spawnInPty } from './pty.js';
import { row, type Row, type Section } from './result.js';

const RATES = (process.env['BENCH_STRESS_RATES'] ?? '2000,20000,50000').split(',').map(Number);
const PHASE_S = Number(process.env['BENCH_STRESS_S'] ?? 10);
const WARM_UP_MS = 3_000;
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

interface SimReport {
  readonly t: number;
  readonly sent: number;
}

interface ClientStats {
  readonly seconds: number;
  readonly consumed: number;
  readonly frames: number;
  readonly screenLagMs: number[];
  readonly eventToScreenMs: number[];
  readonly cpuMs: number;
  readonly synced: boolean;
  readonly lag: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** The simulator process: its URLs, and its per-second reports as they come. */
async function startSim(rate: number): Promise<{ child: ChildProcess; ws: string; rest: string; reports: SimReport[] }> {
  const child = spawn(process.execPath, [here('./stress-sim.js'), String(rate)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const reports: SimReport[] = [];
  let urls: { ws: string; rest: string } | undefined;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const match = /^binance\s+--endpoint binance:ws=(\S+),rest=(\S+)$/.exec(line);
    if (match) urls = { ws: match[1]!, rest: match[2]! };
    else if (line.startsWith('{')) reports.push(JSON.parse(line) as SimReport);
  });
  await waitUntil('the simulator to print its URLs', () => urls !== undefined);
  return { child, ...urls!, reports };
}

async function atRate(rate: number, dir: string): Promise<Row[]> {
  const sim = await startSim(rate);
  const statsPath = join(dir, `client-${rate}.json`);
  const script = spawnInPty(`${process.execPath} ${here('./stress-client.js')} ${sim.ws} ${sim.rest} ${statsPath}`, { NODE_ENV: 'production' });
  try {
    await sleep(WARM_UP_MS);
    const pid = ptyChildPid(script);
    if (pid === undefined) throw new Error('bench: no client process under script');
    const first = sim.reports.length;
    process.kill(pid, 'SIGUSR2');
    await sleep(PHASE_S * 1000);
    process.kill(pid, 'SIGTERM');
    // The simulator reports once a second: its rate is taken between its own reports in the phase.
    const inPhase = sim.reports.slice(first);
    const sentPerS = inPhase.length >= 2 ? ((inPhase.at(-1)!.sent - inPhase[0]!.sent) / (inPhase.at(-1)!.t - inPhase[0]!.t)) * 1000 : Number.NaN;
    await waitUntil('the client to write its figures', () => {
      try {
        return JSON.parse(readFileSync(statsPath, 'utf8')) !== undefined;
      } catch {
        return false;
      }
    }, 15_000);
    const stats = JSON.parse(readFileSync(statsPath, 'utf8')) as ClientStats;
    const consumedPerS = stats.consumed / stats.seconds;
    const label = `${rate / 1000}k msgs/s`;
    const frameMs = 100;
    return [
      row(`${label}: sent by the simulator`, sentPerS, 'msgs/s', { value: rate, name: 'rate asked' }),
      row(`${label}: consumed by the client`, consumedPerS, 'msgs/s', { value: sentPerS, name: 'sent' }),
      row(`${label}: backlog growth (sent − consumed)`, sentPerS - consumedPerS, 'msgs/s'),
      row(`${label}: event-loop lag p50`, stats.lag.p50, 'ms'),
      row(`${label}: event-loop lag p99 (goal ≤ 100)`, stats.lag.p99, 'ms'),
      row(`${label}: event-loop lag max`, stats.lag.max, 'ms'),
      row(`${label}: frames drawn`, stats.frames / stats.seconds, '/s', { value: 10, name: 'the clock\'s 10/s' }),
      row(`${label}: screen behind the venue, p50`, percentile(stats.screenLagMs, 50), 'ms', { value: frameMs, name: 'one frame (100 ms)' }),
      row(`${label}: screen behind the venue, p99`, percentile(stats.screenLagMs, 99), 'ms', { value: frameMs, name: 'one frame (100 ms)' }),
      row(`${label}: event → screen, diffs measured`, stats.eventToScreenMs.length, 'diffs'),
      row(`${label}: event → screen, p50`, percentile(stats.eventToScreenMs, 50), 'ms', { value: frameMs, name: 'one frame (100 ms)' }),
      row(`${label}: event → screen, p99 (goal ≤ frame + 30)`, percentile(stats.eventToScreenMs, 99), 'ms', { value: frameMs + 30, name: 'one frame + 30 ms' }),
      row(`${label}: client CPU`, (stats.cpuMs / 10 / stats.seconds), '% core'),
      row(`${label}: client CPU per diff consumed (drawing included)`, (stats.cpuMs * 1000) / stats.consumed, 'µs'),
    ];
  } finally {
    script.kill('SIGKILL');
    sim.child.kill('SIGTERM');
    await waitUntil('the simulator to exit', () => sim.child.exitCode !== null || sim.child.signalCode !== null, 10_000);
  }
}

export async function stressBench(): Promise<Section[]> {
  const dir = mkdtempSync(join(tmpdir(), 'depthmux-stress-'));
  const rows: Row[] = [];
  try {
    for (const rate of RATES) rows.push(...(await atRate(rate, dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      title: `5. Stress from outside: depthmux sim --rate N (binance) → the client in a pseudo-terminal, 120×40, 10 fps`,
      rows,
      notes: [
        `each rate: ${WARM_UP_MS / 1000} s warm-up, then ${PHASE_S} s measured (BENCH_STRESS_S); sent is the simulator's own count, consumed the client's decoded diffs`,
        'screen behind = now − event time E of the newest diff on each frame drawn (E is stamped by the simulator as it sends; same machine clock)',
        'event → screen = for every diff, the first frame written after the frame clock stored it − its E; client CPU = process.cpuUsage over the phase',
        'simulator and client share the 2 cores: at high rates the simulator itself may not reach the asked rate (see "sent")',
      ],
    },
  ];
}
