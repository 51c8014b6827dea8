/**
 * What the fault tests share: each venue set up with short thresholds (so a detection takes
 * hundreds of milliseconds, not the production tens of seconds), a slot that ends each test's
 * harness after it, a stopwatch that waits on a condition, a recorder of the feed's state changes,
 * and a guard that collects any unhandled rejection or uncaught exception the process sees while
 * a test runs.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { LinkTuning } from '../../src/feeds/link-tuning.js';
import type { FeedState } from '../../src/feeds/health.js';
import type { HeartbeatPolicy, VenueAdapter, VenueEndpoints } from '../../src/feeds/types.js';
import type { ProtocolFault, SimProtocol } from '../../src/sim/venue-server.js';
import { VENUE_IDS, type VenueId } from '../../src/venues/ids.js';
import { venue as registered } from '../../src/venues/registry.js';
import { genericVenue } from './generic-venue/codec.js';
import { genericVenueProtocol } from './generic-venue/sim.js';
import { SimHarness, type HarnessOptions } from './sim-harness.js';

/** Every registered venue, and the generic test venue that speaks the kinds no venue uses yet. */
export type FaultVenue = VenueId | 'generic';
export const FAULT_VENUES: readonly FaultVenue[] = [...VENUE_IDS, 'generic'];

/** The stall watchdog: stale after 300 ms without data, reconnect 300 ms later. */
export const STALE_MS = 300;
export const RECONNECT_AFTER_STALE_MS = 300;
export const BACKOFF = { baseMs: 50, capMs: 200, floorMs: 20 };
/** How often the simulators' heartbeats come (protocol pings, heartbeat channels). */
export const HEARTBEAT_EVERY_MS = 100;
/** Timing slack for a shared two-core machine: polling, tick period, event-loop delays. */
export const MARGIN_MS = 400;

export const FAST: Partial<LinkTuning> = {
  staleAfterMs: STALE_MS,
  reconnectAfterStaleMs: RECONNECT_AFTER_STALE_MS,
  backoff: BACKOFF,
  downAfterMs: 60_000,
  stableAfterMs: 60_000,
  connectTimeoutMs: 3_000,
};

/** The venue's real codec, pointed at `endpoints`. */
export function codecFor(venue: FaultVenue): (endpoints: VenueEndpoints) => VenueAdapter {
  return venue === 'generic' ? (endpoints) => genericVenue(endpoints) : (endpoints) => registered(venue).codec(endpoints);
}

/** The venue's simulator at test cadence: heartbeats every HEARTBEAT_EVERY_MS, no push throttle. */
export function simulatorFor(venue: FaultVenue): () => SimProtocol {
  const options = { heartbeatEveryMs: HEARTBEAT_EVERY_MS, minPushIntervalMs: 0 };
  return venue === 'generic' ? () => genericVenueProtocol(options) : () => registered(venue).simulator(options);
}

/** The kind of heartbeat the venue's production codec keeps. */
export function heartbeatKind(venue: FaultVenue): HeartbeatPolicy['kind'] {
  return codecFor(venue)({ ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' }).heartbeat.kind;
}

/**
 * The venue's own heartbeat kind at test timings. `lenient` is slower than the stall watchdog,
 * so a stall is caught as a stall; `strict` is the thing under test (the stall watchdog is then
 * set far away).
 */
export function heartbeatFor(venue: FaultVenue, strictness: 'lenient' | 'strict'): HeartbeatPolicy {
  const policy = codecFor(venue)({ ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' }).heartbeat;
  switch (policy.kind) {
    case 'client-ping':
      return { ...policy, intervalMs: 200, timeoutMs: strictness === 'strict' ? 300 : 1_500 };
    case 'server-ping':
    case 'heartbeat-channel':
      return { kind: policy.kind, timeoutMs: strictness === 'strict' ? 400 : 1_500 };
    default:
      throw new Error(`unknown heartbeat ${JSON.stringify(policy satisfies never)}`);
  }
}

/** Protocol faults the venue's simulator can commit. */
export function protocolFaults(venue: FaultVenue): readonly ProtocolFault[] {
  return simulatorFor(venue)().faults;
}

/** Harness options for a venue with the fast thresholds; `extra` overrides any of them. */
export function venueSetup(venue: FaultVenue, extra: Partial<HarnessOptions> = {}): HarnessOptions {
  const tuning = { ...FAST, heartbeat: heartbeatFor(venue, 'lenient'), ...extra.tuning };
  const server = { retryAfterSeconds: 1, slowSnapshotMs: 800, ...extra.server };
  return { venue, protocol: simulatorFor(venue), adapter: codecFor(venue), ...extra, tuning, server };
}

export interface Counters {
  readonly reconnects: number;
  readonly resyncs: number;
  readonly upgrades: number;
}

export function counters(harness: SimHarness): Counters {
  const health = harness.feed.health();
  return { reconnects: health.reconnects, resyncs: health.resyncs, upgrades: harness.server.upgradeAttempts };
}

/** How much each counter moved since `before`. */
export function moved(harness: SimHarness, before: Counters): Counters {
  const now = counters(harness);
  return { reconnects: now.reconnects - before.reconnects, resyncs: now.resyncs - before.resyncs, upgrades: now.upgrades - before.upgrades };
}

/** Milliseconds from `since` until `predicate` holds; fails, saying what never happened, after `timeoutMs`. */
export async function timeUntil(what: string, predicate: () => boolean, timeoutMs: number, since = Date.now()): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - since;
}

/** The feed's distinct states in order, sampled every 5 ms (every state here lasts longer). */
export class StateTrail {
  readonly states: FeedState[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly harness: SimHarness) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 5);
  }

  stop(): readonly FeedState[] {
    clearInterval(this.timer);
    this.sample();
    return this.states;
  }

  private sample(): void {
    const state = this.harness.feed.health().state;
    if (this.states.at(-1) !== state) this.states.push(state);
  }
}

/**
 * What one test opens: the harness it started and the state trail it is recording. The suite's
 * afterEach ends both, so a test that fails half-way leaves nothing running.
 */
export class HarnessSlot {
  private harness: SimHarness | undefined;
  private trail: StateTrail | undefined;

  async start(options: HarnessOptions): Promise<SimHarness> {
    this.harness = await SimHarness.start(options);
    return this.harness;
  }

  /** Started, the market moving, and the feed live with the simulator's book. */
  async startLive(options: HarnessOptions): Promise<SimHarness> {
    const harness = await this.start(options);
    harness.run();
    await expectHealed(harness);
    return harness;
  }

  /** The feed's states from now on; stopped after the test if the test does not stop it. */
  recordStates(harness: SimHarness): StateTrail {
    this.trail = new StateTrail(harness);
    return this.trail;
  }

  async close(): Promise<void> {
    this.trail?.stop();
    this.trail = undefined;
    await this.harness?.close();
    this.harness = undefined;
  }
}

/** A slot for each test of the calling suite (describe or file), closed after every test. */
export function harnessPerTest(): HarnessSlot {
  const slot = new HarnessSlot();
  afterEach(() => slot.close());
  return slot;
}

/** Registers listeners for the whole file and fails any test during which one fired. */
export function guardProcess(): void {
  const problems: unknown[] = [];
  const record = (problem: unknown): void => {
    problems.push(problem);
  };
  beforeAll(() => {
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
  });
  afterAll(() => {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
  });
  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen.map(String), 'unhandled rejections / uncaught exceptions').toEqual([]);
  });
}

/** Live, and the book equal to the simulator's level by level; then the market moves on. */
export async function expectHealed(harness: SimHarness, timeoutMs = 10_000): Promise<void> {
  await harness.waitLive(timeoutMs);
  await harness.expectBookMatches(timeoutMs);
  harness.run();
}

/**
 * Measured detection times behind the fault matrix, written to stdout once per file when asked:
 * `DEPTHMUX_FAULT_TIMINGS=1 npx vitest run test/integration/faults-`. The thresholds themselves
 * are asserted by the tests either way.
 */
export function timingReport(): (row: string, values: Record<string, number | string>) => void {
  const rows: string[] = [];
  afterAll(() => {
    if (rows.length > 0 && process.env['DEPTHMUX_FAULT_TIMINGS'] === '1') process.stdout.write(`measured:\n${rows.join('\n')}\n`);
  });
  return (row, values) => rows.push(`  ${row}: ${Object.entries(values).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}
