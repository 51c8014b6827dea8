/**
 * Instrument answers that list every instrument, kept per URL for a while. Binance USDⓈ-M and
 * Aster answer with every contract they have (hundreds on Binance) whatever the symbol, and a
 * feed may not open its socket before it has its facts: with the list kept, a cold symbol on
 * those venues starts at once instead of downloading the whole list again. One per runtime,
 * shared by every symbol's feeds. Venues list contracts and change ticks rarely and announce it
 * ahead; a list older than `maxAgeMs` is asked for again.
 */
import type { InstrumentCatalog } from './types.js';

const TEN_MINUTES_MS = 10 * 60_000;

export class InstrumentCatalogs {
  private readonly kept = new Map<string, { readonly catalog: InstrumentCatalog; readonly at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = TEN_MINUTES_MS,
  ) {}

  /** The list fetched from `url` less than `maxAgeMs` ago, if any. */
  find(url: string): InstrumentCatalog | undefined {
    const kept = this.kept.get(url);
    if (kept === undefined) return undefined;
    if (this.now() - kept.at < this.maxAgeMs) return kept.catalog;
    this.kept.delete(url);
    return undefined;
  }

  keep(url: string, catalog: InstrumentCatalog): void {
    this.kept.set(url, { catalog, at: this.now() });
  }
}
