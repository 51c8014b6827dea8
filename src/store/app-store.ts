/**
 * The application store: a zustand vanilla store made by a factory, so every test and every
 * runtime gets its own. Market data enters only through the frame clock; keys change `ui` through
 * runtime actions. Everything here is a view model: plain, immutable, ready to print.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FeedState } from '../feeds/health.js';
import type { MergedLevel } from '../book/merge-depth.js';
import type { ClosePreview, PositionsView } from '../hyperliquid/positions-view.js';
import type { FeedEvent } from './feed-events.js';
import type { LiquidityView } from './liquidity.js';

export interface LadderView {
  readonly symbol: string;
  readonly tick: number;
  readonly asks: readonly MergedLevel[];
  readonly bids: readonly MergedLevel[];
  readonly bestBid?: number;
  readonly bestAsk?: number;
  /** Venues whose books are in the ladder, and those left out because they are not in sync. */
  readonly included: readonly string[];
  /** The finest price step any venue in the ladder quotes: grouping finer than this shows nothing. */
  readonly finestTick?: number;
  /** Size near mid and the cost of filling the fill size, on the merged book. */
  readonly liquidity?: LiquidityView;
}

export interface VenueRow {
  readonly id: string;
  readonly name: string;
  readonly market: 'spot' | 'perp';
  /** The quote currency of the venue's instrument ("USDT", "USD", "USDC"). */
  readonly quote: string;
  /** Decimals the venue prices this symbol with (its tick), so its prices print at one width. */
  readonly priceDecimals?: number;
  readonly state: FeedState;
  readonly notListed: boolean;
  readonly bestBid?: number;
  readonly bestAsk?: number;
  readonly msgsPerSec: number;
  /** Age of the last message in whole seconds: coarse on purpose, so a quiet feed costs no frame. */
  readonly ageS?: number;
  /** Exchange time to receipt while connected; negative: the venue's clock is ahead (skew). */
  readonly latencyMs?: number;
  /** Connections that opened again after one was lost. */
  readonly reconnects: number;
  /** Connection attempts that never opened, shown apart from the reconnects. */
  readonly failedAttempts: number;
  readonly resyncs: number;
  readonly lastError?: string;
  /** Whole seconds since `lastError`; the row shows errors younger than a minute. */
  readonly errorAgeS?: number;
  /** Whole seconds until the next connection attempt, while reconnecting or down. */
  readonly retryInS?: number;
  /** Whole seconds the current connection has been up. */
  readonly upForS?: number;
}

/** A symbol switch under way: the screen still shows the old symbol until this one is ready. */
export interface SwitchingView {
  readonly target: string;
  readonly live: number;
  readonly failed: number;
  readonly total: number;
  /** Past the readiness timeout: one live venue is enough now. */
  readonly overdue: boolean;
  /** Each venue of the new symbol, so the header can show how each is getting on. */
  readonly venues?: readonly SwitchingVenue[];
}

export interface SwitchingVenue {
  readonly id: string;
  readonly state: FeedState;
  readonly notListed: boolean;
}

export type UiMode = 'normal' | 'help' | 'log' | 'prompt' | 'confirm-close';

/** Which pane ↑/↓ move in. */
export type Focus = 'venues' | 'positions';

export interface UiState {
  readonly mode: UiMode;
  readonly focus: Focus;
  readonly selectedVenue: number;
  readonly selectedPosition: number;
  /** The close the user is asked to confirm (mode 'confirm-close'). */
  readonly confirm?: ClosePreview;
  /** What the last close did or is doing. */
  readonly closeStatus?: string;
  /** The symbol being typed after `/`. */
  readonly prompt?: string;
  /** One line for the status bar: what just happened. */
  readonly message?: string;
  /** Lines scrolled past in the help or log overlay. */
  readonly scroll: number;
  /** Whether the self-health line (frames/s, event-loop lag, memory) is shown. */
  readonly selfHealth: boolean;
}

/** How depthmux itself is doing, sampled once a second while the self-health line is shown. */
export interface SelfHealthView {
  readonly framesPerSec: number;
  readonly loopLagP99Ms: number;
  readonly rssMb: number;
}

export interface AppState {
  readonly symbol: string;
  readonly watchlist: readonly string[];
  readonly switching?: SwitchingView;
  /** Levels per side merged; the screen shows as many as fit. */
  readonly depth: number;
  /** Base units the liquidity line prices a fill of; undefined = about $100k at the mid. */
  readonly fillSize?: number;
  /** Grouping tick chosen by the user; undefined = automatic from the price. */
  readonly tickOverride?: number;
  /**
   * Venues (ids) the user left out of the merged book, for every symbol: their feeds stay open
   * and their rows stay in the venue list, but the ladder and the liquidity lines leave them out.
   */
  readonly omitted: readonly string[];
  readonly ladder?: LadderView;
  readonly venues: readonly VenueRow[];
  /** undefined: no Hyperliquid account configured, or its first answer has not come yet. */
  readonly positions?: PositionsView;
  /** An account is configured: until its positions arrive the pane says it is loading. */
  readonly hasAccount: boolean;
  /** What happened to the feeds and closes, oldest first, bounded (feed-events.ts). */
  readonly events: readonly FeedEvent[];
  readonly selfHealth?: SelfHealthView;
  /** Why closing is off (no key), when it is. */
  readonly closeHint?: string;
  /** Each venue's short ladder tag, by id (from the venue registry). */
  readonly venueTags: Readonly<Record<string, string>>;
  readonly ui: UiState;
}

export type AppStore = StoreApi<AppState>;

export interface AppStoreInit {
  readonly symbol: string;
  readonly depth: number;
  readonly watchlist?: readonly string[];
  readonly closeHint?: string;
  readonly venueTags?: Readonly<Record<string, string>>;
  readonly fillSize?: number;
  readonly hasAccount?: boolean;
}

export function createAppStore(init: AppStoreInit): AppStore {
  return createStore<AppState>()(() => ({
    symbol: init.symbol,
    watchlist: init.watchlist ?? [init.symbol],
    depth: init.depth,
    venues: [],
    omitted: [],
    venueTags: init.venueTags ?? {},
    hasAccount: init.hasAccount ?? false,
    events: [],
    ...(init.fillSize !== undefined ? { fillSize: init.fillSize } : {}),
    ...(init.closeHint !== undefined ? { closeHint: init.closeHint } : {}),
    ui: { mode: 'normal', focus: 'venues', selectedVenue: 0, selectedPosition: 0, scroll: 0, selfHealth: false },
  }));
}
