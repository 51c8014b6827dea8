/**
 * One symbol's feeds: one VenueFeed per selected venue. The session owns them: start() opens them
 * all, close() ends them all, and after close() none of them writes anywhere again.
 * Readiness counts only the venues the screen merges (the user may leave some out): a switch
 * does not wait on a venue whose book would not be shown.
 */
import { VenueFeed } from '../feeds/feed.js';
import type { VenueConnectGate } from '../feeds/feed-options.js';
import type { InstrumentCatalogs } from '../feeds/instrument-catalogs.js';
import type { LinkTuning } from '../feeds/link-tuning.js';
import type { FeedTransport } from '../feeds/transport.js';
import type { VenueAdapter } from '../feeds/types.js';

export interface SessionReadiness {
  /** Venues with a consistent book. */
  readonly live: number;
  /** Venues that will not get one (not listed). */
  readonly failed: number;
  readonly total: number;
}

export class SymbolSession {
  readonly feeds: readonly VenueFeed[];
  private readonly merged: (venueId: string) => boolean;
  private closed = false;

  constructor(
    readonly base: string,
    /** One codec factory per venue, called once per feed. */
    codecs: readonly (() => VenueAdapter)[],
    options: {
      readonly tuning?: Partial<LinkTuning>;
      readonly connectGate?: VenueConnectGate;
      /** Each feed's transport by venue id (a recording one under --record); the network by default. */
      readonly transport?: (venueId: string) => FeedTransport;
      /** Instrument lists kept across symbols (instrument-catalogs.ts). */
      readonly instrumentCatalogs?: InstrumentCatalogs;
      /** Whether the screen merges a venue's book now; every venue by default. */
      readonly merged?: (venueId: string) => boolean;
    } = {},
  ) {
    const { transport, merged, ...shared } = options;
    this.merged = merged ?? (() => true);
    this.feeds = codecs.map((codec) => {
      const adapter = codec();
      return new VenueFeed({ adapter, standbyCodec: codec, base, ...shared, ...(transport ? { transport: transport(adapter.id) } : {}) });
    });
  }

  start(): void {
    for (const feed of this.feeds) feed.start();
  }

  readiness(): SessionReadiness {
    const merged = this.feeds.filter((feed) => this.merged(feed.adapter.id));
    // With every venue left out the screen has nothing to wait for; count them all rather than none.
    const counted = merged.length > 0 ? merged : this.feeds;
    let live = 0;
    let failed = 0;
    for (const feed of counted) {
      if (feed.synced) live++;
      else if (feed.settledFailed) failed++;
    }
    return { live, failed, total: counted.length };
  }

  /** Every venue is live or has failed for good. */
  get settled(): boolean {
    const { live, failed, total } = this.readiness();
    return live + failed === total;
  }

  feed(venueId: string): VenueFeed | undefined {
    return this.feeds.find((feed) => feed.adapter.id === venueId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const feed of this.feeds) feed.close();
  }
}
