/** Colours and the short tags venues wear in the ladder. One place, so the screen stays coherent. */
import type { FeedState } from '../feeds/health.js';

export const theme = {
  bid: 'green',
  ask: 'red',
  dim: 'gray',
  accent: 'cyan',
  warn: 'yellow',
  error: 'red',
  border: 'gray',
} as const;

export const STATE_COLOR: Record<FeedState, string> = {
  connecting: 'yellow',
  syncing: 'yellow',
  live: 'green',
  stale: 'yellow',
  reconnecting: 'yellow',
  down: 'red',
  closed: 'gray',
};

const VENUE_TAGS: Record<string, string> = {
  binance: 'BN',
  'binance-usdm': 'BF',
  aster: 'AS',
  bybit: 'BY',
  'bybit-linear': 'BL',
  okx: 'OK',
  'okx-swap': 'OS',
  coinbase: 'CB',
  kraken: 'KR',
  bingx: 'BX',
  hyperliquid: 'HL',
};

export function venueTag(id: string): string {
  return VENUE_TAGS[id] ?? id.slice(0, 2).toUpperCase();
}
