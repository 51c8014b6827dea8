/**
 * Symbol keys, from the keymap's point of view: ] [ and 1–9 walk the watchlist, / opens a prompt
 * for any symbol. The pool does the switching; this decides where to and says what happened.
 */
import type { PoolChange, SymbolPool } from '../pool/symbol-pool.js';
import type { SymbolSession } from '../pool/symbol-session.js';
import type { AppStore, UiState } from '../store/app-store.js';
import type { FrameClock } from '../store/frame-clock.js';
import { parseSymbol } from './config.js';
import { UsageError } from './errors.js';
import type { Logger } from './log.js';
import type { StatusLine } from './status-line.js';

/** Longer than any symbol a venue lists; keeps a stuck key from growing the prompt forever. */
const PROMPT_MAX = 16;

export class SymbolController {
  constructor(
    private readonly pool: SymbolPool<SymbolSession>,
    private readonly store: AppStore,
    private readonly clock: FrameClock,
    private readonly status: StatusLine,
    private readonly logger: Logger,
  ) {
    pool.onChange((change) => this.onPoolChange(change));
  }

  step(direction: 1 | -1): void {
    const { watchlist } = this.store.getState();
    const index = watchlist.indexOf(this.target());
    const next = index < 0 ? 0 : (index + direction + watchlist.length) % watchlist.length;
    this.switchTo(watchlist[next]);
  }

  /** `1`–`9`: the digit's place in the watchlist. */
  jump(digit: string): void {
    const index = Number(digit) - 1;
    const symbol = this.store.getState().watchlist[index];
    if (symbol === undefined) return this.status.say(`the watchlist has no symbol ${index + 1}`);
    this.switchTo(symbol);
  }

  openPrompt(): void {
    this.setUi({ mode: 'prompt', prompt: '' });
  }

  type(key: string): void {
    this.setUi({ prompt: `${this.store.getState().ui.prompt ?? ''}${key}`.slice(0, PROMPT_MAX) });
  }

  erase(): void {
    this.setUi({ prompt: (this.store.getState().ui.prompt ?? '').slice(0, -1) });
  }

  cancelPrompt(): void {
    this.setUi({ mode: 'normal', prompt: undefined });
  }

  /** Enter: nothing typed cancels; a malformed symbol is one line on the status bar, and the view stays. */
  submitPrompt(): void {
    const typed = this.store.getState().ui.prompt ?? '';
    this.setUi({ mode: 'normal', prompt: undefined });
    if (typed.trim() === '') return;
    try {
      this.switchTo(parseSymbol(typed));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      this.status.say(error.message);
    }
  }

  /** The symbol the screen is on or heading to: where ] and [ count from. */
  private target(): string {
    return this.pool.pending?.base ?? this.pool.current.base;
  }

  private switchTo(symbol: string | undefined): void {
    if (symbol === undefined) return;
    this.pool.switchTo(symbol);
    if (symbol !== this.pool.current.base) this.status.clear();
    this.clock.tick();
  }

  private onPoolChange(change: PoolChange): void {
    switch (change.type) {
      case 'swapped':
        // A tick chosen for one symbol means nothing for another.
        this.store.setState({ tickOverride: undefined });
        this.logger.info(`switched ${change.previous} -> ${change.base}`);
        this.status.clear();
        // The new symbol's books are ready now: show them now, not at the next tick.
        return this.clock.tick();
      case 'unlisted':
        return this.status.say(`${change.base} is not listed on any selected venue`);
      case 'switching':
      case 'progress':
      case 'cancelled':
        return;
      default:
        throw new Error(`unhandled pool change ${JSON.stringify(change satisfies never)}`);
    }
  }

  private setUi(patch: Partial<UiState>): void {
    this.store.setState((state) => ({ ui: { ...state.ui, ...patch } }));
  }
}
