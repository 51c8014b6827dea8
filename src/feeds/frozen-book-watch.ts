/**
 * A book that has stopped following its venue while the venue keeps talking: updates keep
 * coming, and every one of them is classified "already in the book" for seconds on end. One
 * update id pushed far ahead does this (a Binance diff with u = 2^53 − 1 made every later diff
 * look old, and the row stayed live at 10 msg/s): the sequence rules reject the jumps they can
 * name, and this catches the rest on every venue. Pure: the feed hands it each update's verdict
 * with its receipt time and acts on a resync.
 */
import type { SyncOutcome } from './snapshot-sync.js';

/**
 * Skipping is normal only while a stream catches up with a snapshot taken a moment ahead of it:
 * well under a second. Every update skipped for this long means the book no longer moves with
 * the venue.
 */
export const FROZEN_AFTER_MS = 3_000;

export class FrozenBookWatch {
  /** Receipt time of the first update of the current run of skipped ones. */
  private since: number | undefined;
  private skipped = 0;

  /** The outcome of one update, or a resync when it extends a run of skips past the limit. */
  judge(outcome: SyncOutcome, receivedAt: number): SyncOutcome {
    if (outcome.kind !== 'skipped') {
      this.since = undefined;
      this.skipped = 0;
      return outcome;
    }
    this.since ??= receivedAt;
    this.skipped++;
    const forMs = receivedAt - this.since;
    if (forMs < FROZEN_AFTER_MS) return outcome;
    const reason = `book frozen: ${this.skipped} updates in ${(forMs / 1000).toFixed(1)} s were all already in it`;
    this.since = undefined;
    this.skipped = 0;
    return { kind: 'resync', reason };
  }
}
