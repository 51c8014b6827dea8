/**
 * The venue registry is the one table of venues: each descriptor's codec and simulator must be
 * the venue it says, tags must tell venues apart on screen, and a venue cannot be registered
 * without a simulator (a type error, checked by `npm run typecheck`).
 */
import { describe, expect, it } from 'vitest';
import type { VenueDescriptor } from '../../src/venues/descriptor.js';
import { VENUE_IDS } from '../../src/venues/ids.js';
import { connectBudgets, venue, venueTags } from '../../src/venues/registry.js';
import { binanceSpot } from '../../src/feeds/venues/binance-spot.js';

describe('venue registry', () => {
  it.each(VENUE_IDS)('%s: codec and simulator speak for the descriptor', (id) => {
    const descriptor = venue(id);
    const codec = descriptor.codec({ ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' });
    expect(codec.id).toBe(id);
    expect(codec.name).toBe(descriptor.name);
    expect(codec.market).toBe(descriptor.market);
    expect(descriptor.simulator().venue).toBe(id);
    expect(descriptor.budget.connections).toBeGreaterThan(0);
  });

  it('gives every venue a distinct two-letter tag and a budget', () => {
    const tags = Object.values(venueTags());
    expect(tags).toHaveLength(VENUE_IDS.length);
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) expect(tag).toMatch(/^[A-Z]{2}$/);
    expect(Object.keys(connectBudgets()).sort()).toEqual([...VENUE_IDS].sort());
  });

  it('makes a fresh codec for every feed', () => {
    const descriptor = venue('binance');
    const endpoints = { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' };
    expect(descriptor.codec(endpoints)).not.toBe(descriptor.codec(endpoints));
  });

  it('does not type-check a venue without a simulator', () => {
    // @ts-expect-error `simulator` is required: a venue cannot be registered without one.
    const missing: VenueDescriptor = { id: 'binance', name: 'Binance', tag: 'BN', market: 'spot', budget: { connections: 1, perMs: 1 }, codec: binanceSpot };
    expect(missing.id).toBe('binance');
  });
});
