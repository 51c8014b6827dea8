/**
 * Runs fault schedules against the simulators' switches: `--faults` plays the given schedule,
 * `--chaos` picks a random fault every few seconds so a user can watch the feeds heal.
 */
import { isLasting, type FaultName, type FaultSchedule } from './faults.js';
import type { FaultSwitches } from './faults.js';

const CHAOS_EVERY_MS = 8_000;
const CHAOS_DURATION_MS = 6_000;

/** What chaos throws: faults with something to watch. no-pong is left out: pings are 30 s apart. */
const CHAOS_FAULTS: readonly FaultName[] = ['drop', 'stall', 'heartbeat-only', 'garbage', 'gap', 'burst', 'server-shutdown', 'refuse', '429', 'slow-snapshot'];

/** These only bite a new connection or snapshot, so chaos drops the link to make one. */
const NEEDS_RECONNECT: readonly FaultName[] = ['refuse', '429', 'slow-snapshot'];

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
    const name = CHAOS_FAULTS[Math.floor(this.random() * CHAOS_FAULTS.length)]!;
    const target = this.targets[Math.floor(this.random() * this.targets.length)];
    if (!target) return;
    this.strike([target], name, CHAOS_DURATION_MS);
    if (NEEDS_RECONNECT.includes(name)) target.arm('drop');
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
