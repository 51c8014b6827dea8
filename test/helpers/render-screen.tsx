/**
 * ink-testing-library draws at a fixed 100 columns; depthmux is laid out for a real terminal
 * (120 columns is what we test at). This renders with Ink itself into fake streams of any width,
 * keeping every frame for tests that inspect what was shown over time.
 */
import { EventEmitter } from 'node:events';
import type React from 'react';
import { render } from 'ink';
import { FakeStdin } from './fake-stdin.js';

class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  constructor(readonly columns: number, readonly rows: number) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
}

export interface Screen {
  lastFrame(): string;
  readonly frames: readonly string[];
  press(keys: string): Promise<void>;
  unmount(): void;
}

export function renderScreen(node: React.ReactElement, columns = 120, rows = 40): Screen {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(node, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    lastFrame: () => stdout.frames.at(-1) ?? '',
    frames: stdout.frames,
    press: async (keys) => {
      stdin.write(keys);
      await new Promise((resolve) => setImmediate(resolve));
    },
    unmount: () => instance.unmount(),
  };
}
