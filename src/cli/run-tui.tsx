/**
 * The TUI: the runtime drawn by Ink on the alternate screen. Every way out (q, Ctrl-C, SIGTERM,
 * a crash) closes the runtime and gives the user back the terminal as it was.
 */
import React from 'react';
import { render } from 'ink';
import { App } from '../ui/app.js';
import { AppRuntime } from './runtime.js';
import { SelfHealthMonitor } from './self-health.js';
import { INK_MAX_FPS } from './ink-max-fps.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

export async function runTui(config: Config, logger: Logger): Promise<number> {
  const runtime = await AppRuntime.start(config, logger);
  const stdout = process.stdout;
  let restored = false;
  const restoreTerminal = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  // The last line of defence: whatever ends the process, the terminal comes back.
  process.once('exit', restoreTerminal);
  stdout.write(ENTER_ALT_SCREEN);
  const selfHealth = new SelfHealthMonitor(runtime.store);
  const ink = render(<App runtime={runtime} demo={config.demo} />, {
    exitOnCtrlC: false,
    patchConsole: true,
    onRender: selfHealth.frameDrawn,
    // The frame clock already limits writes to `fps`; ink-max-fps.ts says why Ink's is far above.
    maxFps: INK_MAX_FPS,
  });
  const quit = (): void => ink.unmount();
  runtime.whenQuit(quit);
  process.once('SIGTERM', quit);
  process.once('SIGHUP', quit);
  process.once('SIGINT', quit);
  try {
    await ink.waitUntilExit();
  } finally {
    process.off('SIGTERM', quit);
    process.off('SIGHUP', quit);
    process.off('SIGINT', quit);
    selfHealth.close();
    await runtime.close();
    restoreTerminal();
  }
  return 0;
}
