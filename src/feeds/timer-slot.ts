/**
 * One timer its owner may have running at a time. Starting it replaces the one running, and it
 * forgets a timeout once it fired: the clear-then-forget bookkeeping each owner of a timer
 * otherwise writes by hand (and forgets once, leaving a fired handle to be cleared).
 */
import type { Clock, TimerHandle } from './transport.js';

export class TimerSlot {
  private handle: TimerHandle | undefined;

  constructor(private readonly clock: Clock) {}

  /** Runs `callback` once, `ms` from now, in place of any timer running. */
  after(ms: number, callback: () => void): void {
    this.clear();
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      callback();
    }, ms);
  }

  /** Runs `callback` every `ms`, in place of any timer running. */
  every(ms: number, callback: () => void): void {
    this.clear();
    this.handle = this.clock.setInterval(callback, ms);
  }

  clear(): void {
    this.clock.clear(this.handle);
    this.handle = undefined;
  }
}
