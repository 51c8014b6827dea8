/**
 * A replay on the screen: the App drawn from a ReplayRuntime on the alternate screen while the
 * recording plays at its pace. Every way out (q, Ctrl-C, SIGTERM) stops the replay, closes the
 * feeds and gives the terminal back.
 */
import { render } from 'ink';
import { INK_MAX_FPS } from './ink-max-fps.js';
import { App } from '../ui/app.js';
import type { Replayer } from '../record/replayer.js';
import type { Logger } from './log.js';
import type { ReplayConfig } from './replay-config.js';
import { ReplayRuntime } from './replay-runtime.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const FPS = 10;

export async function runReplayTui(replayer: Replayer, config: ReplayConfig, logger: Logger): Promise<number> {
  const runtime = new ReplayRuntime(replayer, { depth: config.depth, fps: FPS });
  const stdout = process.stdout;
  let restored = false;
  const restoreTerminal = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  process.once('exit', restoreTerminal);
  stdout.write(ENTER_ALT_SCREEN);
  const ink = render(<App runtime={runtime} />, { exitOnCtrlC: false, patchConsole: true, maxFps: INK_MAX_FPS });
  const quit = (): void => ink.unmount();
  runtime.whenQuit(quit);
  process.once('SIGTERM', quit);
  process.once('SIGHUP', quit);
  process.once('SIGINT', quit);
  runtime.clock.start();
  replayer.play(config.speed).then(
    () => {
      runtime.finished(`replay finished: ${replayer.played} records played; q quits`);
      logger.info(`replay finished: ${replayer.played} records`);
    },
    (error: unknown) => logger.error(`replay stopped: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  );
  try {
    await ink.waitUntilExit();
  } finally {
    process.off('SIGTERM', quit);
    process.off('SIGHUP', quit);
    process.off('SIGINT', quit);
    replayer.close();
    runtime.close();
    restoreTerminal();
  }
  return 0;
}
