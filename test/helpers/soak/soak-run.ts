/**
 * One soak: the simulators run here, in the test's process, so their books can be read at every
 * instant; one FaultProxy in front of each; the real client, `depthmux --json`, as a child
 * process pointed at the proxies with `--endpoint`, exactly as a user would run it; random faults
 * for `durationMs`, then a quiet `settleMs` for the last ones to play out. Everything started here
 * is closed here, whatever happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Demo } from '../../../src/sim/demo.js';
import { venue } from '../../../src/venues/registry.js';
import type { VenueId } from '../../../src/venues/ids.js';
import { DEFAULT_TUNING } from '../../../src/feeds/link-tuning.js';
import { formatEndpoint } from '../../../src/cli/endpoints.js';
import { FaultProxy } from '../fault-proxy.js';
import { BIN } from '../run-cli.js';
import { waitFor } from '../wait-for.js';
import { BookHistory } from './book-history.js';
import { FaultThrower, type SoakVenue } from './fault-thrower.js';
import { checkSoak, type SoakVerdict, type VenueSample } from './soak-checker.js';

export interface SoakOptions {
  readonly venues: readonly VenueId[];
  readonly durationMs: number;
  readonly settleMs?: number;
  readonly seed?: number;
  /** One fault every this long, at a venue that has rested. */
  readonly faultEveryMs?: number;
  readonly restMs?: number;
  /** Fault kinds to throw (FAULT_KINDS of fault-thrower.ts); all of them by default. */
  readonly kinds?: readonly string[];
}

export interface SoakResult extends SoakVerdict {
  readonly seed: number;
  readonly venues: readonly VenueId[];
  readonly durationMs: number;
  readonly faults: number;
  /** Venues live on the client's last line, once all were live again or recovery timed out. */
  readonly liveAtEnd: readonly string[];
  readonly clientStderr: string;
  /** Lines on the client's stdout that were not JSON. */
  readonly unreadLines: readonly string[];
}

const SYMBOL = 'BTC';
/** Seconds between the client's lines: the checker's sampling interval. */
const INTERVAL_S = 0.1;
/**
 * How long a message may honestly take from a simulator's book to the client's line: proxy hop,
 * decode and apply on a loaded two-core machine, and Hyperliquid's 0.5 s between book pushes.
 */
export const IN_FLIGHT_MS = 1_500;
/** A dead link is found by the protocol-ping probe: idle, then no answer (link-tuning.ts). */
const DEAD_LINK_MS = DEFAULT_TUNING.probe.idleMs + DEFAULT_TUNING.probe.timeoutMs;
/** link-watch.ts: a feed is stale after 20 of its typical gaps, never sooner than 2 s. */
const STALE_GAPS = 20;
const MIN_STALE_MS = 2_000;
/** The watch's check tick (at most 250 ms), the sampling interval and a loaded machine's late timers. */
const SLACK_MS = 1_000;
/** After the faults stop, the longest wait for every venue to be live again: the backoff cap (30 s) and a resync. */
const RECOVERY_MS = 45_000;

/**
 * How long a venue may be wrong while live: the longer of the dead-link bound and its stale bound,
 * the latter learned from its own pace as the client learns it (the median msgs/s it reported).
 */
export function detectionThresholdMs(id: string, samples: readonly VenueSample[]): number {
  const rates = samples.filter((s) => s.state === 'live' && s.msgsPerSec > 0).map((s) => s.msgsPerSec).sort((a, b) => a - b);
  const rate = rates[Math.floor(rates.length / 2)];
  const configured = venue(id as VenueId).codec().staleAfterMs;
  const stale = rate ? Math.min(configured, Math.max(MIN_STALE_MS, (STALE_GAPS * 1_000) / rate)) : configured;
  return Math.max(DEAD_LINK_MS, stale) + SLACK_MS;
}

interface JsonLine {
  readonly time: string;
  readonly venues: ReadonlyArray<{ id: string; state: string; bestBid: number | null; bestAsk: number | null; reconnects: number; resyncs: number; msgsPerSec: number }>;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const seed = options.seed ?? Date.now() % 1_000_000;
  const demo = await Demo.start({ venues: options.venues.map((id) => ({ id, simulator: () => venue(id).simulator() })), seed });
  const proxies: FaultProxy[] = [];
  let client: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  let thrower: FaultThrower | undefined;
  try {
    const history = BookHistory.attach(demo.servers, SYMBOL);
    const soakVenues: SoakVenue[] = [];
    const flags: string[] = [];
    for (const id of options.venues) {
      const { ws, rest } = demo.endpoints(id);
      const proxy = await FaultProxy.listen(rest);
      proxies.push(proxy);
      soakVenues.push({ id, server: demo.servers.get(id)!, proxy });
      const urls = id === 'hyperliquid' ? { ws: proxy.via(ws) } : { ws: proxy.via(ws), rest: proxy.via(rest!) };
      flags.push('--endpoint', formatEndpoint(id, urls));
    }
    const samples = new Map<string, VenueSample[]>(options.venues.map((id) => [id, []]));
    let last: JsonLine | undefined;
    let stderr = '';
    const args = ['--json', '--interval', String(INTERVAL_S), '--depth', '1', '--symbol', SYMBOL, '--exchanges', options.venues.join(','), ...flags];
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    client = child;
    exited = new Promise((resolve) => child.once('exit', resolve));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const unreadLines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = readLine(text);
      if (!line) return void unreadLines.push(text);
      last = line;
      const at = Date.parse(line.time);
      for (const v of line.venues) {
        samples.get(v.id)?.push({ at, state: v.state, bid: v.bestBid, ask: v.bestAsk, reconnects: v.reconnects, resyncs: v.resyncs, msgsPerSec: v.msgsPerSec });
      }
    });
    const allLive = (): boolean => last?.venues.every((v) => v.state === 'live') ?? false;
    await waitFor('every venue live through its proxy before the first fault', () => allLive() || child.exitCode !== null, 30_000, () => last?.venues.map((v) => [v.id, v.state]));
    if (child.exitCode !== null) throw new Error(`depthmux exited with ${child.exitCode}: ${stderr}`);

    thrower = new FaultThrower(soakVenues, { everyMs: options.faultEveryMs ?? 2_000, restMs: options.restMs ?? 12_000, holdMs: 6_000, seed, ...(options.kinds ? { kinds: options.kinds } : {}) });
    thrower.start();
    await delay(options.durationMs);
    thrower.stop();
    await delay(options.settleMs ?? 10_000);
    await waitFor('every venue live again', () => allLive() || child.exitCode !== null, RECOVERY_MS).catch(() => undefined);
    const liveAtEnd = last?.venues.filter((v) => v.state === 'live').map((v) => v.id) ?? [];
    child.kill('SIGTERM');
    await exited;
    const verdict = checkSoak({ samples, history, faults: thrower.thrown, inFlightMs: IN_FLIGHT_MS, thresholdMs: detectionThresholdMs });
    return { ...verdict, seed, venues: options.venues, durationMs: options.durationMs, faults: thrower.thrown.length, liveAtEnd, clientStderr: stderr, unreadLines };
  } finally {
    thrower?.stop();
    if (client?.exitCode === null) client.kill('SIGKILL');
    await exited;
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await demo.close();
  }
}

function readLine(text: string): JsonLine | undefined {
  try {
    return JSON.parse(text) as JsonLine;
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
