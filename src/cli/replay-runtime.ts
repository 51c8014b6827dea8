/**
 * The screen's runtime during a replay: the replayed feeds of one symbol at a time drawn by the
 * frame clock in recorded time (ages and rates read as they did when recorded), ] and [ walking
 * the recording's symbols, Space leaving a venue out of the merged book as it does live. Keys that
 * act on live venues or positions say they do nothing here.
 */
import type { Replayer } from '../record/replayer.js';
import { createAppStore, type AppStore, type UiState } from '../store/app-store.js';
import { FrameClock } from '../store/frame-clock.js';
import type { ActionId } from '../ui/keymap.js';
import { venueTags } from '../venues/registry.js';
import { StatusLine } from './status-line.js';
import { ViewController } from './view-controller.js';

export class ReplayRuntime {
  readonly store: AppStore;
  readonly clock: FrameClock;
  readonly status: StatusLine;
  private readonly view: ViewController;
  private readonly symbols: readonly string[];
  private shown = 0;
  private onQuit: () => void = () => {};
  private closed = false;

  constructor(
    private readonly replayer: Replayer,
    options: { readonly depth: number; readonly fps: number },
  ) {
    this.symbols = [...new Set(replayer.feeds.map((feed) => feed.symbol))];
    const symbol = this.symbols[0] ?? '-';
    this.store = createAppStore({ symbol, depth: options.depth, watchlist: [...this.symbols], venueTags: venueTags() });
    this.clock = new FrameClock({ store: this.store, fps: options.fps, now: () => replayer.clock.now(), source: () => this.frameSource() });
    this.status = new StatusLine(this.store);
    this.view = new ViewController(this.store, this.status);
  }

  whenQuit(callback: () => void): void {
    this.onQuit = callback;
  }

  dispatch = (action: ActionId): void => {
    switch (action) {
      case 'quit':
        return this.onQuit();
      case 'help':
        return this.setUi({ mode: 'help' });
      case 'close-help':
        return this.setUi({ mode: 'normal' });
      case 'next-symbol':
        return this.step(1);
      case 'previous-symbol':
        return this.step(-1);
      case 'select-up':
      case 'select-down': {
        const count = this.feeds().length;
        const delta = action === 'select-up' ? -1 : 1;
        if (count > 0) this.setUi({ selectedVenue: (this.store.getState().ui.selectedVenue + delta + count) % count });
        return;
      }
      case 'toggle-merge':
        return this.view.toggleMerged();
      default:
        return this.status.say('a replay plays what was recorded: ] and [ change symbol, q quits');
    }
  };

  /** The recording has played to its end: draw the last frame and say so. */
  finished(message: string): void {
    if (this.closed) return;
    this.clock.tick();
    this.status.say(message);
  }

  close(): void {
    this.closed = true;
    this.clock.stop();
    this.status.close();
  }

  private step(direction: 1 | -1): void {
    if (this.symbols.length === 0) return;
    this.shown = (this.shown + direction + this.symbols.length) % this.symbols.length;
    this.setUi({ selectedVenue: 0 });
    this.clock.tick();
  }

  private feeds() {
    const symbol = this.symbols[this.shown];
    return this.replayer.feeds.filter((feed) => feed.symbol === symbol).map((replayed) => replayed.feed);
  }

  private frameSource() {
    return { symbol: this.symbols[this.shown] ?? '-', feeds: this.feeds() };
  }

  private setUi(patch: Partial<UiState>): void {
    this.store.setState((state) => ({ ui: { ...state.ui, ...patch } }));
  }
}
