/**
 * A real feed against a real simulator: one market model, one venue server on port 0, and the
 * venue's real codec pointed at it. The harness moves the market on demand and compares the
 * feed's book with the simulator's authoritative one, level by level.
 */
import { VenueFeed } from '../../src/feeds/feed.js';
import type { LinkTuning } from '../../src/feeds/link-tuning.js';
import type { VenueAdapter, VenueEndpoints } from '../../src/feeds/types.js';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer, type SimProtocol, type VenueServerOptions } from '../../src/sim/venue-server.js';
import { isVenueId } from '../../src/venues/ids.js';
import { venue as venueOf } from '../../src/venues/registry.js';
import { waitFor } from './wait-for.js';

export interface HarnessOptions {
  /** A venue id of the registry, or any name when `adapter` and `protocol` are given. */
  readonly venue: string;
  readonly base?: string;
  readonly tuning?: Partial<LinkTuning>;
  /** Levels per side the venue sends (Hyperliquid l2Book: 20); undefined = the whole book. */
  readonly comparedDepth?: number;
  /** A codec other than the registry's (a test venue, or a registry codec with options). */
  readonly adapter?: (endpoints: VenueEndpoints) => VenueAdapter;
  /** A simulator other than the registry's at test cadence (e.g. with a shorter ping period). */
  readonly protocol?: () => SimProtocol;
  readonly server?: VenueServerOptions;
  readonly snapshotTimeoutMs?: number;
  /** false: the feed is made but not started (the test starts it). */
  readonly start?: boolean;
}

/** A registered venue's simulator as tests want it: throttled channels push on every step. */
function registeredSimulator(id: string): (() => SimProtocol) | undefined {
  if (!isVenueId(id)) return undefined;
  return () => venueOf(id).simulator({ minPushIntervalMs: 0 });
}

/** A registered venue's codec pointed at `endpoints`. */
function registeredCodec(id: string, endpoints: VenueEndpoints): VenueAdapter | undefined {
  return isVenueId(id) ? venueOf(id).codec(endpoints) : undefined;
}

export class SimHarness {
  readonly model = new MarketModel(11);
  readonly server: VenueServer;
  feed!: VenueFeed;
  private stepping: NodeJS.Timeout | undefined;

  private constructor(readonly options: HarnessOptions) {
    const protocol = options.protocol ?? registeredSimulator(options.venue);
    if (!protocol) throw new Error(`no simulator for ${options.venue}`);
    this.server = new VenueServer(protocol(), this.model, { burstSize: 10_000, slowSnapshotMs: 1_500, ...options.server });
  }

  static async start(options: HarnessOptions): Promise<SimHarness> {
    const harness = new SimHarness(options);
    await harness.server.listen();
    const endpoints = { ws: harness.server.wsUrl + (harness.server.protocol.wsPath ?? ''), rest: harness.server.httpUrl };
    const venue = options.venue;
    // As a symbol session does: one codec per connection, the standby of a planned swap included.
    const codec = (): VenueAdapter | undefined => options.adapter?.(endpoints) ?? registeredCodec(venue, endpoints);
    const adapter = codec();
    if (!adapter) throw new Error(`no codec for ${venue}`);
    harness.feed = new VenueFeed({
      adapter,
      standbyCodec: () => codec()!,
      base: options.base ?? 'BTC',
      ...(options.tuning ? { tuning: options.tuning } : {}),
      ...(options.snapshotTimeoutMs !== undefined ? { snapshotTimeoutMs: options.snapshotTimeoutMs } : {}),
    });
    if (options.start !== false) harness.feed.start();
    return harness;
  }

  /** Move the market every `everyMs` until stopped. */
  run(everyMs = 20): void {
    this.pause();
    this.stepping = setInterval(() => this.step(), everyMs);
  }

  pause(): void {
    if (this.stepping) clearInterval(this.stepping);
    this.stepping = undefined;
  }

  step(): void {
    this.model.step();
    this.server.step();
  }

  async waitLive(timeoutMs = 10_000): Promise<void> {
    await waitFor(`${this.options.venue} to be live (now ${this.feed.health().state}, last error: ${this.feed.health().lastError})`, () => this.feed.health().state === 'live', timeoutMs);
  }

  /** Differences between the feed's book and the simulator's, empty when they agree. */
  bookDifferences(): string[] {
    const state = this.server.symbol(this.options.base ?? 'BTC');
    if (!state) return ['the simulator does not list the symbol'];
    const depth = this.options.comparedDepth ?? this.server.protocol.publishedDepth ?? this.feed.adapter.depthLimit ?? Number.POSITIVE_INFINITY;
    // The simulator keeps base units; a contract-sized venue's wire sizes scale by the contract value.
    const scale = this.feed.sizeScale;
    const differences: string[] = [];
    for (const side of ['bid', 'ask'] as const) {
      const expected = state.book.levels(side, depth).map(([p, s]) => [Number(p), Number(s)]);
      const actual = (side === 'bid' ? this.feed.book.topBids(100_000) : this.feed.book.topAsks(100_000)).map(([p, s]) => [Number(p), Number(s) * scale]);
      if (expected.length !== actual.length) differences.push(`${side}s: ${actual.length} levels, simulator has ${expected.length}`);
      expected.forEach((level, i) => {
        const got = actual[i];
        if (!got || got[0] !== level[0] || !sameSize(got[1]!, level[1]!)) differences.push(`${side} #${i}: got ${got?.join('@')}, simulator ${level.join('@')}`);
      });
    }
    return differences;
  }

  /** Stop the market, let the feed catch up, and require the books to agree. */
  async expectBookMatches(timeoutMs = 10_000): Promise<void> {
    this.pause();
    // Full-snapshot venues only learn the last state on the next publish.
    this.step();
    try {
      await waitFor('the feed book to equal the simulator book', () => this.feed.synced && this.bookDifferences().length === 0, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${this.bookDifferences().slice(0, 5).join('; ')}`);
    }
  }

  async close(): Promise<void> {
    this.pause();
    this.feed?.close();
    await this.server.close();
  }
}

/** Sizes agree to 1e-9 relative: a contract count times its value is not exact in binary. */
function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
