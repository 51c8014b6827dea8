/**
 * One symbol's feeds: one VenueFeed per selected venue. The session owns them: start() opens them
 * all, close() ends them all, and after close() none of them writes anywhere again.
 */
import { VenueFeed } from '../feeds/feed.js';
import type { VenueConnectGate } from '../feeds/feed-options.js';
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
    } = {},
  ) {
    const { transport, ...shared } = options;
    this.feeds = codecs.map((codec) => {
      const adapter = codec();
      return new VenueFeed({ adapter, standbyCodec: codec, base, ...shared, ...(transport ? { transport: transport(adapter.id) } : {}) });
    });
  }

  start(): void {
    for (const feed of this.feeds) feed.start();
  }

  readiness(): SessionReadiness {
    let live = 0;
    let failed = 0;
    for (const feed of this.feeds) {
      if (feed.synced) live++;
      else if (feed.settledFailed) failed++;
    }
    return { live, failed, total: this.feeds.length };
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
