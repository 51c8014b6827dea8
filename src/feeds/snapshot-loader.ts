/**
 * A rest-snapshot feed's REST snapshot: asked, retried until the venue answers with a book the
 * buffered diffs can be bridged onto, and handed to the sync. Owns its fetcher; cancel() drops
 * a request in flight (a reconnect, a resync or close() makes its answer worthless).
 */
import { errorMessage } from '../wire/json.js';
import { describeFailure, type SnapshotFetcher } from './snapshot-fetcher.js';
import type { SyncOutcome } from './snapshot-sync.js';
import type { RestSnapshot, SnapshotEvent } from './types.js';

interface SnapshotReport {
  /** Bridge the snapshot; `need-snapshot` means it was too old and is asked again. */
  readonly bridge: (snapshot: SnapshotEvent) => SyncOutcome;
  readonly settle: (outcome: SyncOutcome) => void;
  /** The venue's own error; `notListed` ends the feed, anything else is retried. */
  readonly refused: (message: string, notListed: boolean) => void;
  readonly failed: (message: string) => void;
  /** The snapshot could not be applied: the book is wrong. */
  readonly broken: (message: string) => void;
}

export class SnapshotLoader {
  constructor(
    private readonly rest: RestSnapshot,
    private readonly fetcher: SnapshotFetcher,
    private readonly report: SnapshotReport,
  ) {}

  load(symbol: string, delayMs: number): void {
    const { rest, fetcher, report } = this;
    fetcher.fetch(rest.url(symbol), delayMs, {
      body: (body) => {
        const event = rest.decode(body);
        if (event.type === 'error') {
          report.refused(event.message, event.notListed === true);
          if (!event.notListed) fetcher.retry();
          return;
        }
        const outcome = report.bridge(event);
        if (outcome.kind === 'need-snapshot') return fetcher.retry();
        fetcher.succeeded();
        report.settle(outcome);
      },
      failed: (failure, retryInMs) => report.failed(describeFailure('REST snapshot', failure, retryInMs)),
      threw: (error) => report.broken(`snapshot could not be applied: ${errorMessage(error)}`),
    });
  }

  cancel(): void {
    this.fetcher.cancel();
  }
}
