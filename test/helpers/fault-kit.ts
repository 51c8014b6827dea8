/**
 * What the fault tests share: each venue set up with short thresholds (so a detection takes
 * hundreds of milliseconds, not the production tens of seconds), a slot that ends each test's
 * harness after it, a stopwatch that waits on a condition, a recorder of the feed's state changes,
 * and a guard that collects any unhandled rejection or uncaught exception the process sees while
 * a test runs.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { LinkTuning } from '../../src/feeds/connection.js';
import type { FeedState } from '../../src/feeds/health.js';
import type { VenueAdapter, VenueEndpoints } from '../../src/feeds/types.js';
import { binanceSpot } from '../../src/feeds/venues/binance-spot.js';
import { hyperliquid } from '../../src/feeds/venues/hyperliquid.js';
import { binanceSpotProtocol } from '../../src/sim/venues/binance-spot.js';
import { hyperliquidBookProtocol } from '../../src/sim/venues/hyperliquid-book.js';
import { genericVenue } from './generic-venue/codec.js';
import { genericVenueProtocol } from './generic-venue/sim.js';
import { SimHarness, type HarnessOptions } from './sim-harness.js';

export type FaultVenue = 'binance' | 'hyperliquid' | 'generic';
export const FAULT_VENUES: readonly FaultVenue[] = ['binance', 'hyperliquid', 'generic'];

/** The stall watchdog: stale after 300 ms without data, reconnect 300 ms later. */
export const STALE_MS = 300;
export const RECONNECT_AFTER_STALE_MS = 300;
export const BACKOFF = { baseMs: 50, capMs: 200, floorMs: 20 };
/** How often the simulators' heartbeats come (Binance protocol pings, generic heartbeat channel). */
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

/**
 * Heartbeats per venue. `lenient` ones are slower than the stall watchdog, so a stall is caught
 * as a stall; `strict` ones are the thing under test (the stall watchdog is then set far away).
 */
export const HEARTBEATS = {
  lenient: {
    binance: { kind: 'server-ping', timeoutMs: 1_500 },
    hyperliquid: { kind: 'client-ping', frame: '{"method":"ping"}', intervalMs: 200, timeoutMs: 1_500 },
    generic: { kind: 'heartbeat-channel', timeoutMs: 1_500 },
  },
  strict: {
    binance: { kind: 'server-ping', timeoutMs: 400 },
    hyperliquid: { kind: 'client-ping', frame: '{"method":"ping"}', intervalMs: 200, timeoutMs: 300 },
    generic: { kind: 'heartbeat-channel', timeoutMs: 400 },
  },
} as const satisfies Record<string, Record<FaultVenue, LinkTuning['heartbeat']>>;

/** The codec of each venue, for a test that points it somewhere else. */
export const ADAPTERS: Record<FaultVenue, (endpoints: VenueEndpoints) => VenueAdapter> = {
  binance: binanceSpot,
  hyperliquid,
  generic: (endpoints) => genericVenue(endpoints),
};

/** Harness options for a venue with the fast thresholds; `extra` overrides any of them. */
export function venueSetup(venue: FaultVenue, extra: Partial<HarnessOptions> = {}): HarnessOptions {
  const tuning = { ...FAST, heartbeat: HEARTBEATS.lenient[venue], ...extra.tuning };
  const server = { retryAfterSeconds: 1, slowSnapshotMs: 800, ...extra.server };
  switch (venue) {
    case 'binance':
      return { venue, protocol: () => binanceSpotProtocol({ heartbeatEveryMs: HEARTBEAT_EVERY_MS }), adapter: ADAPTERS.binance, ...extra, tuning, server };
    case 'hyperliquid':
      return { venue, comparedDepth: 20, protocol: () => hyperliquidBookProtocol({ minPushIntervalMs: 0 }), adapter: ADAPTERS.hyperliquid, ...extra, tuning, server };
    case 'generic':
      return { venue, protocol: () => genericVenueProtocol({ heartbeatEveryMs: HEARTBEAT_EVERY_MS }), adapter: ADAPTERS.generic, ...extra, tuning, server };
  }
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
