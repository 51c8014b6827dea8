/**
 * One round of benchmark 2c in this process: the `--demo` runtime alone, then the same runtime
 * while `drawing` draws it at 120×40; the drawing is charged the CPU above the runtime-alone phase,
 * divided by the frames it wrote. Each phase follows a warm-up (the first full frame after mounting
 * falls in it). Imported only after the drawing environment is set.
 */
import React from 'react';
import type { AppRuntime } from '../src/cli/runtime.js';
import { BareLadder } from './bare-ladder.js';
import { startDemoRuntime } from './demo-runtime.js';
import { collectGarbage, cpuMicros, sleep } from './measure.js';
import { mountApp, mountElement, type MountedApp } from './mount-app.js';

export type Drawing = 'ladder' | 'app';

export interface ScreenRound {
  readonly cpuMsPerFrame: number;
  readonly bytesPerFrame: number;
  readonly framesPerS: number;
}

export const SCREEN_FPS = 10;
export const SCREEN_DEPTH = 18;
const PHASE_MS = Number(process.env['BENCH_SCREEN_PHASE_MS'] ?? 4_000);

interface Phase {
  readonly cpuMs: number;
  readonly frames: number;
  readonly bytes: number;
  readonly seconds: number;
}

/**
 * A fresh process runs its first seconds in the interpreter and the JIT: each phase starts only
 * after as long again of the same work, so the figures are the steady state of a screen left open.
 */
const WARM_UP_MS = Math.min(3_000, PHASE_MS);

async function phase(mounted: MountedApp | undefined): Promise<Phase> {
  await sleep(WARM_UP_MS);
  collectGarbage();
  const frames0 = mounted?.stdout.frames ?? 0;
  const bytes0 = mounted?.stdout.bytes ?? 0;
  const start = process.cpuUsage();
  const wall = performance.now();
  await sleep(PHASE_MS);
  const seconds = (performance.now() - wall) / 1000;
  return { cpuMs: cpuMicros(start) / 1000, frames: (mounted?.stdout.frames ?? 0) - frames0, bytes: (mounted?.stdout.bytes ?? 0) - bytes0, seconds };
}

function mount(drawing: Drawing, runtime: AppRuntime): MountedApp {
  return drawing === 'app' ? mountApp(runtime) : mountElement(<BareLadder store={runtime.store} />);
}

export async function screenRound(drawing: Drawing): Promise<ScreenRound> {
  const runtime = await startDemoRuntime({ symbols: 'BTC,ETH', fps: String(SCREEN_FPS), depth: String(SCREEN_DEPTH) });
  try {
    const alone = await phase(undefined);
    const mounted = mount(drawing, runtime);
    const drawn = await phase(mounted);
    mounted.unmount();
    const frames = Math.max(1, drawn.frames);
    const extraCpuMs = drawn.cpuMs - (alone.cpuMs / alone.seconds) * drawn.seconds;
    return { cpuMsPerFrame: extraCpuMs / frames, bytesPerFrame: drawn.bytes / frames, framesPerS: drawn.frames / drawn.seconds };
  } finally {
    await runtime.close();
  }
}

export const PHASE_SECONDS = PHASE_MS / 1000;
