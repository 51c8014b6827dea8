/**
 * Plays a recording through the production feeds: one VenueFeed per venue and symbol, made from
 * the venue's own codec, on a ReplayChannel instead of the network and a ReplayClock instead of
 * the wall clock. So the replay runs the same decode, sync rules, checksums and books as live (a
 * recorded bug is a test), and its counts are the feed's own. Owns the feeds and its pacing
 * timer; close() ends them, and after it nothing is delivered.
 */
import { VenueFeed } from '../feeds/feed.js';
import type { VenueAdapter, VenueEndpoints } from '../feeds/types.js';
import type { RecordEntry } from './format.js';
import { ReplayChannel } from './replay-channel.js';
import { ReplayClock } from './replay-clock.js';
import type { Recording } from './recording-file.js';

interface ReplaySetup {
  readonly recording: Recording;
  /** The venue's codec, or why this build cannot replay the venue. */
  codec(venue: string, endpoints: VenueEndpoints): VenueAdapter | string;
}

export interface ReplayedFeed {
  readonly venue: string;
  readonly symbol: string;
  readonly feed: VenueFeed;
  readonly channel: ReplayChannel;
}

/** `max`: as fast as the feeds take it; a number: that many times the recorded pace. */
export type ReplaySpeed = number | 'max';

/** Records played between two yields to the event loop, so a screen can draw during `max`. */
const BATCH = 256;
/** A feed the recording disconnected gets this many of its timers run to reconnect. */
const RECONNECT_STEPS = 100;

export class Replayer {
  readonly clock: ReplayClock;
  readonly feeds: readonly ReplayedFeed[];
  /** Venues in the recording this build cannot replay, each with why. */
  readonly unsupported: readonly string[];
  /** Records played so far. */
  played = 0;
  private readonly byKey: ReadonlyMap<string, ReplayedFeed>;
  private readonly entries: readonly RecordEntry[];
  private closed = false;
  private wake: { readonly timer: NodeJS.Timeout; readonly resolve: () => void } | undefined;

  constructor(setup: ReplaySetup) {
    const { recording } = setup;
    this.entries = recording.entries;
    this.clock = new ReplayClock(recording.entries[0]?.t ?? 0);
    const feeds = new Map<string, ReplayedFeed>();
    const refused = new Map<string, { reason: string; records: number }>();
    for (const entry of recording.entries) {
      const key = keyOf(entry);
      if (feeds.has(key)) continue;
      const skipped = refused.get(entry.venue);
      if (skipped) {
        skipped.records++;
        continue;
      }
      const codec = setup.codec(entry.venue, endpointsOf(recording.entries, entry));
      if (typeof codec === 'string') {
        refused.set(entry.venue, { reason: codec, records: 1 });
        continue;
      }
      const channel = new ReplayChannel(this.clock);
      // A capture names the venue's own symbols and holds no instrument answers: the feed takes
      // the symbol as named and asks no instrument facts (sizes stay as the venue sent them).
      const naming = recording.naming === 'venue' ? { symbol: entry.symbol, instrument: {} } : {};
      feeds.set(key, { venue: entry.venue, symbol: entry.symbol, channel, feed: new VenueFeed({ adapter: codec, base: entry.symbol, transport: channel, ...naming }) });
    }
    this.byKey = feeds;
    this.feeds = [...feeds.values()];
    this.unsupported = [...refused].map(([venue, { reason, records }]) => `${venue}: ${reason} (${records} record(s) skipped)`);
  }

  /** Plays every record; resolves at the end or when closed. */
  async play(speed: ReplaySpeed): Promise<void> {
    for (const { feed } of this.feeds) feed.start();
    const first = this.entries[0]?.t ?? 0;
    const startedAt = Date.now();
    for (const entry of this.entries) {
      if (this.closed) return;
      if (speed !== 'max') await this.sleep(startedAt + (entry.t - first) / speed - Date.now());
      if (this.closed) return;
      this.clock.advanceTo(entry.t);
      const needsTurn = this.deliver(entry);
      this.played++;
      if (needsTurn || this.played % BATCH === 0) await nextTurn();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.wake) {
      clearTimeout(this.wake.timer);
      this.wake.resolve();
    }
    for (const { feed } of this.feeds) feed.close();
  }

  /** Hands one record to its feed; true when the feed may act on a promise before the next one. */
  private deliver(entry: RecordEntry): boolean {
    const target = this.byKey.get(keyOf(entry));
    if (!target) return false;
    const { channel } = target;
    switch (entry.kind) {
      case 'frame':
        if (!entry.out) channel.frameRecorded(entry.frame);
        return false;
      case 'rest':
        channel.restRecorded(entry.url, entry.status, entry.body);
        return true;
      case 'connect':
        if (channel.connectRecorded()) {
          // The recorded connection ended: let the feed's own reconnect run, in recorded time.
          for (let step = 0; step < RECONNECT_STEPS && !channel.hasSocket; step++) if (!this.clock.fireNext()) break;
          channel.openOffered();
        }
        return true;
      default:
        throw new Error(`unknown record ${JSON.stringify(entry satisfies never)}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 1) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = {
        timer: setTimeout(() => {
          this.wake = undefined;
          resolve();
        }, ms),
        resolve,
      };
    });
  }
}

function keyOf(entry: RecordEntry): string {
  return `${entry.venue}\u0000${entry.symbol}`;
}

/** Where the feed connected and asked, as recorded: a codec may tell protocol versions apart by URL. */
function endpointsOf(entries: readonly RecordEntry[], first: RecordEntry): VenueEndpoints {
  const mine = entries.filter((e) => e.venue === first.venue && e.symbol === first.symbol);
  const ws = mine.find((e) => e.kind === 'connect')?.url ?? 'wss://replay.invalid';
  const rest = mine.find((e) => e.kind === 'rest');
  // A codec with REST endpoints wants both or neither: without a recorded answer, the socket's
  // host stands in (nothing is fetched from it; the recording answers or nobody does).
  return { ws, rest: rest?.kind === 'rest' ? new URL(rest.url).origin : new URL(ws).origin.replace(/^ws/, 'http') };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
