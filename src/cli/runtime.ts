/**
 * The running program without its screen: simulators (with --demo), the symbol pool, the
 * Hyperliquid session, the store and the frame clock, and the dispatch of keymap actions to the
 * controllers. The TUI and --json both sit on top of it. It owns everything it starts; close()
 * ends all of it.
 */
import { stepTick } from '../book/tick.js';
import { SymbolPool } from '../pool/symbol-pool.js';
import { ConnectLimiter } from '../pool/connect-limiter.js';
import { connectBudgets, venue, venueTags } from '../venues/registry.js';
import type { VenueId } from '../venues/ids.js';
import { SymbolSession } from '../pool/symbol-session.js';
import { Demo, type DemoVenue } from '../sim/demo.js';
import { createAppStore, type AppStore, type UiState } from '../store/app-store.js';
import { FrameClock } from '../store/frame-clock.js';
import type { ActionId } from '../ui/keymap.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { StatusLine } from './status-line.js';
import { ViewController } from './view-controller.js';
import { appendEvents } from '../store/feed-events.js';
import { SymbolController } from './symbol-controller.js';
import { HyperliquidSession, type HyperliquidSetup } from '../hyperliquid/index.js';
import { Signer } from '../hyperliquid/key-source.js';
import { defaultStateDir } from '../hyperliquid/state-dir.js';
import { join } from 'node:path';
import { PositionsController } from './positions-controller.js';
import { logFeedHealth } from './health-log.js';
import { Recorder } from '../record/recorder.js';
import { InstrumentCatalogs } from '../feeds/instrument-catalogs.js';
import { liveTransport } from '../feeds/live-transport.js';

export class AppRuntime {
  readonly store: AppStore;
  readonly clock: FrameClock;
  private readonly pool: SymbolPool<SymbolSession>;
  /** One per process: venues limit new connections per IP, whichever symbol asks. */
  private readonly limiter = new ConnectLimiter({ budgets: connectBudgets() });
  private readonly hyperliquid: HyperliquidSession;
  private readonly positions: PositionsController;
  private readonly symbols: SymbolController;
  private readonly status: StatusLine;
  private readonly view: ViewController;
  /** --record: every feed's traffic written down; a problem with the file is shown, never fatal. */
  private readonly recorder: Recorder | undefined;
  private onQuit: () => void = () => {};
  private stopHealthLog: () => void = () => {};
  private closed = false;

  private constructor(
    config: Config,
    private readonly demo: Demo | undefined,
    private readonly logger: Logger,
  ) {
    // A codec per feed: each session's feeds get their own, so per-connection state stays theirs.
    const codecs = config.exchanges.map((id) => () => venue(id).codec(demo?.endpoints(id) ?? config.endpoints.venues[id]));
    const recorder = config.record !== undefined ? new Recorder(config.record, (problem) => this.recordingProblem(problem)) : undefined;
    this.recorder = recorder;
    // A recording keeps each symbol's own instrument answer, so it replays without the others.
    const instrumentCatalogs = recorder ? undefined : new InstrumentCatalogs();
    this.pool = new SymbolPool({
      symbol: config.symbol,
      limiter: this.limiter,
      makeSession: (base, limiter) =>
        new SymbolSession(base, codecs, {
          // Read when readiness is asked, long after the store below exists.
          merged: (venueId) => !this.store.getState().omitted.includes(venueId),
          ...(limiter ? { connectGate: limiter.request } : {}),
          ...(recorder ? { transport: (venueId: string) => recorder.wrap(liveTransport, venueId, base) } : {}),
          ...(instrumentCatalogs ? { instrumentCatalogs } : {}),
        }),
    });
    this.hyperliquid = new HyperliquidSession(demo ? demoSetup(demo) : config.hyperliquid, {
      // The demo's locks and journal stay apart from the ones real closes write.
      ...(demo ? { endpoints: { api: demo.exchange.api, ws: demo.exchange.ws }, stateDir: join(defaultStateDir(), 'demo') } : {}),
      ...(!demo && config.endpoints.hyperliquid ? { endpoints: config.endpoints.hyperliquid } : {}),
      ...(config.slippage !== undefined ? { slippage: config.slippage } : {}),
      // The closer's messages already name the coin.
      onProgress: (coin, message) => {
        this.setUi({ closeStatus: message });
        appendEvents(this.store, [{ at: Date.now(), kind: 'close', symbol: coin, text: message }]);
      },
    });
    const closeHint = this.hyperliquid.closeHint;
    this.store = createAppStore({
      symbol: config.symbol,
      depth: config.depth,
      watchlist: config.symbols,
      venueTags: venueTags(),
      hasAccount: demo !== undefined || config.hyperliquid.account !== undefined,
      ...(config.fillSize !== undefined ? { fillSize: config.fillSize } : {}),
      ...(closeHint ? { closeHint } : {}),
    });
    this.positions = new PositionsController(this.hyperliquid, this.store, logger);
    this.clock = new FrameClock({ store: this.store, fps: config.fps, source: () => this.frameSource() });
    this.status = new StatusLine(this.store);
    this.view = new ViewController(this.store, this.status);
    this.symbols = new SymbolController(this.pool, this.store, this.clock, this.status, logger);
  }

  static async start(config: Config, logger: Logger): Promise<AppRuntime> {
    const demo = config.demo
      ? await Demo.start({ venues: demoVenues(config.exchanges), chaos: config.chaos, faults: config.faults })
      : undefined;
    const runtime = new AppRuntime(config, demo, logger);
    logger.info(`start ${config.symbol} on ${config.exchanges.join(',')}${demo ? ' (demo)' : ''}${config.record !== undefined ? `, recording to ${config.record}` : ''}`);
    runtime.stopHealthLog = logFeedHealth(runtime.store, logger);
    runtime.hyperliquid.start();
    runtime.positions.recoverInterrupted();
    runtime.clock.start();
    return runtime;
  }

  get feeds(): SymbolSession['feeds'] {
    return this.pool.current.feeds;
  }

  get settled(): boolean {
    return this.pool.current.settled;
  }

  /** Called once when the user asks to quit. */
  whenQuit(callback: () => void): void {
    this.onQuit = callback;
  }

  dispatch = (action: ActionId, key = ''): void => {
    switch (action) {
      case 'quit':
        this.onQuit();
        return;
      case 'help':
        return this.view.open('help');
      case 'open-log':
        return this.view.open('log');
      case 'close-help':
      case 'close-log':
        return this.view.close();
      case 'scroll-up':
        return this.view.scroll(-1);
      case 'scroll-down':
        return this.view.scroll(1);
      case 'page-up':
        return this.view.page(-1);
      case 'page-down':
        return this.view.page(1);
      case 'toggle-self-health':
        return this.view.toggleSelfHealth();
      case 'size-up':
        return this.view.scaleFillSize(2);
      case 'size-down':
        return this.view.scaleFillSize(0.5);
      case 'select-up':
        return this.moveSelection(-1);
      case 'select-down':
        return this.moveSelection(1);
      case 'toggle-focus':
        if (this.store.getState().ui.focus === 'positions') return this.setUi({ focus: 'venues' });
        return this.positions.focus();
      case 'close-position':
        return this.positions.requestClose();
      case 'confirm-yes':
        return this.positions.confirm();
      case 'confirm-no':
        return this.positions.cancel();
      case 'reconnect-venue':
        return this.reconnectSelected();
      case 'toggle-merge':
        return this.view.toggleMerged();
      case 'tick-up':
        return this.changeTick(1);
      case 'tick-down':
        return this.changeTick(-1);
      case 'tick-auto':
        this.store.setState({ tickOverride: undefined });
        return this.status.say('tick: automatic');
      case 'next-symbol':
        return this.symbols.step(1);
      case 'previous-symbol':
        return this.symbols.step(-1);
      case 'jump-symbol':
        return this.symbols.jump(key);
      case 'open-prompt':
        return this.symbols.openPrompt();
      case 'prompt-type':
        return this.symbols.type(key);
      case 'prompt-erase':
        return this.symbols.erase();
      case 'prompt-cancel':
        return this.symbols.cancelPrompt();
      case 'prompt-submit':
        return this.symbols.submitPrompt();
      default:
        throw new Error(`unhandled action ${JSON.stringify(action satisfies never)}`);
    }
  };

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clock.stop();
    this.stopHealthLog();
    this.status.close();
    await this.positions.settle();
    this.hyperliquid.close();
    this.pool.close();
    await this.recorder?.close();
    this.limiter.close();
    await this.demo?.close();
    this.logger.info('closed');
  }

  private recordingProblem(problem: string): void {
    this.logger.error(problem);
    if (!this.closed) this.status.say(problem);
  }

  private setUi(patch: Partial<UiState>): void {
    this.store.setState((state) => ({ ui: { ...state.ui, ...patch } }));
  }

  private frameSource() {
    const pending = this.pool.pendingReadiness();
    const pendingFeeds = this.pool.pending?.feeds ?? [];
    return {
      symbol: this.pool.current.base,
      feeds: this.pool.current.feeds,
      positions: this.hyperliquid.model?.view,
      ...(pending
        ? {
            switching: {
              target: pending.base,
              live: pending.live,
              failed: pending.failed,
              total: pending.total,
              overdue: pending.overdue,
              venues: pendingFeeds.map((feed) => {
                const health = feed.health();
                return { id: feed.adapter.id, state: health.state, notListed: health.notListed };
              }),
            },
          }
        : {}),
    };
  }

  private moveSelection(delta: 1 | -1): void {
    if (this.store.getState().ui.focus === 'positions') return this.positions.select(delta);
    const count = this.pool.current.feeds.length;
    if (count === 0) return;
    const current = this.store.getState().ui.selectedVenue;
    this.setUi({ selectedVenue: (current + delta + count) % count });
  }

  private reconnectSelected(): void {
    const feed = this.pool.current.feeds[this.store.getState().ui.selectedVenue];
    if (!feed) return;
    feed.reconnect();
    this.logger.info(`manual reconnect ${feed.adapter.id}`);
    appendEvents(this.store, [{ at: Date.now(), kind: 'action', venue: feed.adapter.id, symbol: this.pool.current.base, text: `${feed.adapter.name}: reconnect asked for` }]);
    this.status.say(`reconnecting ${feed.adapter.name}…`);
  }

  private changeTick(direction: 1 | -1): void {
    // Keys pressed faster than frames build on each other, not on the tick last drawn.
    const { tickOverride, ladder } = this.store.getState();
    const tick = tickOverride ?? ladder?.tick;
    if (tick === undefined) return;
    const next = stepTick(tick, direction);
    // Grouping below the finest tick any venue quotes would only add empty rows.
    if (direction < 0 && ladder?.finestTick !== undefined && next < ladder.finestTick - 1e-12) {
      return this.status.say(`tick ${tick} is the finest any venue quotes ${ladder.symbol} in`);
    }
    this.store.setState({ tickOverride: next });
    this.status.say(`tick ${next}`);
  }
}

/** The demo's account on its simulated exchange, signing with the key the demo made. */
function demoSetup(demo: Demo): HyperliquidSetup {
  const signer = new Signer(demo.exchange.account.privateKey, 'demo');
  return { network: 'testnet', account: { address: signer.address, source: 'key', agent: false }, signer };
}

/** The registry's simulators for the venues the user chose. */
export function demoVenues(ids: readonly VenueId[]): DemoVenue[] {
  return ids.map((id) => ({ id, simulator: () => venue(id).simulator() }));
}
