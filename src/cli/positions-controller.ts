/**
 * The close key, from the keymap's point of view: preview the selected position, ask, send on
 * `y`, and say what happened. All the safety (guard, lock, journal, reconcile) lives in the
 * PositionCloser; this only moves the UI through its modes and keeps track of closes in flight
 * so quitting can wait for them.
 */
import type { HyperliquidSession } from '../hyperliquid/index.js';
import type { AppStore, UiState } from '../store/app-store.js';
import { errorMessage } from '../wire/json.js';
import type { Logger } from './log.js';
import { keyFor } from '../ui/keymap.js';
import { appendEvents } from '../store/feed-events.js';

/** Quitting waits this long for a close in flight to learn its outcome. */
const QUIT_GRACE_MS = 5_000;

export class PositionsController {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly session: HyperliquidSession,
    private readonly store: AppStore,
    private readonly logger: Logger,
  ) {}

  /** At start: say what became of closes a previous run was killed in the middle of. */
  recoverInterrupted(): void {
    const closer = this.session.closer;
    if (!closer) return;
    this.track(
      closer.recoverInterrupted().then((results) => {
        for (const result of results) {
          this.logger.info(`interrupted close ${result.coin}: ${result.kind}: ${result.message}`);
          this.status(result.message);
        }
      }),
    );
  }

  /** `x`: ask before closing the selected position. */
  requestClose(): void {
    const { ui, positions } = this.store.getState();
    if (!positions) return this.status('no Hyperliquid account: pass --hl-address 0x… or set HYPERLIQUID_ADDRESS');
    if (ui.focus !== 'positions') {
      return this.status(`${keyFor('toggle-focus')} to the positions pane, pick a position with ${keyFor('select-up')}${keyFor('select-down')}, then ${keyFor('close-position')}`);
    }
    const row = positions.positions[ui.selectedPosition];
    if (!row) return this.status('no position selected');
    const closer = this.session.closer;
    if (!closer?.canClose) return this.status(this.store.getState().closeHint ?? 'closing is disabled');
    this.track(
      closer.preview(row.coin).then((answer) => {
        if (answer.ok) this.setUi({ mode: 'confirm-close', confirm: answer.preview });
        else this.status(answer.result.message);
      }),
    );
  }

  /** `y`: send the close the user just confirmed. */
  confirm(): void {
    const preview = this.store.getState().ui.confirm;
    const closer = this.session.closer;
    this.setUi({ mode: 'normal', confirm: undefined });
    if (!preview || !closer) return;
    this.status(`closing ${preview.coin} ${preview.side} ${preview.size}…`);
    this.logger.info(`close requested ${preview.coin} ${preview.side} ${preview.size} bound ${preview.slippageBound}`);
    this.track(
      closer.close(preview.coin, { side: preview.side, slippageBound: preview.slippageBound }).then((result) => {
        this.logger.info(`close ${preview.coin}: ${result.kind}: ${result.message}`);
        this.status(result.message);
        appendEvents(this.store, [{ at: Date.now(), kind: 'close', symbol: preview.coin, text: result.message }]);
        return this.session.model?.refresh();
      }),
    );
  }

  cancel(): void {
    this.setUi({ mode: 'normal', confirm: undefined });
    this.status('close cancelled');
  }

  /**
   * Tab into the pane: the selection starts on the position of the symbol on screen, when there is
   * one, so Tab then x closes what the ladder beside it shows (the confirmation still names it).
   */
  focus(): void {
    const { positions, symbol } = this.store.getState();
    const onScreen = positions?.positions.findIndex((row) => row.coin === symbol) ?? -1;
    this.setUi(onScreen >= 0 ? { focus: 'positions', selectedPosition: onScreen } : { focus: 'positions' });
  }

  select(delta: 1 | -1): void {
    const count = this.store.getState().positions?.positions.length ?? 0;
    if (count === 0) return;
    const current = this.store.getState().ui.selectedPosition;
    this.setUi({ selectedPosition: (current + delta + count) % count });
  }

  /** Let a close in flight finish (bounded) before the process goes away. */
  async settle(): Promise<void> {
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, QUIT_GRACE_MS)));
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => {
      // The closer returns failures as values; reaching here is a bug, shown rather than lost.
      this.status(`close failed unexpectedly: ${errorMessage(error)}`);
      this.logger.error(`close path threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private status(message: string): void {
    this.setUi({ closeStatus: message });
  }

  private setUi(patch: Partial<UiState>): void {
    this.store.setState((state) => ({ ui: { ...state.ui, ...patch } }));
  }
}
