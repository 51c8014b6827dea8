/**
 * The file logger. The TUI owns the screen, so logs go only to `--log-file`; without one they go
 * nowhere. Lines are written synchronously so a crash still leaves its last words in the file.
 */
import { appendFileSync, closeSync, openSync } from 'node:fs';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };

/** Opens `path` for appending first, so a path that cannot be written throws here, before the screen. */
export function fileLogger(path: string): Logger {
  closeSync(openSync(path, 'a'));
  const write = (level: string, message: string): void => {
    try {
      appendFileSync(path, `${new Date().toISOString()} ${level} ${message}\n`);
    } catch {
      // A log that cannot be written must not take the screen down with it.
    }
  };
  return { info: (message) => write('INFO', message), error: (message) => write('ERROR', message) };
}
