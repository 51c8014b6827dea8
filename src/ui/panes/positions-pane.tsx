/**
 * The user's Hyperliquid positions: account value and withdrawable on top, one row per position
 * (side, size, entry, mark, unrealised PnL, ROE, liquidation price, leverage, margin), the symbol on
 * screen highlighted and the selected row marked while the pane has focus. Pure: everything comes in
 * as props (the runtime maps the positions model and the closer's status onto them).
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { PositionRow, PositionsView } from '../../hyperliquid/positions-view.js';
import { padLeft, padRight } from '../format.js';
import { windowStart } from '../layout.js';
import { theme } from '../theme.js';

export interface PositionsPaneProps {
  /** undefined: no account address is configured, or (with `hasAccount`) none has loaded yet. */
  readonly view: PositionsView | undefined;
  readonly selected: number;
  readonly focused: boolean;
  /** The symbol on screen: its position row stands out. */
  readonly highlightCoin: string;
  /** What the last close did, or is doing (one line). */
  readonly status: string | undefined;
  /** A standing hint, e.g. why closing is disabled (one line). */
  readonly hint: string | undefined;
  /** An account is configured: without a view yet, the pane is loading, not unconfigured. */
  readonly hasAccount?: boolean;
  /** Shown instead of the network (the demo's simulated exchange is "demo", not testnet). */
  readonly networkLabel?: string;
  /** One line per position instead of two, for narrow terminals. */
  readonly compact?: boolean;
  /** Rows the pane may use, borders included; it drops the least needed lines to fit. */
  readonly height?: number;
  readonly width?: number;
}

export function PositionsPane({ view, selected, focused, highlightCoin, status, hint, hasAccount = false, networkLabel, compact = false, height, width }: PositionsPaneProps): React.JSX.Element {
  const room = height === undefined ? Number.POSITIVE_INFINITY : height - 3;
  const statusLine = status !== undefined ? <Text key="status" wrap="truncate-end"> {status}</Text> : null;
  const hintLine = hint !== undefined ? <Text key="hint" color={theme.dim} wrap="truncate-end"> {hint}</Text> : null;
  const body = bodyLines({ view, selected, focused, highlightCoin, hasAccount, compact }, room - (statusLine ? 1 : 0));
  const hintFits = hintLine !== null && body.length + (statusLine ? 1 : 0) < room;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={focused ? theme.accent : theme.border} {...(height !== undefined ? { height } : {})} {...(width !== undefined ? { width } : {})}>
      <Text bold wrap="truncate-end">
        {' '}Positions
        {view ? (
          <Text color={theme.dim}>
            {compact ? ' · ' : `  ${shortAddress(view.account)} · `}
            {networkLabel ?? view.network} · stream {view.stream}
          </Text>
        ) : null}
      </Text>
      {body}
      {statusLine}
      {hintFits ? hintLine : null}
    </Box>
  );
}

interface BodyProps {
  readonly view: PositionsView | undefined;
  readonly selected: number;
  readonly focused: boolean;
  readonly highlightCoin: string;
  readonly hasAccount: boolean;
  readonly compact: boolean;
}

/** The pane's lines below the title, at most `room` of them: the selected position among them while focused. */
function bodyLines({ view, selected, focused, highlightCoin, hasAccount, compact }: BodyProps, room: number): React.JSX.Element[] {
  if (!view) {
    if (hasAccount) return [<Text key="loading" color={theme.dim}> loading positions…</Text>];
    return [
      <Text key="none" color={theme.warn}> No Hyperliquid account configured.</Text>,
      <Text key="how" color={theme.dim} wrap="truncate-end"> Pass --hl-address 0x… or set HYPERLIQUID_ADDRESS to see positions.</Text>,
    ].slice(0, Math.max(1, room));
  }
  const error = view.error !== undefined ? [<Text key="error" color={theme.warn} wrap="truncate-end"> ⚠ {view.error}</Text>] : [];
  if (view.status === 'loading') return [<Text key="loading" color={theme.dim}> loading positions…</Text>, ...error].slice(0, Math.max(1, room));
  const perPosition = compact ? 1 : 2;
  // The account summary is the first line to go when the positions do not all fit.
  const withSummary = room - error.length - 1 >= Math.max(1, view.positions.length) * perPosition;
  const fixed = (withSummary ? 1 : 0) + error.length;
  const roomFor = Math.max(1, Math.floor((room - fixed) / perPosition));
  // Positions that do not fit are never hidden silently: a line says how many more there are.
  const fits = view.positions.length > roomFor ? Math.max(1, Math.floor((room - fixed - 1) / perPosition)) : roomFor;
  // Focused, the window follows the selection; otherwise it keeps the symbol on screen in view, so
  // a short pane (80×24 shows one position) shows the position the ladder beside it is about.
  const onScreen = view.positions.findIndex((row) => row.coin === highlightCoin);
  const start = windowStart(view.positions.length, fits, focused || onScreen < 0 ? selected : onScreen);
  const shown = view.positions.slice(start, start + fits);
  const hidden = view.positions.length - shown.length;
  const more = hidden > 0 ? [<Text key="more" color={theme.accent}>{`  ▼ ${hidden} more · Tab, ↑↓`}</Text>] : [];
  const rows = shown.map((row, index) => {
    const props = { row, selected: focused && start + index === selected, highlighted: row.coin === highlightCoin };
    return compact ? <CompactPositionLine key={row.coin} {...props} /> : <PositionLine key={row.coin} {...props} />;
  });
  const summary = withSummary ? [<Summary key="summary" view={view} compact={compact} />] : [];
  return [...summary, ...(view.positions.length === 0 ? [<Text key="flat" color={theme.dim}> No open positions.</Text>] : rows), ...more, ...error];
}

function Summary({ view, compact }: { readonly view: PositionsView; readonly compact: boolean }): React.JSX.Element {
  const s = view.summary;
  if (compact) {
    return (
      <Text wrap="truncate-end">
        {' '}Account <Text bold>{s ? usd(s.accountValue) : '—'}</Text>
        <Text color={theme.dim}> · free {s ? usd(s.withdrawable) : '—'}</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      {' '}Account <Text bold>{s ? usd(s.accountValue) : '—'}</Text>
      <Text color={theme.dim}> · </Text>withdrawable <Text bold>{s ? usd(s.withdrawable) : '—'}</Text>
      <Text color={theme.dim}> · margin used {s ? usd(s.totalMarginUsed) : '—'}</Text>
    </Text>
  );
}

/**
 * A position on two lines, so the pane fits beside the ladder on a 120-column terminal:
 *   ▸ BTC   long   0.50000  entry 67000.0  mark 67250.0  uPnL +125.00  +3.7%
 *           liq 60321.0  10x cross  margin $3,362.50
 */
const PositionLine = React.memo(function PositionLine({ row, selected, highlighted }: { readonly row: PositionRow; readonly selected: boolean; readonly highlighted: boolean }): React.JSX.Element {
  const decimals = decimalsFor(row.markPx ?? row.entryPx);
  const sideColor = row.side === 'long' ? theme.bid : theme.ask;
  const pnlColor = row.unrealizedPnl > 0 ? theme.bid : row.unrealizedPnl < 0 ? theme.ask : undefined;
  const leverage = `${row.leverage}x ${row.leverageType}`;
  return (
    <>
      <Text inverse={selected} bold={highlighted} wrap="truncate-end">
        {selected ? '▸ ' : highlighted ? '• ' : '  '}
        <Text color={highlighted ? theme.accent : undefined}>{padRight(row.coin, 6)}</Text>
        <Text color={sideColor}>{padRight(row.side, 6)}</Text>
        {padLeft(row.size, 8)} <Text color={theme.dim}>entry</Text> {padLeft(price(row.entryPx, decimals), 8)} <Text color={theme.dim}>mark</Text>{' '}
        {padLeft(price(row.markPx, decimals), 8)} <Text color={theme.dim}>uPnL</Text> <Text color={pnlColor}>{padLeft(signed(row.unrealizedPnl), 8)}</Text>{' '}
        <Text color={pnlColor}>{padLeft(percent(row.roe), 6)}</Text>
      </Text>
      <Text color={theme.dim} wrap="truncate-end">
        {'          '}liq <Text color={theme.warn}>{price(row.liquidationPx, decimals)}</Text>  {leverage}  margin <Text color="white">{usd(row.marginUsed)}</Text>
      </Text>
    </>
  );
});

/** A position on one line, for narrow terminals: `▸ BTC  L 0.25  +67.53 +4.0%`. */
const CompactPositionLine = React.memo(function CompactPositionLine({ row, selected, highlighted }: { readonly row: PositionRow; readonly selected: boolean; readonly highlighted: boolean }): React.JSX.Element {
  const pnlColor = row.unrealizedPnl > 0 ? theme.bid : row.unrealizedPnl < 0 ? theme.ask : undefined;
  return (
    <Text inverse={selected} bold={highlighted} wrap="truncate-end">
      {selected ? '▸ ' : highlighted ? '• ' : '  '}
      <Text color={highlighted ? theme.accent : undefined}>{padRight(row.coin, 5)}</Text>
      <Text color={row.side === 'long' ? theme.bid : theme.ask}>{row.side === 'long' ? 'L' : 'S'}</Text> {padLeft(row.size, 7)}{' '}
      <Text color={pnlColor}>{padLeft(signed(row.unrealizedPnl), 9)}</Text> <Text color={pnlColor}>{padLeft(percent(row.roe), 6)}</Text>
    </Text>
  );
});

/** Enough decimals to see a tick move at this magnitude (5 significant figures, as Hyperliquid prices), 1 to 6. */
function decimalsFor(reference: number | undefined): number {
  if (reference === undefined || !(reference > 0)) return 2;
  return Math.min(6, Math.max(1, 4 - Math.floor(Math.log10(reference))));
}

function price(value: number | undefined, decimals: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(decimals);
}

const USD = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function usd(value: number): string {
  return Number.isFinite(value) ? `$${USD.format(value)}` : '—';
}

function signed(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return `${value > 0 ? '+' : value < 0 ? '-' : ''}${USD.format(Math.abs(value))}`;
}

function percent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${fraction > 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
