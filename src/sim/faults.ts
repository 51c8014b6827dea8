/**
 * Named fault switches for the simulated venues. A fault is either a one-shot event (drop the
 * connections now, send one garbage frame) or a condition that holds for a while (stall, refuse).
 * Schedules ("drop every 20 s", "stall at 5 s for 8 s") come from `--faults SPEC` or `--chaos`.
 */

const ONE_SHOT_FAULTS = ['drop', 'garbage', 'gap', 'bad-checksum', 'burst', 'server-shutdown'] as const;
const LASTING_FAULTS = ['stall', 'heartbeat-only', 'no-pong', 'refuse', '429', 'slow-snapshot'] as const;

export type OneShotFault = (typeof ONE_SHOT_FAULTS)[number];
export type LastingFault = (typeof LASTING_FAULTS)[number];
export type FaultName = OneShotFault | LastingFault;

export const FAULT_NAMES: readonly FaultName[] = [...ONE_SHOT_FAULTS, ...LASTING_FAULTS];

function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

export function isLasting(name: FaultName): name is LastingFault {
  return (LASTING_FAULTS as readonly string[]).includes(name);
}

/** The lasting faults in force, with their end times; one-shots are handed to a listener. */
export class FaultSwitches {
  private readonly until = new Map<LastingFault, number>();
  private readonly pending = new Map<OneShotFault, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Turn a lasting fault on for `durationMs` (default: until cleared). */
  hold(name: LastingFault, durationMs = Number.POSITIVE_INFINITY): void {
    this.until.set(name, this.now() + durationMs);
  }

  clear(name?: LastingFault): void {
    if (name) this.until.delete(name);
    else this.until.clear();
  }

  active(name: LastingFault): boolean {
    const end = this.until.get(name);
    if (end === undefined) return false;
    if (this.now() < end) return true;
    this.until.delete(name);
    return false;
  }

  /** Arm a one-shot fault that a protocol encoder performs at its next chance (e.g. a gap). */
  arm(name: OneShotFault, count = 1): void {
    this.pending.set(name, (this.pending.get(name) ?? 0) + count);
  }

  /** True once per armed shot. */
  take(name: OneShotFault): boolean {
    const count = this.pending.get(name) ?? 0;
    if (count === 0) return false;
    if (count === 1) this.pending.delete(name);
    else this.pending.set(name, count - 1);
    return true;
  }

  activeNames(): FaultName[] {
    return [...LASTING_FAULTS.filter((name) => this.active(name)), ...this.pending.keys()];
  }
}

/**
 * One scheduled fault: `NAME[@START][/EVERY][~DURATION]`, seconds. `drop@10` drops once at 10 s;
 * `stall@5~8` stalls at 5 s for 8 s; `gap/15` skips a sequence id every 15 s.
 */
export interface FaultSchedule {
  readonly name: FaultName;
  readonly startMs: number;
  readonly everyMs?: number;
  readonly durationMs?: number;
}

const SCHEDULE = /^([a-z0-9-]+)(?:@(\d+(?:\.\d+)?))?(?:\/(\d+(?:\.\d+)?))?(?:~(\d+(?:\.\d+)?))?$/;

/** Parses a comma-separated fault spec; returns an error message for the first bad part. */
export function parseFaultSpec(spec: string): FaultSchedule[] | string {
  const schedules: FaultSchedule[] = [];
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = SCHEDULE.exec(part);
    if (!match) return `bad fault "${part}": expected NAME[@START][/EVERY][~DURATION] in seconds, e.g. stall@5~8`;
    const [, name = '', start, every, duration] = match;
    if (!isFaultName(name)) return `unknown fault "${name}": valid faults are ${FAULT_NAMES.join(', ')}`;
    if (duration !== undefined && !isLasting(name)) return `fault "${name}" happens at once and takes no ~DURATION`;
    schedules.push({
      name,
      startMs: Number(start ?? 0) * 1000,
      ...(every !== undefined ? { everyMs: Number(every) * 1000 } : {}),
      ...(duration !== undefined ? { durationMs: Number(duration) * 1000 } : {}),
    });
  }
  return schedules;
}
