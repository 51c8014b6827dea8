/**
 * A feed's instrument facts, fetched before its socket opens: sizes and checksums mean nothing
 * without them. Retries until the venue answers; a venue that says it has no such instrument is
 * an answer too ("not listed"). Owns its fetcher; cancel() drops a request in flight.
 */
import { errorMessage } from '../wire/json.js';
import { describeFailure, type SnapshotFetcher } from './snapshot-fetcher.js';
import type { InstrumentFacts, InstrumentRequest } from './types.js';

interface InstrumentReport {
  readonly loaded: (facts: InstrumentFacts) => void;
  /** The venue's own error; `notListed` ends the feed, anything else is retried. */
  readonly refused: (message: string, notListed: boolean) => void;
  readonly failed: (message: string) => void;
}

export class InstrumentLoader {
  constructor(
    private readonly request: InstrumentRequest,
    private readonly fetcher: SnapshotFetcher,
    private readonly report: InstrumentReport,
  ) {}

  load(symbol: string): void {
    const { request, fetcher, report } = this;
    fetcher.fetch(request.url(symbol), 0, {
      body: (body) => {
        const answer = request.decode(body, symbol);
        if ('type' in answer) {
          report.refused(answer.message, answer.notListed === true);
          if (!answer.notListed) fetcher.retry();
          return;
        }
        fetcher.succeeded();
        report.loaded(answer);
      },
      failed: (failure, retryInMs) => report.failed(describeFailure('instrument request', failure, retryInMs)),
      threw: (error) => {
        report.failed(`instrument could not be read: ${errorMessage(error)}`);
        fetcher.retry();
      },
    });
  }

  cancel(): void {
    this.fetcher.cancel();
  }
}
