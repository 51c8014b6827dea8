/**
 * Every venue id depthmux knows, as the user types it in `--exchanges`. Pure data, so the CLI
 * can validate and list ids without loading a codec or a simulator.
 */
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

export function isVenueId(id: string): id is VenueId {
  return (VENUE_IDS as readonly string[]).includes(id);
}
