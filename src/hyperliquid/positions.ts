/**
 * The account's positions as one observable view: an info read (clearinghouseState) at start, then
 * the user stream's clearinghouseState pushes, with a slow info poll as a cross-check and an info
 * re-read whenever an order or fill of the account goes by (so the view is right even where the
 * stream sends no positions). Whichever state was produced last wins: an info answer to a request
 * sent before a stream push arrived is older than that push and is dropped.
 *
 * It owns its poll timer, its stream and its info client's requests; after close() it emits nothing.
 */
import type { InfoClient } from './info-client.js';
import type { HyperliquidNetwork } from './network.js';
import type { AccountSummary, PositionRow, PositionsView } from './positions-view.js';
import { UserStream, type UserStreamEvent } from './user-stream.js';
import type { ClearinghouseState, WirePosition } from './wire.js';

export interface PositionsModelOptions {
  readonly account: string;
  readonly network: HyperliquidNetwork;
  readonly info: Pick<InfoClient, 'clearinghouseState'>;
  /** The WebSocket URL for the user stream; without it only the info poll keeps the view current. */
  readonly wsUrl?: string;
  readonly pollMs?: number;
  /** Wait after an order/fill event before re-reading, so a burst costs one read. */
  readonly refreshDelayMs?: number;
  readonly now?: () => number;
  /** Replaces the user stream (tests). */
  readonly createStream?: (onEvent: (event: UserStreamEvent) => void) => Pick<UserStream, 'start' | 'close' | 'state'>;
}

export const DEFAULT_POLL_MS = 15_000;

export class PositionsModel {
  private current: PositionsView;
  private state: ClearinghouseState | undefined;
  private readonly listeners = new Set<(view: PositionsView) => void>();
  private readonly stream: Pick<UserStream, 'start' | 'close' | 'state'> | undefined;
  private readonly now: () => number;
  private pollTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Time the shown state was produced: a stream push's receive time, or an info request's send time. */
  private stateAsOf = -Infinity;
  private closed = false;

  constructor(private readonly options: PositionsModelOptions) {
    this.now = options.now ?? Date.now;
    this.current = {
      account: options.account,
      network: options.network,
      status: 'loading',
      summary: undefined,
      positions: [],
      updatedAt: undefined,
      stream: options.wsUrl || options.createStream ? 'connecting' : 'off',
      error: undefined,
    };
    const onEvent = (event: UserStreamEvent): void => this.onStream(event);
    this.stream = options.createStream?.(onEvent) ?? (options.wsUrl ? new UserStream({ url: options.wsUrl, user: options.account, onEvent }) : undefined);
  }

  start(): void {
    if (this.closed || this.pollTimer) return;
    this.stream?.start();
    void this.refresh();
    this.pollTimer = setInterval(() => void this.refresh(), this.options.pollMs ?? DEFAULT_POLL_MS);
  }

  get view(): PositionsView {
    return this.current;
  }

  /** The raw position of `coin`, as last seen (undefined when flat). */
  position(coin: string): WirePosition | undefined {
    return this.state?.positions.find((p) => p.coin === coin && Number(p.szi) !== 0);
  }

  subscribe(listener: (view: PositionsView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads clearinghouseState now (after a close, on a stream event, on the poll). */
  async refresh(): Promise<void> {
    if (this.closed) return;
    const sentAt = this.now();
    const result = await this.options.info.clearinghouseState(this.options.account);
    if (this.closed) return;
    if (!result.ok) return this.publish({ error: result.error });
    if (sentAt < this.stateAsOf) return; // a stream push arrived while this was on its way
    this.apply(result.value, sentAt, undefined);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.refreshTimer);
    this.stream?.close();
    this.listeners.clear();
  }

  private onStream(event: UserStreamEvent): void {
    if (this.closed) return;
    switch (event.type) {
      case 'clearinghouse':
        return this.apply(event.state, event.at, undefined);
      case 'orders':
      case 'fills':
        if (event.type === 'fills' && event.snapshot) return;
        return this.scheduleRefresh();
      case 'link':
        if (event.state === 'live') this.scheduleRefresh(); // catch up on what happened while disconnected
        return this.publish({ stream: event.state, ...(event.error !== undefined ? { error: event.error } : {}) });
      default:
        throw new Error(`unhandled stream event ${JSON.stringify(event satisfies never)}`);
    }
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh();
    }, this.options.refreshDelayMs ?? 250);
  }

  private apply(state: ClearinghouseState, asOf: number, error: string | undefined): void {
    this.state = state;
    this.stateAsOf = asOf;
    // The link's state rides along: a long backoff wait shows as "down", not forever "reconnecting".
    const stream = this.stream?.state ?? this.current.stream;
    this.publish({ status: 'ready', summary: toSummary(state), positions: toRows(state.positions), updatedAt: this.now(), error, stream });
  }

  private publish(patch: Partial<PositionsView>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of [...this.listeners]) listener(this.current);
  }
}

function toSummary(state: ClearinghouseState): AccountSummary {
  const m = state.marginSummary;
  return { accountValue: Number(m.accountValue), withdrawable: Number(state.withdrawable), totalMarginUsed: Number(m.totalMarginUsed), totalNtlPos: Number(m.totalNtlPos) };
}

function toRows(positions: readonly WirePosition[]): PositionRow[] {
  return positions.filter((p) => Number(p.szi) !== 0).map(toRow);
}

function toRow(p: WirePosition): PositionRow {
  const size = Math.abs(Number(p.szi));
  const positionValue = Number(p.positionValue);
  return {
    coin: p.coin,
    side: p.szi.startsWith('-') ? 'short' : 'long',
    size: p.szi.replace(/^-/, ''),
    entryPx: p.entryPx === null ? undefined : Number(p.entryPx),
    markPx: size > 0 ? positionValue / size : undefined,
    positionValue,
    unrealizedPnl: Number(p.unrealizedPnl),
    roe: Number(p.returnOnEquity),
    liquidationPx: p.liquidationPx === null ? undefined : Number(p.liquidationPx),
    leverage: p.leverage.value,
    leverageType: p.leverage.type,
    marginUsed: Number(p.marginUsed),
  };
}
