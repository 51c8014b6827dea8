/**
 * The positions pane's view model: plain, immutable, ready to print. Types only, so the UI can
 * import this file without importing any code that talks to the exchange.
 */
import type { HyperliquidNetwork } from './network.js';

export type PositionSide = 'long' | 'short';

export interface PositionRow {
  readonly coin: string;
  readonly side: PositionSide;
  /** |szi| as the exchange wrote it. */
  readonly size: string;
  readonly entryPx: number | undefined;
  /** positionValue / |szi|: clearinghouseState values positions at the mark price. */
  readonly markPx: number | undefined;
  readonly positionValue: number;
  readonly unrealizedPnl: number;
  /** returnOnEquity as a fraction (0.05 = +5 %). */
  readonly roe: number;
  /** undefined when no price would liquidate the position. */
  readonly liquidationPx: number | undefined;
  readonly leverage: number;
  readonly leverageType: 'cross' | 'isolated';
  readonly marginUsed: number;
}

export interface AccountSummary {
  readonly accountValue: number;
  readonly withdrawable: number;
  readonly totalMarginUsed: number;
  readonly totalNtlPos: number;
}

/** The user stream's link, as the feeds' health shows it. */
export type StreamState = 'off' | 'connecting' | 'syncing' | 'live' | 'stale' | 'reconnecting' | 'down' | 'closed';

export interface PositionsView {
  /** The account whose positions these are (an agent wallet's account, not the agent). */
  readonly account: string;
  readonly network: HyperliquidNetwork;
  /** 'loading' until the first clearinghouseState arrives. */
  readonly status: 'loading' | 'ready';
  readonly summary: AccountSummary | undefined;
  readonly positions: readonly PositionRow[];
  /** Receive time (ms) of the state shown. */
  readonly updatedAt: number | undefined;
  readonly stream: StreamState;
  /** Why the last read failed; the rows shown are then as of `updatedAt`. */
  readonly error: string | undefined;
}

/** What the confirm overlay shows before a close is sent (PositionCloser.preview). */
export interface ClosePreview {
  readonly coin: string;
  /** The side of the position being closed. */
  readonly side: PositionSide;
  /** The size the close order will carry (rounded down to the lot). */
  readonly size: string;
  /** The mid the close is priced from. */
  readonly estimatedPrice: number;
  /** The order's limit: the worst price the close accepts. */
  readonly slippageBound: string;
  /** The slippage fraction behind the bound (0.01 = 1 %). */
  readonly slippage: number;
}
