/**
 * One row per feed, as many columns as the pane's width allows (venue-columns.ts), and under the
 * table the selected venue's details and last error. When the rows do not fit the height the
 * pane is given, it drops the details first, then the error lines under rows, then scrolls the
 * rows so the selected one always shows.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { VenueRow } from '../../store/app-store.js';
import { fitWords, formatAge, formatLatency, padLeft, padRight } from '../format.js';
import { keyFor } from '../keymap.js';
import { windowStart } from '../layout.js';
import { useRuntime } from '../runtime-context.js';
import { paint } from '../paint.js';
import { theme } from '../theme.js';
import { hasRecentError, venueTable, type TableContext, type VenueColumn } from './venue-columns.js';

export interface VenuesPaneProps {
  readonly width: number;
  /** Rows the pane may use, borders included. */
  readonly height: number;
}

/** Border and the title line (which carries the column names). */
const CHROME_ROWS = 3;
const DETAIL_ROWS = 2;

/** The rows the pane would like: every venue, its recent errors and the details. */
export function venuesPaneWants(venues: readonly VenueRow[]): number {
  return CHROME_ROWS + venues.length + venues.filter(hasRecentError).length + DETAIL_ROWS;
}

export function VenuesPane({ width, height }: VenuesPaneProps): React.JSX.Element {
  const runtime = useRuntime();
  const { venues, selected, focused, tags, omitted } = useStore(
    runtime.store,
    useShallow((state) => ({ venues: state.venues, selected: Math.min(state.ui.selectedVenue, Math.max(0, state.venues.length - 1)), focused: state.ui.focus === 'venues', tags: state.venueTags, omitted: state.omitted })),
  );
  const { columns, context } = venueTable(venues, width - 2, tags, omitted);
  const room = height - CHROME_ROWS;
  const errors = venues.filter(hasRecentError).length;
  const showDetail = room >= venues.length + DETAIL_ROWS;
  const showErrors = room - (showDetail ? DETAIL_ROWS : 0) >= venues.length + errors;
  const capacity = Math.max(1, room - (showDetail ? DETAIL_ROWS : 0));
  const { start, count } = scrollWindow(venues.length, capacity, selected);
  const visible = venues.slice(start, start + count);
  const above = start;
  const below = venues.length - start - count;
  const chosen = venues[selected];
  // Per frame: loops, no callbacks made anew (see FrameClock.ladder).
  let titles = '';
  for (const column of columns.slice(2)) titles += ` ${align(column.title, column)}`;
  const lines: React.JSX.Element[] = [];
  for (const row of visible) {
    lines.push(<VenueLine key={row.id} row={row} columns={columns} context={context} selected={focused && row === chosen} />);
    if (showErrors && hasRecentError(row)) {
      lines.push(
        <Text key={`${row.id}-error`} color={row.state === 'live' ? theme.warn : theme.error}>
          {fitWords(`    ⚠ ${formatAge(row.errorAgeS)} ago: ${row.lastError}`, width - 2, ` … ${keyFor('open-log')}`)}
        </Text>,
      );
    }
  }
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={focused ? theme.accent : theme.border} width={width} height={height}>
      <Text wrap="truncate-end">
        <Text bold>{padRight(' Venues', 2 + 1 + columns[0]!.width + 1 + columns[1]!.width)}</Text>
        <Text color={theme.dim}>{titles}</Text>
      </Text>
      {above > 0 ? <Text color={theme.accent}>{`   ▲ ${above} more`}</Text> : null}
      {lines}
      {below > 0 ? <Text color={theme.accent}>{`   ▼ ${below} more`}</Text> : null}
      {showDetail && chosen ? <VenueDetail row={chosen} merged={!omitted.includes(chosen.id)} showError={!showErrors || !hasRecentError(chosen)} width={width} /> : null}
      {venues.length === 0 ? <Text color={theme.dim}> no venues yet</Text> : null}
    </Box>
  );
}

/** Rows to show in `capacity` lines, a line kept for each "more" marker that is needed. */
function scrollWindow(total: number, capacity: number, selected: number): { start: number; count: number } {
  if (total <= capacity) return { start: 0, count: total };
  const inner = Math.max(1, capacity - 2);
  const start = windowStart(total, inner, selected);
  // A marker not needed gives its line back to the rows.
  if (start === 0) return { start: 0, count: Math.max(1, capacity - 1) };
  if (start + inner >= total) return { start: total - Math.max(1, capacity - 1), count: Math.max(1, capacity - 1) };
  return { start, count: inner };
}

function align(text: string, column: VenueColumn): string {
  return column.align === 'right' ? padLeft(text, column.width) : padRight(text, column.width);
}

/** A venue's row as one Text, its cells' colours in the text: one Ink node instead of one per cell. */
interface VenueLineProps {
  readonly row: VenueRow;
  readonly columns: readonly VenueColumn[];
  readonly context: TableContext;
  readonly selected: boolean;
}

const VenueLine = React.memo(function VenueLine({ row, columns, context, selected }: VenueLineProps): React.JSX.Element {
  let text = selected ? ' ▸' : '  ';
  for (const column of columns) {
    const cell = column.cell(row, context);
    const aligned = ` ${align(cell.text, column)}`;
    text += cell.color !== undefined ? paint(aligned, cell.color) : aligned;
  }
  return (
    <Text inverse={selected} wrap="truncate-end">
      {text}
    </Text>
  );
});

interface VenueDetailProps {
  readonly row: VenueRow;
  /** False when the user left the venue out of the merged book. */
  readonly merged: boolean;
  readonly showError: boolean;
  readonly width: number;
}

function VenueDetail({ row, merged, showError, width }: VenueDetailProps): React.JSX.Element {
  const up = row.upForS !== undefined ? `connected ${formatAge(row.upForS)}` : 'not connected';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {' '}
        <Text bold>{row.name}</Text>
        {/* First after the name: a narrow pane cuts the end of this line. */}
        {merged ? null : <Text color={theme.warn}>{` not merged (${keyFor('toggle-merge')}: back in) ·`}</Text>}
        <Text color={theme.dim}>
          {' '}
          {row.market} {row.quote} · {up}
          {row.retryInS !== undefined ? ` · next try in ${row.retryInS}s` : ''}
          {row.failedAttempts > 0 ? ` · ${row.failedAttempts} failed attempt${row.failedAttempts === 1 ? '' : 's'}` : ''}
          {row.latencyMs !== undefined && row.latencyMs < 0 ? ` · venue clock ${formatLatency(-row.latencyMs)} ahead` : ''}
        </Text>
      </Text>
      {showError && row.lastError !== undefined ? (
        <Text color={row.state === 'live' ? theme.dim : theme.error}>{fitWords(` last error: ${row.lastError}`, width - 2, ` … ${keyFor('open-log')}: in full`)}</Text>
      ) : (
        <Text color={theme.dim} wrap="truncate-end">
          {' '}
          {row.lastError === undefined ? 'no errors · ' : ''}
          {keyFor('open-log')}: event log
        </Text>
      )}
    </Box>
  );
}
