/** What the frame clock reads from a feed: a structural view, so the store needs no feed code. */
import type { Book } from '../book/book.js';
import type { FeedHealth } from '../feeds/health.js';
import type { Market } from '../feeds/types.js';

export interface FeedView {
  readonly adapter: { readonly id: string; readonly name: string; readonly market: Market; readonly quote: string };
  readonly book: Book;
  readonly version: number;
  readonly synced: boolean;
  /** Base units per unit of the venue's sizes (contract value); 1 for base-sized venues. */
  readonly sizeScale: number;
  health(): FeedHealth;
}
