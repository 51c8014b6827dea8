/** The top line: what is on screen (symbol, venues, mode) at a glance. */
import React from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import { useRuntime } from '../runtime-context.js';
import { theme } from '../theme.js';

export function Header({ demo }: { readonly demo: boolean }): React.JSX.Element {
  const runtime = useRuntime();
  const symbol = useStore(runtime.store, (state) => state.symbol);
  const live = useStore(runtime.store, (state) => state.venues.filter((venue) => venue.state === 'live').length);
  const total = useStore(runtime.store, (state) => state.venues.length);
  return (
    <Text>
      <Text bold color={theme.accent}> depthmux </Text>
      <Text bold>{symbol}</Text>
      <Text color={theme.dim}>  ·  </Text>
      <Text color={live === total && total > 0 ? theme.bid : theme.warn}>
        {live}/{total} venues live
      </Text>
      {demo ? <Text color={theme.warn}>  ·  DEMO (simulated venues)</Text> : null}
    </Text>
  );
}
