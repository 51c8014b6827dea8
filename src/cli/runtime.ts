/**
 * The running program without its screen: simulators (with --demo), the symbol session, the store
 * and the frame clock, plus the actions keys trigger. The TUI and --json both sit on top of it.
 * It owns everything it starts; close() ends all of it.
 */
import { createAdapter } from '../feeds/venues/index.js';
import { stepTick } from '../book/tick.js';
import { SymbolSession } from '../pool/symbol-session.js';
import { Demo } from '../sim/demo.js';
import { createAppStore, type AppStore, type UiState } from '../store/app-store.js';
import { FrameClock } from '../store/frame-clock.js';
import type { ActionId } from '../ui/keymap.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';

export class AppRuntime {
  readonly store: AppStore;
  readonly clock: FrameClock;
  private readonly session: SymbolSession;
  private onQuit: () => void = () => {};
  private closed = false;

  private constructor(
    private readonly config: Config,
    private readonly demo: Demo | undefined,
    private readonly logger: Logger,
  ) {
    const adapters = config.exchanges.map((id) => createAdapter(id, demo?.endpoints(id)));
    this.session = new SymbolSession(config.symbol, adapters);
    this.store = createAppStore({ symbol: config.symbol, depth: config.depth });
    this.clock = new FrameClock({ store: this.store, fps: config.fps, source: () => ({ symbol: this.session.base, feeds: this.session.feeds }) });
  }

  static async start(config: Config, logger: Logger): Promise<AppRuntime> {
    const demo = config.demo
      ? await Demo.start({ venues: config.exchanges, chaos: config.chaos, faults: config.faults })
      : undefined;
    const runtime = new AppRuntime(config, demo, logger);
    logger.info(`start ${config.symbol} on ${config.exchanges.join(',')}${demo ? ' (demo)' : ''}`);
    runtime.session.start();
    runtime.clock.start();
    return runtime;
  }

  get feeds(): SymbolSession['feeds'] {
    return this.session.feeds;
  }

  get settled(): boolean {
    return this.session.settled;
  }

  /** Called once when the user asks to quit. */
  whenQuit(callback: () => void): void {
    this.onQuit = callback;
  }

  dispatch = (action: ActionId): void => {
    switch (action) {
      case 'quit':
        this.onQuit();
        return;
      case 'help':
        return this.setUi({ mode: 'help' });
      case 'close-help':
        return this.setUi({ mode: 'normal' });
      case 'venue-up':
        return this.moveSelection(-1);
      case 'venue-down':
        return this.moveSelection(1);
      case 'reconnect-venue':
        return this.reconnectSelected();
      case 'tick-up':
        return this.changeTick(1);
      case 'tick-down':
        return this.changeTick(-1);
      case 'tick-auto':
        this.store.setState({ tickOverride: undefined });
        return this.setUi({ message: 'tick: automatic' });
      default:
        throw new Error(`unhandled action ${JSON.stringify(action satisfies never)}`);
    }
  };

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clock.stop();
    this.session.close();
    await this.demo?.close();
    this.logger.info('closed');
  }

  private setUi(patch: Partial<UiState>): void {
    this.store.setState((state) => ({ ui: { ...state.ui, ...patch } }));
  }

  private moveSelection(delta: number): void {
    const count = this.session.feeds.length;
    if (count === 0) return;
    const current = this.store.getState().ui.selectedVenue;
    this.setUi({ selectedVenue: (current + delta + count) % count });
  }

  private reconnectSelected(): void {
    const feed = this.session.feeds[this.store.getState().ui.selectedVenue];
    if (!feed) return;
    feed.reconnect();
    this.logger.info(`manual reconnect ${feed.adapter.id}`);
    this.setUi({ message: `reconnecting ${feed.adapter.name}…` });
  }

  private changeTick(direction: 1 | -1): void {
    const tick = this.store.getState().ladder?.tick;
    if (tick === undefined) return;
    const next = stepTick(tick, direction);
    this.store.setState({ tickOverride: next });
    this.setUi({ message: `tick ${next}` });
  }
}
