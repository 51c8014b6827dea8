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

/** What a venue's state looks like where there is no room for the word. */
export const STATE_GLYPH: Record<FeedState | 'not-listed', string> = {
  connecting: '◌',
  syncing: '◐',
  live: '●',
  stale: '◑',
  reconnecting: '↻',
  down: '✕',
  closed: '·',
  'not-listed': '–',
};

/**
 * Each venue's colour in the ladder and the venue list, so a tag reads at a glance. Keyed by the
 * ids in venues/ids.ts; distinct from each other and from the bid green and ask red.
 */
export const VENUE_COLOR: Readonly<Record<string, string>> = {
  binance: 'yellow',
  'binance-usdm': '#c99400',
  aster: 'magentaBright',
  bybit: '#ff8c00',
  'bybit-linear': '#ffb86c',
  okx: 'whiteBright',
  'okx-swap': '#a0a0a0',
  coinbase: 'blueBright',
  kraken: 'magenta',
  bingx: 'blue',
  hyperliquid: 'cyanBright',
};

export function venueColor(id: string): string {
  return VENUE_COLOR[id] ?? 'white';
}

/** A venue's ladder tag: the registry's (through the store), else its id's first two letters. */
export function venueTag(id: string, tags: Readonly<Record<string, string>>): string {
  return tags[id] ?? id.slice(0, 2).toUpperCase();
}
