/**
 * What a replay found, per venue and symbol and per venue in total: the final book, the frames
 * played, and the feed's own counts (snapshot-sync.ts defines book states, gaps and checksums;
 * resyncs are book rebuilds; reconnects are connections the recording ended).
 */
import type { RawLevel } from '../feeds/types.js';
import type { LineProblem } from './format.js';
import type { ReplayedFeed, Replayer } from './replayer.js';

interface Counts {
  /** Frames the recording holds for the feed. */
  readonly messages: number;
  readonly bookStates: number;
  readonly gaps: number;
  readonly checksumsVerified: number;
  readonly checksumsFailed: number;
  readonly resyncs: number;
  readonly reconnects: number;
}

interface FeedReport extends Counts {
  readonly venue: string;
  readonly symbol: string;
  readonly state: string;
  /** Frames that came while the feed had no connection (it had dropped the recorded one). */
  readonly unheard: number;
  readonly lastError: string | null;
  readonly bids: readonly RawLevel[];
  readonly asks: readonly RawLevel[];
}

export interface ReplayReport {
  readonly files: readonly string[];
  readonly records: number;
  readonly venues: Readonly<Record<string, Counts>>;
  readonly feeds: readonly FeedReport[];
  readonly unsupported: readonly string[];
  readonly malformed: readonly LineProblem[];
}

function feedReport({ venue, symbol, feed, channel }: ReplayedFeed, depth: number): FeedReport {
  const health = feed.health();
  return {
    venue,
    symbol,
    state: health.notListed ? 'not-listed' : health.state,
    messages: channel.framesSeen,
    unheard: channel.framesUnheard,
    ...feed.counts,
    resyncs: health.resyncs,
    reconnects: health.reconnects,
    lastError: health.lastError ?? null,
    bids: feed.book.topBids(depth),
    asks: feed.book.topAsks(depth),
  };
}

const COUNTS = ['messages', 'bookStates', 'gaps', 'checksumsVerified', 'checksumsFailed', 'resyncs', 'reconnects'] as const;

export function replayReport(replayer: Replayer, extra: { readonly files: readonly string[]; readonly malformed: readonly LineProblem[] }, depth: number): ReplayReport {
  const feeds = replayer.feeds.map((feed) => feedReport(feed, depth));
  const venues: Record<string, Counts> = {};
  for (const feed of feeds) {
    const sum = venues[feed.venue];
    venues[feed.venue] = Object.fromEntries(COUNTS.map((key) => [key, (sum?.[key] ?? 0) + feed[key]])) as unknown as Counts;
  }
  return { files: extra.files, records: replayer.played, venues, feeds, unsupported: replayer.unsupported, malformed: extra.malformed };
}
