/**
 * The venue registry: every id depthmux knows, and the codecs that exist for them. An id without
 * a codec is known but "not available yet", so the CLI can say so instead of guessing.
 */
import type { VenueAdapter, VenueEndpoints } from '../types.js';
import { binanceSpot } from './binance-spot.js';
import { hyperliquid } from './hyperliquid.js';

export const VENUE_IDS = [
  'binance',
  'binance-usdm',
  'aster',
  'bybit',
  'bybit-linear',
  'okx',
  'okx-swap',
  'coinbase',
  'kraken',
  'bingx',
  'hyperliquid',
] as const;

export type VenueId = (typeof VENUE_IDS)[number];

type AdapterFactory = (endpoints?: VenueEndpoints) => VenueAdapter;

const FACTORIES: Partial<Record<VenueId, AdapterFactory>> = {
  binance: binanceSpot,
  hyperliquid,
};

export function isVenueId(id: string): id is VenueId {
  return (VENUE_IDS as readonly string[]).includes(id);
}

export function isAvailable(id: VenueId): boolean {
  return FACTORIES[id] !== undefined;
}

export const AVAILABLE_VENUES: readonly VenueId[] = VENUE_IDS.filter(isAvailable);

/** The codec for a venue; `endpoints` points it at a simulator instead of the exchange. */
export function createAdapter(id: VenueId, endpoints?: VenueEndpoints): VenueAdapter {
  const factory = FACTORIES[id];
  if (!factory) throw new Error(`venue ${id} is not available yet`);
  return factory(endpoints);
}
