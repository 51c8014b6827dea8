/**
 * A feed's instrument facts, fetched before its socket opens: sizes and checksums mean nothing
 * without them. Retries until the venue answers; a venue that says it has no such instrument is
 * an answer too ("not listed"). A venue whose one answer lists every instrument is answered from
 * the runtime's kept list when it has one (instrument-catalogs.ts). Owns its fetcher; cancel()
 * drops a request in flight.
 */
import { errorMessage } from '../wire/json.js';
import type { InstrumentCatalogs } from './instrument-catalogs.js';
import { describeFailure, type SnapshotFetcher } from './snapshot-fetcher.js';
import type { ErrorEvent, InstrumentFacts, InstrumentRequest } from './types.js';

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
    private readonly catalogs?: InstrumentCatalogs,
  ) {}

  load(symbol: string): void {
    const { request, fetcher, report } = this;
    const url = request.url(symbol);
    const known = request.catalog ? this.catalogs?.find(url)?.facts(symbol) : undefined;
    // A kept list answers only what it knows for sure; anything else asks the venue.
    if (known !== undefined && (!('type' in known) || known.notListed === true)) return this.settle(known);
    fetcher.fetch(url, 0, {
      body: (body) => {
        const answer = this.decode(url, body, symbol);
        this.settle(answer);
        if ('type' in answer && !answer.notListed) fetcher.retry();
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

  private decode(url: string, body: string, symbol: string): InstrumentFacts | ErrorEvent {
    const { request, catalogs } = this;
    if (!request.catalog) return request.decode(body, symbol);
    const catalog = request.catalog(body);
    if ('type' in catalog) return catalog;
    catalogs?.keep(url, catalog);
    return catalog.facts(symbol);
  }

  private settle(answer: InstrumentFacts | ErrorEvent): void {
    if ('type' in answer) return this.report.refused(answer.message, answer.notListed === true);
    this.fetcher.succeeded();
    this.report.loaded(answer);
  }
}
