/**
 * Runs fault schedules against the simulators' switches: `--faults` plays the given schedule,
 * `--chaos` picks a random fault every few seconds so a user can watch the feeds heal.
 */
import { FAULT_NAMES, isLasting, type FaultName, type FaultSchedule } from './faults.js';
import type { FaultSwitches } from './faults.js';

/** Chaos avoids faults that only make sense aimed at one test (refuse/429 stay short anyway). */
const CHAOS_EVERY_MS = 12_000;
const CHAOS_DURATION_MS = 6_000;

export class FaultScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly targets: readonly FaultSwitches[],
    private readonly schedules: readonly FaultSchedule[],
    private readonly chaos: boolean,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    for (const schedule of this.schedules) this.plan(schedule);
    if (this.chaos) this.every(CHAOS_EVERY_MS, CHAOS_EVERY_MS, () => this.chaosStrike());
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private plan(schedule: FaultSchedule): void {
    const strike = (): void => this.strike(this.targets, schedule.name, schedule.durationMs);
    if (schedule.everyMs !== undefined) this.every(schedule.startMs, schedule.everyMs, strike);
    else this.once(schedule.startMs, strike);
  }

  private chaosStrike(): void {
    const name = FAULT_NAMES[Math.floor(this.random() * FAULT_NAMES.length)]!;
    const target = this.targets[Math.floor(this.random() * this.targets.length)];
    if (target) this.strike([target], name, CHAOS_DURATION_MS);
  }

  private strike(targets: readonly FaultSwitches[], name: FaultName, durationMs?: number): void {
    for (const switches of targets) {
      if (isLasting(name)) switches.hold(name, durationMs ?? 5_000);
      else switches.arm(name);
    }
  }

  private once(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) action();
    }, delayMs);
    this.timers.add(timer);
  }

  private every(firstMs: number, periodMs: number, action: () => void): void {
    this.once(firstMs, () => {
      action();
      this.every(periodMs, periodMs, action);
    });
  }
}
