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
import { theme } from '../theme.js';

export interface PositionsPaneProps {
  /** undefined: no account address is configured. */
  readonly view: PositionsView | undefined;
  readonly selected: number;
  readonly focused: boolean;
  /** The symbol on screen: its position row stands out. */
  readonly highlightCoin: string;
  /** What the last close did, or is doing (one line). */
  readonly status: string | undefined;
  /** A standing hint, e.g. why closing is disabled (one line). */
  readonly hint: string | undefined;
}

export function PositionsPane({ view, selected, focused, highlightCoin, status, hint }: PositionsPaneProps): React.JSX.Element {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={focused ? theme.accent : theme.border}>
      <Text bold>
        {' '}Positions{view ? <Text color={theme.dim}>  {shortAddress(view.account)} · {view.network} · stream {view.stream}</Text> : null}
      </Text>
      <Body view={view} selected={selected} focused={focused} highlightCoin={highlightCoin} />
      {status !== undefined ? <Text wrap="truncate-end"> {status}</Text> : null}
      {hint !== undefined ? <Text color={theme.dim} wrap="truncate-end"> {hint}</Text> : null}
    </Box>
  );
}

function Body({ view, selected, focused, highlightCoin }: Pick<PositionsPaneProps, 'view' | 'selected' | 'focused' | 'highlightCoin'>): React.JSX.Element {
  if (!view) {
    return (
      <>
        <Text color={theme.warn}> No Hyperliquid account configured.</Text>
        <Text color={theme.dim}> Pass --hl-address 0x… or set HYPERLIQUID_ADDRESS to see positions.</Text>
      </>
    );
  }
  const error = view.error !== undefined ? <Text color={theme.warn} wrap="truncate-end"> ⚠ {view.error}</Text> : null;
  if (view.status === 'loading') {
    return (
      <>
        <Text color={theme.dim}> loading positions…</Text>
        {error}
      </>
    );
  }
  return (
    <>
      <Summary view={view} />
      {view.positions.length === 0 ? (
        <Text color={theme.dim}> No open positions.</Text>
      ) : (
        <>
          {view.positions.map((row, index) => (
            <PositionLine key={row.coin} row={row} selected={focused && index === selected} highlighted={row.coin === highlightCoin} />
          ))}
        </>
      )}
      {error}
    </>
  );
}

function Summary({ view }: { readonly view: PositionsView }): React.JSX.Element {
  const s = view.summary;
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
