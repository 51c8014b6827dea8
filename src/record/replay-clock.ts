/**
 * Recorded time for a replay: `now()` is the time of the record being played, and timers fire
 * when the recording's time passes them (or when the player runs them to let a feed act), never
 * on the wall clock. So a replay at any speed makes the same decisions, and `--speed max` does
 * not wait out a backoff.
 */
import type { Clock, TimerHandle } from '../feeds/transport.js';

interface Timer {
  due: number;
  readonly every: number | undefined;
  readonly callback: () => void;
  readonly order: number;
}

export class ReplayClock implements Clock {
  private time: number;
  private readonly timers = new Set<Timer>();
  private made = 0;

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    return this.add(callback, ms, undefined);
  }

  setInterval(callback: () => void, ms: number): TimerHandle {
    // At least 1 ms, or an interval would fire forever without time passing.
    return this.add(callback, ms, Math.max(1, ms));
  }

  clear(timer: TimerHandle | undefined): void {
    if (timer !== undefined) this.timers.delete(timer as unknown as Timer);
  }

  /** Fires, in time order, every timer due by `t`, then stands at `t` (time never goes back). */
  advanceTo(t: number): void {
    for (let next = this.earliest(); next && next.due <= t; next = this.earliest()) this.fire(next);
    this.time = Math.max(this.time, t);
  }

  /** Fires the earliest timer, however far ahead; false when none is set. */
  fireNext(): boolean {
    const next = this.earliest();
    if (!next) return false;
    this.fire(next);
    return true;
  }

  private add(callback: () => void, ms: number, every: number | undefined): TimerHandle {
    const timer: Timer = { due: this.time + Math.max(0, ms), every, callback, order: this.made++ };
    this.timers.add(timer);
    return timer as unknown as TimerHandle;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) if (!best || timer.due < best.due || (timer.due === best.due && timer.order < best.order)) best = timer;
    return best;
  }

  private fire(timer: Timer): void {
    this.time = Math.max(this.time, timer.due);
    if (timer.every === undefined) this.timers.delete(timer);
    else timer.due += timer.every;
    timer.callback();
  }
}
