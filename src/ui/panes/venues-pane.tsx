/**
 * One row per feed: state, best bid/ask, message rate, age of the last message, latency,
 * reconnects and resyncs, and under the table the selected venue's details and last error.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { VenueRow } from '../../store/app-store.js';
import { formatAge, formatVenuePrice, padLeft, padRight } from '../format.js';
import { useRuntime } from '../runtime-context.js';
import { STATE_COLOR, theme } from '../theme.js';

/** Errors younger than this show under their venue's row, whichever venue is selected. */
const RECENT_ERROR_S = 60;

const COLUMNS = { name: 11, state: 12, price: 9, rate: 5, age: 4, latency: 5, count: 2 } as const;

export function VenuesPane(): React.JSX.Element {
  const runtime = useRuntime();
  const venues = useStore(runtime.store, (state) => state.venues);
  const selected = useStore(runtime.store, (state) => state.ui.selectedVenue);
  const focused = useStore(runtime.store, (state) => state.ui.focus === 'venues');
  const chosen = venues[Math.min(selected, venues.length - 1)];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={focused ? theme.accent : theme.border}>
      <Text bold> Venues</Text>
      <Text color={theme.dim} wrap="truncate-end">
        {'  '}
        {padRight('venue', COLUMNS.name)} {padRight('state', COLUMNS.state)} {padLeft('bid', COLUMNS.price)} {padLeft('ask', COLUMNS.price)}{' '}
        {padLeft('msg/s', COLUMNS.rate)} {padLeft('age', COLUMNS.age)} {padLeft('lat', COLUMNS.latency)} {padLeft('rc', COLUMNS.count)} {padLeft('rs', COLUMNS.count)}
      </Text>
      {venues.map((row, index) => (
        <React.Fragment key={row.id}>
          <VenueLine row={row} selected={focused && index === selected} />
          {hasRecentError(row) ? (
            <Text color={row.state === 'live' ? theme.warn : theme.error} wrap="truncate-end">
              {'    '}⚠ {formatAge(row.errorAgeS)} ago: {row.lastError}
            </Text>
          ) : null}
        </React.Fragment>
      ))}
      {chosen ? <VenueDetail row={chosen} /> : <Text color={theme.dim}> no venues</Text>}
    </Box>
  );
}

function hasRecentError(row: VenueRow): boolean {
  return row.lastError !== undefined && row.errorAgeS !== undefined && row.errorAgeS < RECENT_ERROR_S;
}

function stateText(row: VenueRow): string {
  if (row.notListed) return 'not listed';
  if ((row.state === 'down' || row.state === 'reconnecting') && row.retryInS !== undefined) {
    return row.state === 'down' ? `down, ${row.retryInS}s` : 'reconnecting';
  }
  return row.state;
}

const VenueLine = React.memo(function VenueLine({ row, selected }: { readonly row: VenueRow; readonly selected: boolean }): React.JSX.Element {
  const color = row.notListed ? theme.dim : STATE_COLOR[row.state];
  return (
    <Text inverse={selected} wrap="truncate-end">
      {selected ? '▸ ' : '  '}
      {padRight(row.name, COLUMNS.name)} <Text color={color}>{padRight(stateText(row), COLUMNS.state)}</Text>{' '}
      <Text color={theme.bid}>{padLeft(formatVenuePrice(row.bestBid), COLUMNS.price)}</Text>{' '}
      <Text color={theme.ask}>{padLeft(formatVenuePrice(row.bestAsk), COLUMNS.price)}</Text> {padLeft(String(row.msgsPerSec), COLUMNS.rate)}{' '}
      {padLeft(formatAge(row.ageS), COLUMNS.age)} {padLeft(row.latencyMs === undefined ? '—' : `${row.latencyMs}ms`, COLUMNS.latency)}{' '}
      <Text color={row.reconnects > 0 ? theme.warn : undefined}>{padLeft(String(row.reconnects), COLUMNS.count)}</Text>{' '}
      <Text color={row.resyncs > 0 ? theme.warn : undefined}>{padLeft(String(row.resyncs), COLUMNS.count)}</Text>
    </Text>
  );
});

function VenueDetail({ row }: { readonly row: VenueRow }): React.JSX.Element {
  const up = row.upForS !== undefined ? `connected ${formatAge(row.upForS)}` : 'not connected';
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        {' '}
        <Text bold>{row.name}</Text>
        <Text color={theme.dim}> {row.market} · {up}{row.retryInS !== undefined ? ` · next try in ${row.retryInS}s` : ''}</Text>
      </Text>
      {row.lastError !== undefined && !hasRecentError(row) ? (
        <Text color={row.state === 'live' ? theme.dim : theme.error} wrap="truncate-end">
          {' '}last error: {row.lastError}
        </Text>
      ) : null}
    </Box>
  );
}
