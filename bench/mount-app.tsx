/**
 * The real screen on a fake terminal: `<App>` rendered by a real Ink instance with the options
 * run-tui.tsx uses (maxFps INK_MAX_FPS, debug off), into a 120×40 FakeStdout.
 * $BENCH_INK_MAXFPS overrides maxFps, and BENCH_INK_INCREMENTAL=1 turns on Ink's incremental
 * rendering (only changed lines written), to measure a different choice before making it.
 * Import this only after NODE_ENV is set (bench/run.ts does): React reads it on first import.
 */
import React from 'react';
import { render } from 'ink';
import { INK_MAX_FPS } from '../src/cli/ink-max-fps.js';
import { App } from '../src/ui/app.js';
import type { Runtime } from '../src/ui/runtime-context.js';
import { FakeStdin } from '../test/helpers/fake-stdin.js';
import { FakeStdout } from './fake-terminal.js';

export interface MountedApp {
  readonly stdout: FakeStdout;
  /** Ink's own output pass (layout to string), summed over frames, as Ink's onRender reports it. */
  readonly inkRender: { count: number; totalMs: number };
  unmount(): void;
}

/** Ink's maxFps: what run-tui.tsx passes, unless overridden. */
export function inkMaxFps(): number {
  const override = Number(process.env['BENCH_INK_MAXFPS']);
  return Number.isFinite(override) && override > 0 ? override : INK_MAX_FPS;
}

export function mountApp(runtime: Runtime, columns = 120, rows = 40): MountedApp {
  return mountElement(<App runtime={runtime} demo />, columns, rows);
}

/** Any element drawn by Ink as mountApp draws <App> (the bare-Ink baseline uses it). */
export function mountElement(element: React.JSX.Element, columns = 120, rows = 40): MountedApp {
  const stdout = new FakeStdout(columns, rows);
  const inkRender = { count: 0, totalMs: 0 };
  const instance = render(element, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    debug: false,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: inkMaxFps(),
    incrementalRendering: process.env['BENCH_INK_INCREMENTAL'] === '1',
    onRender: ({ renderTime }) => {
      inkRender.count++;
      inkRender.totalMs += renderTime;
    },
  });
  return {
    stdout,
    inkRender,
    unmount: () => {
      instance.unmount();
      instance.cleanup();
    },
  };
}
