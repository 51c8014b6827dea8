/**
 * A VenueFeed on a ManualTransport with the venue's side (GenericStream) on the same clock, and
 * the bookkeeping every such test needs: each feed made is closed after the test.
 */
import { afterEach } from 'vitest';
import type { BackoffPolicy } from '../../src/feeds/backoff.js';
import type { FeedOptions } from '../../src/feeds/feed-options.js';
import { VenueFeed } from '../../src/feeds/feed.js';
import type { VenueAdapter } from '../../src/feeds/types.js';
import { GenericStream } from './generic-venue/stream.js';
import { ManualTransport } from './manual-transport.js';

/** Every wait exactly one second (jitter between floor and cap of the same value), so a test can count on it. */
export const ONE_SECOND_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 1_000, floorMs: 1_000 };

export interface ManualFeed {
  readonly feed: VenueFeed;
  readonly transport: ManualTransport;
  readonly venue: GenericStream;
}

const made: VenueFeed[] = [];
afterEach(() => {
  for (const feed of made.splice(0)) feed.close();
});

/** A feed of `adapter`, not started; the backoff is ONE_SECOND_BACKOFF unless `options.tuning` says otherwise. */
export function manualFeed(adapter: VenueAdapter, options: Partial<Omit<FeedOptions, 'adapter' | 'transport'>> = {}): ManualFeed {
  const transport = new ManualTransport();
  const feed = new VenueFeed({ base: 'BTC', ...options, adapter, transport, tuning: { backoff: ONE_SECOND_BACKOFF, ...options.tuning } });
  made.push(feed);
  return { feed, transport, venue: new GenericStream(transport.clock) };
}

/** Lets the promise chains of answered or aborted GETs run (no clock time passes). */
export function answersSettle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
