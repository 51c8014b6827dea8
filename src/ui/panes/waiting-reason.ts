/**
 * What the ladder says while it has no book, from the venues' own states: a state that will not
 * heal by waiting (not listed anywhere, every venue down, every venue left out by the user) says
 * so and says what to do, rather than "waiting…". Venues the user left out of the merged book
 * count for nothing here: the ladder does not wait on them.
 */
import type { VenueRow } from '../../store/app-store.js';

export interface WaitingReason {
  readonly text: string;
  /** True when waiting will not help: the user has to act. */
  readonly stuck: boolean;
  readonly detail?: string;
}

export interface WaitingKeys {
  readonly find: string;
  readonly log: string;
  /** Puts the selected venue back into the merged book. */
  readonly merge: string;
}

export function waitingReason(symbol: string, venues: readonly VenueRow[], omitted: readonly string[], keys: WaitingKeys): WaitingReason {
  if (venues.length === 0) return { text: `starting the ${symbol} feeds…`, stuck: false };
  const unlisted = venues.filter((row) => row.notListed);
  if (unlisted.length === venues.length) {
    return { text: `${symbol} is not listed on any selected venue`, stuck: true, detail: `press ${keys.find} to pick another symbol` };
  }
  const open = venues.filter((row) => !row.notListed && !omitted.includes(row.id));
  if (open.length === 0) {
    return { text: 'every venue is left out of the merged book', stuck: true, detail: `select one and press ${keys.merge} to put it back` };
  }
  const unreachable = open.filter((row) => row.state === 'down' || row.state === 'reconnecting');
  if (unreachable.length === open.length) {
    const retries = unreachable.map((row) => row.retryInS).filter((s): s is number => s !== undefined);
    const retry = retries.length > 0 ? `; next try in ${Math.min(...retries)}s` : '';
    const error = unreachable.find((row) => row.lastError !== undefined)?.lastError;
    return {
      text: `no venue reachable — network down or blocked?${retry}`,
      stuck: true,
      detail: error !== undefined ? `last error: ${error} (${keys.log} shows every error)` : `${keys.log} shows every error`,
    };
  }
  const syncing = open.filter((row) => row.state === 'syncing').length;
  const connecting = open.length - syncing - unreachable.length;
  const parts = [syncing > 0 ? `${syncing} syncing` : '', connecting > 0 ? `${connecting} connecting` : '', unreachable.length > 0 ? `${unreachable.length} down` : ''].filter(Boolean);
  return { text: `waiting for a book in sync… (${parts.join(', ')})`, stuck: false };
}
