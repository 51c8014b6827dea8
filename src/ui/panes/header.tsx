/**
 * The top line: the symbol on screen, the watchlist with its jump keys, how many venues are
 * live, and while a switch is under way, how far the new symbol has got.
 */
import React from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import type { SwitchingView } from '../../store/app-store.js';
import { useRuntime } from '../runtime-context.js';
import { theme } from '../theme.js';

export function Header({ demo }: { readonly demo: boolean }): React.JSX.Element {
  const runtime = useRuntime();
  const symbol = useStore(runtime.store, (state) => state.symbol);
  const watchlist = useStore(runtime.store, (state) => state.watchlist);
  const switching = useStore(runtime.store, (state) => state.switching);
  const live = useStore(runtime.store, (state) => state.venues.filter((venue) => venue.state === 'live').length);
  const total = useStore(runtime.store, (state) => state.venues.length);
  return (
    <Text wrap="truncate-end">
      <Text bold color={theme.accent}> depthmux </Text>
      <Text bold>{symbol}</Text>
      <Text color={theme.dim}> │ </Text>
      {watchlist.slice(0, 9).map((item, index) => (
        <Text key={item} color={item === symbol ? theme.accent : theme.dim} bold={item === symbol}>
          {index + 1}:{item}{' '}
        </Text>
      ))}
      <Text color={theme.dim}>│ </Text>
      <Text color={live === total && total > 0 ? theme.bid : theme.warn}>
        {live}/{total} live
      </Text>
      {switching ? <SwitchingNote switching={switching} /> : null}
      {demo ? <Text color={theme.warn}> │ DEMO</Text> : null}
    </Text>
  );
}

function SwitchingNote({ switching }: { readonly switching: SwitchingView }): React.JSX.Element {
  const ready = switching.live + switching.failed;
  return (
    <Text color={theme.warn}>
      {' '}│ switching to {switching.target} — {ready}/{switching.total} venues ready{switching.overdue && switching.live === 0 ? ', none live yet' : ''}
    </Text>
  );
}
