/**
 * The baseline for "what the screen costs": a bare Ink 6.8 app that draws the same merged
 * ladder the store holds as a plain coloured price ladder (one Text per row with nested styled
 * spans: price, size, bar, venue tags), at the same terminal size, re-rendered on every store
 * write — what any Ink program drawing this book would pay, with nothing of depthmux's screen.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { MergedLevel } from '../src/book/merge-depth.js';
import type { AppStore } from '../src/store/app-store.js';

const BAR = 30;

function Row({ level, max, color }: { level: MergedLevel; max: number; color: 'red' | 'green' }): React.JSX.Element {
  const bar = '█'.repeat(Math.max(1, Math.round((level.size / max) * BAR)));
  return (
    <Text>
      <Text color={color}>{level.price.toFixed(2).padStart(12)}</Text> {level.size.toFixed(4).padStart(10)} <Text color={color}>{bar.padEnd(BAR)}</Text>{' '}
      <Text dimColor>{level.venues.map(([venue]) => venue.slice(0, 2).toUpperCase()).join(' ')}</Text>
    </Text>
  );
}

export function BareLadder({ store }: { store: AppStore }): React.JSX.Element {
  const ladder = useStore(store, (state) => state.ladder);
  const asks = ladder?.asks ?? [];
  const bids = ladder?.bids ?? [];
  const max = Math.max(1e-9, ...asks.map((l) => l.size), ...bids.map((l) => l.size));
  return (
    <Box flexDirection="column">
      {[...asks].reverse().map((level) => <Row key={`a${level.price}`} level={level} max={max} color="red" />)}
      {bids.map((level) => <Row key={`b${level.price}`} level={level} max={max} color="green" />)}
    </Box>
  );
}
