/**
 * What a trader asks before hitting a venue, for the merged book: size within 10, 50 and 100 bp
 * of mid per side, then the average price and slippage of buying and selling the fill size.
 * Two lines, or one on a wide terminal.
 */
import React from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import { tickDecimals } from '../../book/tick.js';
import type { AppState, LadderView } from '../../store/app-store.js';
import type { LiquidityView, FillQuote } from '../../store/liquidity.js';
import { formatBps, formatPrice, formatSize } from '../format.js';
import { hintsFor } from '../keymap.js';
import { useRuntime } from '../runtime-context.js';
import { theme } from '../theme.js';

export function LiquidityLine({ lines }: { readonly lines: number }): React.JSX.Element {
  const runtime = useRuntime();
  const symbol = useStore(runtime.store, symbolOnScreen);
  const ladder = useStore(runtime.store, ladderOnScreen);
  const liquidity = ladder?.liquidity;
  if (!ladder || !liquidity) {
    return (
      <>
        <Text color={theme.dim}> liquidity: no book in sync yet</Text>
        {lines > 1 ? <Text> </Text> : null}
      </>
    );
  }
  const decimals = tickDecimals(ladder.finestTick ?? ladder.tick);
  const bands = <Bands liquidity={liquidity} symbol={symbol} />;
  const fill = <Fill liquidity={liquidity} symbol={symbol} decimals={decimals} />;
  if (lines === 1) {
    return (
      <Text wrap="truncate-end">
        {bands}
        <Text color={theme.dim}> │</Text>
        {fill}
      </Text>
    );
  }
  return (
    <>
      <Text wrap="truncate-end">{bands}</Text>
      <Text wrap="truncate-end">{fill}</Text>
    </>
  );
}

/** Selectors made once: the store changes every frame (see FrameClock.ladder). */
function symbolOnScreen(state: AppState): string {
  return state.symbol;
}

function ladderOnScreen(state: AppState): LadderView | undefined {
  return state.ladder?.symbol === state.symbol ? state.ladder : undefined;
}

/** The keys that change the fill size: the keymap does not change while the program runs. */
const SIZE_KEYS = hintsFor('normal', { focus: 'venues', hasPositions: false }).find((hint) => hint.text === 'size')?.keys;

function Bands({ liquidity, symbol }: { readonly liquidity: LiquidityView; readonly symbol: string }): React.JSX.Element {
  return (
    <Text>
      <Text color={theme.dim}> {symbol} within</Text>
      {liquidity.bands.map((band) => (
        <Text key={band.bps}>
          {' '}
          <Text color={theme.dim}>{band.bps}bp</Text> <Text color={theme.bid}>{formatSize(band.bidSize)}</Text>
          <Text color={theme.dim}>/</Text>
          <Text color={theme.ask}>{formatSize(band.askSize)}</Text>
        </Text>
      ))}
      <Text color={theme.dim}> (bid/ask)</Text>
    </Text>
  );
}

function Fill({ liquidity, symbol, decimals }: { readonly liquidity: LiquidityView; readonly symbol: string; readonly decimals: number }): React.JSX.Element {
  return (
    <Text>
      <Text color={theme.dim}> fill</Text> <Text bold>{String(liquidity.fillSize)} {symbol}</Text>
      <Quote label="buy" quote={liquidity.buy} size={liquidity.fillSize} decimals={decimals} color={theme.ask} />
      <Quote label="sell" quote={liquidity.sell} size={liquidity.fillSize} decimals={decimals} color={theme.bid} />
      {SIZE_KEYS !== undefined ? <Text color={theme.dim}> ({SIZE_KEYS} size)</Text> : null}
    </Text>
  );
}

function Quote({ label, quote, size, decimals, color }: { readonly label: string; readonly quote: FillQuote | undefined; readonly size: number; readonly decimals: number; readonly color: string }): React.JSX.Element {
  if (!quote) return <Text color={theme.dim}> {label} —</Text>;
  const short = quote.filled < size * (1 - 1e-9);
  return (
    <Text>
      {' '}
      <Text color={theme.dim}>{label}</Text> <Text color={color}>{formatPrice(quote.averagePrice, decimals)}</Text> <Text color={quote.slippageBps > 10 ? theme.warn : undefined}>{formatBps(quote.slippageBps)}</Text>
      {short ? <Text color={theme.warn}> only {formatSize(quote.filled)}</Text> : null}
    </Text>
  );
}
