/** What a VenueFeed is made of: its codec, its symbol, and where its I/O and permissions come from. */
import type { InstrumentCatalogs } from './instrument-catalogs.js';
import type { LinkTuning } from './link-tuning.js';
import type { FeedTransport } from './transport.js';
import type { InstrumentFacts, VenueAdapter } from './types.js';

export interface FeedOptions {
  readonly adapter: VenueAdapter;
  /**
   * Makes another codec of the same venue, for a standby connection opened before the venue ends
   * the current one (`connectionLifetimeMs`, planned-swap.ts). Without it the cut-off is a reconnect.
   */
  readonly standbyCodec?: () => VenueAdapter;
  /** Base asset, e.g. "BTC". */
  readonly base: string;
  /** The venue's own symbol, when it is known rather than derived from `base` (a capture names it). */
  readonly symbol?: string;
  /** Facts known without asking (a capture that holds no instrument answer): no request is made. */
  readonly instrument?: InstrumentFacts;
  readonly tuning?: Partial<LinkTuning>;
  /** Socket factory, REST fetcher and clock; the network by default. */
  readonly transport?: FeedTransport;
  /** REST snapshots give up after this long and are asked again. */
  readonly snapshotTimeoutMs?: number;
  /** Instrument lists kept by the runtime, shared by every symbol's feeds; none kept without it. */
  readonly instrumentCatalogs?: InstrumentCatalogs;
  /** Per-venue connection-rate limit every (re)connect waits on (the pool's ConnectLimiter). */
  readonly connectGate?: VenueConnectGate;
}

/** A ConnectGate shared by venues: the venue id picks the budget. */
export type VenueConnectGate = (venueId: string, open: () => void) => () => void;
