/**
 * The merged ladder: asks above (best at the bottom), the spread line, bids below (best on top).
 * Each row is one Text with nested spans: Ink's cost grows with the nodes and characters it lays
 * out every frame, so rows stay flat.
 */
import React from 'react';
import { Box, Text, useStdout } from 'ink';
import { useStore } from 'zustand';
import type { MergedLevel } from '../../book/merge-depth.js';
import { tickDecimals } from '../../book/tick.js';
import type { LadderView } from '../../store/app-store.js';
import { bar, formatPrice, formatSize, padLeft, padRight } from '../format.js';
import { useRuntime } from '../runtime-context.js';
import { theme, venueTag } from '../theme.js';

const PRICE_WIDTH = 10;
const SIZE_WIDTH = 8;
const BAR_WIDTH = 8;
/** Border, a margin, the columns and the venue tags ("HL+BN"). */
const PANE_WIDTH = 2 + 1 + PRICE_WIDTH + 1 + SIZE_WIDTH + 1 + SIZE_WIDTH + 1 + BAR_WIDTH + 1 + 5;
/** Rows around the levels: header and status lines, the pane's border, title, column names, spread. */
const CHROME_ROWS = 7;

/** Levels per side that fit the terminal: a screen taller than the terminal scrolls its top away. */
export function fittingDepth(depth: number, terminalRows: number | undefined): number {
  if (!terminalRows) return depth;
  return Math.max(3, Math.min(depth, Math.floor((terminalRows - CHROME_ROWS) / 2)));
}

export function DepthPane(): React.JSX.Element {
  const runtime = useRuntime();
  const ladder = useStore(runtime.store, (state) => state.ladder);
  const symbol = useStore(runtime.store, (state) => state.symbol);
  const { stdout } = useStdout();
  const depth = fittingDepth(useStore(runtime.store, (state) => state.depth), stdout.rows);
  const tags = useStore(runtime.store, (state) => state.venueTags);
  const current = ladder?.symbol === symbol && ladder.included.length > 0 ? ladder : undefined;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={PANE_WIDTH} flexShrink={0}>
      <Text bold>
        {' '}Depth {symbol}
        <Text color={theme.dim}>{current ? ` · tick ${formatPrice(current.tick, tickDecimals(current.tick))} · ${current.included.length} venue${current.included.length === 1 ? '' : 's'}` : ''}</Text>
      </Text>
      <Text color={theme.dim}>
        {' '}{padLeft('price', PRICE_WIDTH)} {padLeft('size', SIZE_WIDTH)} {padLeft('total', SIZE_WIDTH)} {padRight('', BAR_WIDTH)} {'where'}
      </Text>
      {current && (current.bids.length > 0 || current.asks.length > 0) ? <Ladder ladder={current} depth={depth} tags={tags} /> : <Waiting depth={depth} />}
    </Box>
  );
}

function Ladder({ ladder, depth, tags }: { readonly ladder: LadderView; readonly depth: number; readonly tags: Readonly<Record<string, string>> }): React.JSX.Element {
  const decimals = tickDecimals(ladder.tick);
  const maxSize = Math.max(1e-12, ...ladder.asks.map((l) => l.size), ...ladder.bids.map((l) => l.size));
  const asks = withTotals(ladder.asks).slice(0, depth).reverse();
  const bids = withTotals(ladder.bids).slice(0, depth);
  const padding = depth - asks.length;
  return (
    <>
      {Array.from({ length: padding }, (_, i) => (
        <Text key={`pad-${i}`}> </Text>
      ))}
      {asks.map(([level, total]) => (
        <LevelRow key={`a${level.price}`} level={level} total={total} side="ask" decimals={decimals} maxSize={maxSize} tags={tags} />
      ))}
      <SpreadLine ladder={ladder} />
      {bids.map(([level, total]) => (
        <LevelRow key={`b${level.price}`} level={level} total={total} side="bid" decimals={decimals} maxSize={maxSize} tags={tags} />
      ))}
    </>
  );
}

function withTotals(levels: readonly MergedLevel[]): Array<[MergedLevel, number]> {
  let total = 0;
  return levels.map((level) => [level, (total += level.size)]);
}

interface LevelRowProps {
  readonly level: MergedLevel;
  readonly total: number;
  readonly side: 'bid' | 'ask';
  readonly decimals: number;
  readonly maxSize: number;
  readonly tags: Readonly<Record<string, string>>;
}

const LevelRow = React.memo(function LevelRow({ level, total, side, decimals, maxSize, tags: venueTags }: LevelRowProps): React.JSX.Element {
  const color = side === 'bid' ? theme.bid : theme.ask;
  const tags = level.venues.slice(0, 2).map(([venue]) => venueTag(venue, venueTags)).join(level.venues.length > 1 ? '+' : '');
  return (
    <Text>
      {' '}
      <Text color={color}>{padLeft(formatPrice(level.price, decimals), PRICE_WIDTH)}</Text> {padLeft(formatSize(level.size), SIZE_WIDTH)}{' '}
      <Text color={theme.dim}>{padLeft(formatSize(total), SIZE_WIDTH)}</Text> <Text color={color}>{padRight(bar(level.size / maxSize, BAR_WIDTH), BAR_WIDTH)}</Text>{' '}
      <Text color={theme.dim}>{tags}</Text>
    </Text>
  );
});

function SpreadLine({ ladder }: { readonly ladder: LadderView }): React.JSX.Element {
  const { bestBid, bestAsk } = ladder;
  if (bestBid === undefined || bestAsk === undefined) {
    return <Text color={theme.dim}> ── one side empty ──</Text>;
  }
  const decimals = Math.max(tickDecimals(ladder.tick), 2);
  const spread = bestAsk - bestBid;
  const mid = (bestAsk + bestBid) / 2;
  const bps = (spread / mid) * 10_000;
  // Across venues the best bid can meet or pass the best ask: say so rather than print a spread.
  const crossed = spread <= 0;
  const label = spread < 0 ? 'crossed' : spread === 0 ? 'locked' : 'spread';
  return (
    <Text color={crossed ? theme.warn : theme.accent} wrap="truncate-end">
      {' '}── {label} {formatPrice(Math.abs(spread), decimals)} ({Math.abs(bps).toFixed(Math.abs(bps) < 1 ? 2 : 1)} bp) · mid {formatPrice(mid, decimals)} ──
    </Text>
  );
}

function Waiting({ depth }: { readonly depth: number }): React.JSX.Element {
  return (
    <Box height={depth * 2 + 1} alignItems="center" justifyContent="center">
      <Text color={theme.dim}>waiting for a book in sync…</Text>
    </Box>
  );
}
