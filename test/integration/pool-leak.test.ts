/**
 * The pool's leak test: 500 symbol switches across 5 symbols against the real Binance and
 * Hyperliquid simulators, mostly superseded at key-repeat pace (holding `]`), some waited out to
 * readiness. Afterwards the simulators hold exactly the connections of the sessions the pool keeps
 * (current + warm), the process holds no more handles or timers than at the same steady state
 * before the switching, every dropped session is garbage, and close() returns everything.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, expect, it } from 'vitest';
import { venue } from '../../src/venues/registry.js';
import { demoVenues } from '../../src/cli/runtime.js';
import { SymbolPool } from '../../src/pool/symbol-pool.js';
import { SymbolSession } from '../../src/pool/symbol-session.js';
import { Demo } from '../../src/sim/demo.js';
import { waitFor } from '../helpers/wait-for.js';

const VENUES = ['binance', 'hyperliquid'] as const;
const SYMBOLS = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'];
const SWITCHES = 500;
/** Typical key-repeat interval of a held key (~30 Hz). */
const KEY_REPEAT_MS = 33;

let demo: Demo | undefined;
let pool: SymbolPool<SymbolSession> | undefined;

afterEach(async () => {
  pool?.close();
  pool = undefined;
  await demo?.close();
  demo = undefined;
});

/** A real collector: --expose-gc if vitest was started with it, else switched on at runtime. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** Types whose count is above the baseline's. */
function excess(baseline: Record<string, number>): Record<string, number> {
  const over: Record<string, number> = {};
  for (const [type, count] of Object.entries(resources())) {
    if (count > (baseline[type] ?? 0)) over[type] = count - (baseline[type] ?? 0);
  }
  return over;
}

const isEmpty = (record: Record<string, number>): boolean => Object.keys(record).length === 0;

function clientCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const venue of VENUES) counts[venue] = demo?.servers.get(venue)?.clientCount ?? -1;
  return counts;
}

/** Each kept session holds one connection per venue. */
function socketsMatch(sessions: number): boolean {
  return VENUES.every((venue) => demo?.servers.get(venue)?.clientCount === sessions);
}

async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await nextTurn();
  }
  return process.memoryUsage().heapUsed;
}

async function switchAndWait(target: SymbolPool<SymbolSession>, base: string): Promise<void> {
  target.switchTo(base);
  await waitFor(`${base} to become current`, () => target.current.base === base && target.pending === undefined, 10_000, () =>
    target.pendingReadiness(),
  );
}

it('500 switches leave sockets, handles, timers and heap where they were', { timeout: 90_000 }, async () => {
  const gc = collector();
  const running = await Demo.start({ venues: demoVenues(VENUES), stepMs: 50 });
  demo = running;
  const codecs = VENUES.map((id) => () => venue(id).codec(running.endpoints(id)));
  await settledHeap(gc);
  const idle = resources();

  const made: WeakRef<SymbolSession>[] = [];
  const target = new SymbolPool<SymbolSession>({
    symbol: 'BTC',
    makeSession: (base) => {
      const session = new SymbolSession(base, codecs);
      made.push(new WeakRef(session));
      return session;
    },
  });
  pool = target;
  const settle = async (): Promise<void> => {
    // Current + two warm sessions, every venue live: the steady state before and after.
    for (const base of ['SOL', 'ETH', 'BTC']) await switchAndWait(target, base);
    await waitFor('every kept session to be live', () => target.current.readiness().live === VENUES.length, 10_000);
    await waitFor('one connection per kept session and venue', () => socketsMatch(3), 10_000, clientCounts);
  };
  await settle();
  const steady = resources();
  const steadyHeap = await settledHeap(gc);

  const seen = { switching: 0, swapped: 0, cancelled: 0, unlisted: 0 };
  target.onChange((change) => {
    if (change.type !== 'progress') seen[change.type]++;
  });
  const madeBefore = made.length;
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  let waited = 0;
  for (let i = 0; i < SWITCHES; i++) {
    target.switchTo(SYMBOLS[Math.floor(random() * SYMBOLS.length)] ?? 'BTC');
    if (i % 25 === 24) {
      waited++;
      await waitFor(`switch ${i} to settle`, () => target.pending === undefined, 10_000, () => target.pendingReadiness());
    } else if (i % 4 === 0) {
      await sleep(KEY_REPEAT_MS);
    } else {
      await nextTurn();
    }
  }
  expect(waited).toBe(SWITCHES / 25);
  // The mix a held key produces: mostly superseded switches, some swaps, some warm revivals.
  const opened = made.length - madeBefore;
  expect(opened).toBeGreaterThan(100);
  expect(seen.switching - opened).toBeGreaterThan(10);
  expect(seen.swapped).toBeGreaterThanOrEqual(waited);
  expect(seen.cancelled).toBeGreaterThan(10);

  await settle();
  await waitFor('handles and timers back to the steady state', () => isEmpty(excess(steady)), 15_000, () => excess(steady));
  const heapGrowth = (await settledHeap(gc)) - steadyHeap;
  const alive = made.filter((ref) => ref.deref() !== undefined).length;
  // The sessions the pool keeps (current + 2 warm) are the only ones left alive.
  await waitFor('dropped sessions to be collected', () => {
    gc();
    return made.filter((ref) => ref.deref() !== undefined).length === 3;
  }, 10_000, () => ({ alive, made: made.length }));
  // Books of the kept sessions churn; a leak of the ~hundreds of dropped sessions would not fit.
  expect(heapGrowth).toBeLessThan(8 * 1024 * 1024);

  target.close();
  pool = undefined;
  await waitFor('the simulators to see every connection closed', () => socketsMatch(0), 10_000, clientCounts);
  await waitFor('handles and timers back to before the pool', () => isEmpty(excess(idle)), 15_000, () => excess(idle));
});
