/**
 * Keys that change only what the screen shows: the help and the event log (open, close,
 * scroll), the self-health line, the fill size the liquidity line prices, and which venues the
 * merged book leaves out. No feed or order is touched here.
 */
import type { AppStore, UiState } from '../store/app-store.js';
import { appendEvents } from '../store/feed-events.js';
import { autoFillSize } from '../store/liquidity.js';
import { helpLines } from '../ui/overlays/help-overlay.js';
import type { StatusLine } from './status-line.js';

/** Lines a page key scrolls: a page of the smallest screen, so nothing is skipped anywhere. */
const PAGE_LINES = 15;

export class ViewController {
  constructor(
    private readonly store: AppStore,
    private readonly status: StatusLine,
  ) {}

  open(mode: 'help' | 'log'): void {
    this.setUi({ mode, scroll: 0 });
  }

  close(): void {
    this.setUi({ mode: 'normal', scroll: 0 });
  }

  scroll(lines: number): void {
    const { ui, events } = this.store.getState();
    // The screen shows the last page at most; this bound keeps a held key from scrolling far past it.
    const length = ui.mode === 'help' ? helpLines().length : events.length * 3 + 8;
    this.setUi({ scroll: Math.max(0, Math.min(length - 1, ui.scroll + lines)) });
  }

  page(direction: 1 | -1): void {
    this.scroll(direction * PAGE_LINES);
  }

  toggleSelfHealth(): void {
    this.setUi({ selfHealth: !this.store.getState().ui.selfHealth });
  }

  /** Doubles or halves the fill size, starting from the automatic one. */
  scaleFillSize(factor: 2 | 0.5): void {
    const { fillSize, ladder } = this.store.getState();
    const current = fillSize ?? ladder?.liquidity?.fillSize ?? (ladder?.bestBid !== undefined ? autoFillSize(ladder.bestBid) : undefined);
    if (current === undefined) return this.status.say('no book in sync yet: the fill size follows the first price');
    const next = Number((current * factor).toPrecision(6));
    this.store.setState({ fillSize: next });
    this.status.say(`fill size ${next}`);
  }

  /**
   * Takes the selected venue out of the merged book (ladder and liquidity lines), or puts it
   * back. Its feed stays open and its row stays listed, so its own prices are still in view.
   */
  toggleMerged(): void {
    const { ui, venues, omitted, symbol } = this.store.getState();
    const row = ui.focus === 'venues' ? venues[ui.selectedVenue] : undefined;
    if (!row) return this.status.say('select a venue first (Tab)');
    const leaving = !omitted.includes(row.id);
    this.store.setState({ omitted: leaving ? [...omitted, row.id] : omitted.filter((id) => id !== row.id) });
    const text = leaving ? `${row.name} left out of the merged book` : `${row.name} back in the merged book`;
    appendEvents(this.store, [{ at: Date.now(), kind: 'action', venue: row.id, symbol, text }]);
    this.status.say(text);
  }

  private setUi(patch: Partial<UiState>): void {
    this.store.setState((state) => ({ ui: { ...state.ui, ...patch } }));
  }
}
