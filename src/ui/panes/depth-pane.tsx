/**
 * The merged ladder: asks above (best at the bottom), the spread line, bids below (best on top).
 * Its columns follow the layout's size class; its levels fill the rows it is given unless the
 * user fixed `--depth`. A crossed merged book (one venue's bid above another's ask) is shown as
 * such, naming the venues, never as a spread.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { MergedLevel } from '../../book/merge-depth.js';
import { tickDecimals } from '../../book/tick.js';
import type { LadderView } from '../../store/app-store.js';
import { formatPrice, padLeft, padRight } from '../format.js';
import { keyFor } from '../keymap.js';
import { LADDER_CHROME_ROWS, type SizeClass } from '../layout.js';
import { useRuntime } from '../runtime-context.js';
import { theme, venueColor, venueTag } from '../theme.js';
import { LadderRow, ladderColumns, ladderWidth, type LadderColumns } from './ladder-row.js';
import { waitingReason } from './waiting-reason.js';

export interface DepthPaneProps {
  readonly size: SizeClass;
  /** Rows the pane may use, borders included. */
  readonly height: number;
}

export function DepthPane({ size, height }: DepthPaneProps): React.JSX.Element {
  const runtime = useRuntime();
  const { ladder, symbol, depth, tags, venues, omitted } = useStore(
    runtime.store,
    useShallow((state) => ({ ladder: state.ladder, symbol: state.symbol, depth: state.depth, tags: state.venueTags, venues: state.venues, omitted: state.omitted })),
  );
  const order = venues.map((row) => row.id);
  const columns = ladderColumns(size);
  const width = ladderWidth(columns, order.length);
  const levels = Math.max(1, Math.min(depth, Math.floor((height - LADDER_CHROME_ROWS) / 2)));
  const current = ladder?.symbol === symbol && ladder.included.length > 0 && (ladder.bids.length > 0 || ladder.asks.length > 0) ? ladder : undefined;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={height} flexShrink={0}>
      <Text bold wrap="truncate-end">
        {' '}Depth {symbol}
        <Text color={theme.dim}>{current ? ` · tick ${formatPrice(current.tick, tickDecimals(current.tick))} · ${venueCount(current.included.length, order.length, omitted.length, size)}` : ''}</Text>
      </Text>
      <ColumnNames columns={columns} order={order} tags={tags} />
      {current ? (
        <Ladder ladder={current} levels={levels} columns={columns} order={order} tags={tags} innerWidth={width - 2} />
      ) : (
        <Waiting height={height - 4} {...waitingReason(symbol, venues, omitted, { find: keyFor('open-prompt'), log: keyFor('open-log'), merge: keyFor('toggle-merge') })} />
      )}
    </Box>
  );
}

/** "9/11 venues", and how many the user left out ("9/11 · 1 out" unless the ladder is wide). */
function venueCount(included: number, total: number, omitted: number, size: SizeClass): string {
  if (omitted === 0) return `${included}/${total} venues`;
  return size === 'wide' ? `${included}/${total} venues · ${omitted} left out` : `${included}/${total} · ${omitted} out`;
}

function ColumnNames({ columns, order, tags }: { readonly columns: LadderColumns; readonly order: readonly string[]; readonly tags: Readonly<Record<string, string>> }): React.JSX.Element {
  return (
    <Text color={theme.dim} wrap="truncate-end">
      {' '}
      {padLeft('price', columns.price)} {padLeft('size', columns.size)} {padLeft('total', columns.total)} {padRight('', columns.bar)}
      {columns.perVenue > 0
        ? order.map((venue) => (
            <Text key={venue} color={venueColor(venue)} bold>
              {padLeft(venueTag(venue, tags), columns.perVenue)}
            </Text>
          ))
        : ` ${padRight('where', columns.where)}`}
    </Text>
  );
}

interface LadderProps {
  readonly ladder: LadderView;
  readonly levels: number;
  readonly columns: LadderColumns;
  readonly order: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  /** Characters inside the pane's borders. */
  readonly innerWidth: number;
}

/** Asks above the spread, best at the bottom; bids below, best on top. Per frame: loops, no callbacks made anew (see FrameClock.ladder). */
function Ladder({ ladder, levels, columns, order, tags, innerWidth }: LadderProps): React.JSX.Element {
  const decimals = tickDecimals(ladder.tick);
  const asks = withTotals(ladder.asks, levels);
  const bids = withTotals(ladder.bids, levels);
  let maxSize = 1e-12;
  for (const [level] of asks) maxSize = Math.max(maxSize, level.size);
  for (const [level] of bids) maxSize = Math.max(maxSize, level.size);
  const row = { decimals, maxSize, columns, order, tags };
  const lines: React.JSX.Element[] = [];
  for (let i = 0; i < levels - asks.length; i++) lines.push(<Text key={`pad-${i}`}> </Text>);
  for (let i = asks.length - 1; i >= 0; i--) {
    const [level, total] = asks[i]!;
    lines.push(<LadderRow key={`a${level.price}`} level={level} total={total} side="ask" {...row} />);
  }
  lines.push(<SpreadLine key="spread" ladder={ladder} tags={tags} width={innerWidth} />);
  for (const [level, total] of bids) lines.push(<LadderRow key={`b${level.price}`} level={level} total={total} side="bid" {...row} />);
  return <>{lines}</>;
}

/** The first `count` levels, best first, each with the size from the best level down to it. */
function withTotals(levels: readonly MergedLevel[], count: number): Array<[MergedLevel, number]> {
  const out: Array<[MergedLevel, number]> = [];
  let total = 0;
  for (const level of levels.slice(0, count)) out.push([level, (total += level.size)]);
  return out;
}

/** The spread and mid, framed by rules as wide as `width` leaves room for, a space short of the border. */
function SpreadLine({ ladder, tags, width }: { readonly ladder: LadderView; readonly tags: Readonly<Record<string, string>>; readonly width: number }): React.JSX.Element {
  const { bestBid, bestAsk } = ladder;
  if (bestBid === undefined || bestAsk === undefined) {
    return <Text color={theme.dim}> ── one side empty ──</Text>;
  }
  const decimals = Math.max(tickDecimals(ladder.finestTick ?? ladder.tick), 2);
  const spread = bestAsk - bestBid;
  const mid = (bestAsk + bestBid) / 2;
  const bps = Math.abs((spread / mid) * 10_000);
  const amount = `${formatPrice(Math.abs(spread), decimals)} (${bps.toFixed(bps < 1 ? 2 : 1)} bp)`;
  if (spread > 0) {
    const line = `spread ${amount} · mid ${formatPrice(mid, decimals)}`;
    const wide = ` ── ${line} ──`;
    const narrow = ` ─ ${line} ─`;
    const framed = wide.length < width ? wide : narrow.length < width ? narrow : ` ${line}`;
    return (
      <Text color={theme.accent} wrap="truncate-end">
        {framed}
      </Text>
    );
  }
  // Across venues the best bid can meet or pass the best ask for a moment: say so, and whose.
  const bidVenue = topVenue(ladder.bids[0]);
  const askVenue = topVenue(ladder.asks[0]);
  const who = bidVenue !== undefined && askVenue !== undefined ? ` ${venueTag(bidVenue, tags)} bid>${venueTag(askVenue, tags)} ask` : '';
  return (
    <Text color={theme.warn} bold inverse wrap="truncate-end">
      {' '}
      {spread < 0 ? `CROSSED ${formatPrice(-spread, decimals)} (${bps.toFixed(2)}bp)` : 'LOCKED'}
      {who}{' '}
    </Text>
  );
}

/** The venue with the most size at a level. */
function topVenue(level: MergedLevel | undefined): string | undefined {
  if (!level || level.venues.length === 0) return undefined;
  return [...level.venues].sort((a, b) => b[1] - a[1])[0]![0];
}

function Waiting({ height, text, stuck, detail }: { readonly height: number; readonly text: string; readonly stuck: boolean; readonly detail?: string }): React.JSX.Element {
  return (
    <Box height={height} flexDirection="column" alignItems="center" justifyContent="center" paddingX={1}>
      <Text color={stuck ? theme.warn : theme.dim} wrap="wrap">
        {text}
      </Text>
      {detail !== undefined ? (
        <Text color={theme.dim} wrap="wrap">
          {detail}
        </Text>
      ) : null}
    </Box>
  );
}
