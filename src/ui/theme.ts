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

/** A venue's ladder tag: the registry's (through the store), else its id's first two letters. */
export function venueTag(id: string, tags: Readonly<Record<string, string>>): string {
  return tags[id] ?? id.slice(0, 2).toUpperCase();
}
