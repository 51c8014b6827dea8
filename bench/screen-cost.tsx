/**
 * Benchmark 2c, the screen against bare Ink: CPU per frame of depthmux's <App> vs a bare Ink
 * ladder (bare-ladder.tsx) drawing the same store's ladder at the same size (120×40, 36 price
 * rows), both over the same `--demo` runtime. Each round runs three phases back to back — the
 * runtime alone, + bare ladder, + <App> — and charges each drawing phase its CPU above the
 * runtime-alone phase of the same round, divided by the frames it wrote. Ratios are per round.
 */
import React from 'react';
import { startDemoRuntime } from './demo-runtime.js';
import { BareLadder } from './bare-ladder.js';
import { collectGarbage, cpuMicros, sleep } from './measure.js';
import { mountApp, mountElement, type MountedApp } from './mount-app.js';
import { pairedRow, type Section } from './result.js';

const ROUNDS = Number(process.env['BENCH_SCREEN_ROUNDS'] ?? 5);
const PHASE_MS = Number(process.env['BENCH_SCREEN_PHASE_MS'] ?? 4_000);
const FPS = 10;
const DEPTH = 18;

interface Phase {
  readonly cpuMsPerS: number;
  readonly frames: number;
  readonly bytes: number;
  readonly seconds: number;
}

async function phase(mounted: MountedApp | undefined): Promise<Phase> {
  collectGarbage();
  await sleep(500); // the first frame after mounting is a full draw: leave it out
  const frames0 = mounted?.stdout.frames ?? 0;
  const bytes0 = mounted?.stdout.bytes ?? 0;
  const start = process.cpuUsage();
  const wall = performance.now();
  await sleep(PHASE_MS);
  const seconds = (performance.now() - wall) / 1000;
  const cpuMs = cpuMicros(start) / 1000;
  return { cpuMsPerS: cpuMs / seconds, frames: (mounted?.stdout.frames ?? 0) - frames0, bytes: (mounted?.stdout.bytes ?? 0) - bytes0, seconds };
}

export async function screenCostBench(): Promise<Section[]> {
  const runtime = await startDemoRuntime({ symbols: 'BTC,ETH', fps: String(FPS), depth: String(DEPTH) });
  const bare: number[] = [];
  const app: number[] = [];
  const bareBytes: number[] = [];
  const appBytes: number[] = [];
  const appFps: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const none = await phase(undefined);
      const ladder = mountElement(<BareLadder store={runtime.store} />);
      const withBare = await phase(ladder);
      ladder.unmount();
      const screen = mountApp(runtime);
      const withApp = await phase(screen);
      screen.unmount();
      const perFrame = (p: Phase): number => ((p.cpuMsPerS - none.cpuMsPerS) * p.seconds) / Math.max(1, p.frames);
      bare.push(perFrame(withBare));
      app.push(perFrame(withApp));
      bareBytes.push(withBare.bytes / Math.max(1, withBare.frames));
      appBytes.push(withApp.bytes / Math.max(1, withApp.frames));
      appFps.push(withApp.frames / withApp.seconds);
      process.stderr.write('.');
    }
  } finally {
    await runtime.close();
  }
  const baseline = { samples: bare, name: 'bare Ink ladder, same round' };
  return [
    {
      title: `2c. Screen CPU per frame vs a bare Ink ladder (same store, 120×40, ${DEPTH * 2} price rows, ${FPS} fps)`,
      rows: [
        pairedRow('bare Ink ladder: CPU per frame (baseline)', bare, 'ms'),
        pairedRow('depthmux <App>: CPU per frame (goal ≤ ×1.0)', app, 'ms', baseline),
        pairedRow('bare Ink ladder: bytes per frame', bareBytes, 'B'),
        pairedRow('depthmux <App>: bytes per frame', appBytes, 'B', { samples: bareBytes, name: 'bare ladder bytes' }),
        pairedRow('depthmux <App>: frames written', appFps, '/s'),
      ],
      notes: [
        `${ROUNDS} rounds (BENCH_SCREEN_ROUNDS) of three ${PHASE_MS / 1000} s phases: runtime alone, + bare ladder, + <App>; CPU per frame = (phase CPU − runtime-alone CPU of the round) / frames written`,
        'bytes are UTF-8 bytes written to the terminal per frame',
      ],
    },
  ];
}
