/**
 * A terminal screen for Ink that is not one: a fake stdout of a fixed size that counts what Ink
 * writes and, when asked, keeps each frame as plain text. Unlike test/helpers/render-screen, Ink
 * runs as in production (debug off: throttled to maxFps, log-update erasing and redrawing), and
 * stdout claims to be a TTY as a real terminal does. The keyboard side is the tests' FakeStdin
 * (test/helpers/fake-stdin.ts).
 */
import { EventEmitter } from 'node:events';

/** CSI and OSC escape sequences: what is left is the text a user would read. */
const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  /** write() calls, including cursor and synchronized-output escapes. */
  writes = 0;
  bytes = 0;
  /** Writes that carried a screen (not just an escape sequence). */
  frames = 0;
  /** Kept only while `record` is on, as plain text. */
  readonly recorded: string[] = [];
  record = false;
  /** Called with each screen's plain text as it is written (set by the switch benchmark). */
  onFrame: ((text: string) => void) | undefined;

  constructor(readonly columns: number, readonly rows: number) {
    super();
  }

  write = (chunk: string | Uint8Array): boolean => {
    this.writes++;
    // Bytes as the terminal receives them (UTF-8), not UTF-16 code units: the ladder's bars are
    // three bytes a character.
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (typeof chunk !== 'string' || !chunk.includes('\n')) return true;
    this.frames++;
    if (this.record || this.onFrame) {
      const text = stripAnsi(chunk);
      if (this.record) this.recorded.push(text);
      this.onFrame?.(text);
    }
    return true;
  };
}
