/**
 * A keyboard for Ink that is not one: a stdin stream that claims to be a TTY, accepts Ink's raw
 * mode and ref calls as no-ops, and hands Ink whatever a test writes as one keypress chunk. The
 * UI tests (render-screen.tsx) press keys through it; the benchmarks (bench/mount-app.tsx) mount
 * Ink on it and never write.
 */
import { EventEmitter } from 'node:events';

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;

  /** Keys as a terminal sends them ("q", "\u001B[A"): Ink reads them on the next 'readable'. */
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }

  read = (): string | null => {
    const data = this.data;
    this.data = null;
    return data;
  };

  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}
