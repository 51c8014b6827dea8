/**
 * Every key, by mode, straight from the keymap table (the help can never drift from the keys),
 * then how to read the screen. Scrolls when the terminal is short.
 */
import React from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import type { UiMode } from '../../store/app-store.js';
import { KEYMAP, keyFor, keysLabel } from '../keymap.js';
import { useRuntime } from '../runtime-context.js';
import { STATE_GLYPH, theme } from '../theme.js';
import { wrapWords } from '../format.js';
import { ScrollBox } from './scroll-box.js';

const SECTIONS: ReadonlyArray<{ readonly mode: UiMode; readonly title: string }> = [
  { mode: 'normal', title: 'Keys' },
  { mode: 'help', title: 'In this help and the event log' },
  { mode: 'prompt', title: `Typing a symbol (after ${keyFor('open-prompt')})` },
  { mode: 'confirm-close', title: `Confirming a close (after ${keyFor('close-position')})` },
];

const LEGEND: readonly string[] = [
  `venue states: ${STATE_GLYPH.live} live  ${STATE_GLYPH.syncing} syncing  ${STATE_GLYPH.connecting} connecting  ${STATE_GLYPH.stale} stale  ${STATE_GLYPH.reconnecting} reconnecting  ${STATE_GLYPH.down} down  ${STATE_GLYPH['not-listed']} not listed`,
  'where: the venues with size at that price, in the venue list order (always the same order)',
  'rc / rs: reconnects that opened / resyncs (a sequence gap or checksum mismatch rebuilt the book)',
  'age: since the venue last sent anything · lat: exchange time to receipt; negative: venue clock ahead',
  'in: the quote currency, shown where a venue quotes another one than most (USD vs USDT)',
  'within 10/50/100bp: size that close to mid, bids/asks; fill: average price and cost vs mid',
  'CROSSED: one venue bids above another asks; usually a moment of lag, gone next frame',
];

/** The help's lines at `width` columns inside the box; the runtime bounds scrolling by their count. */
export function helpLines(width = 76): React.JSX.Element[] {
  const lines: React.JSX.Element[] = [];
  for (const { mode, title } of SECTIONS) {
    if (lines.length > 0) lines.push(<Text key={`gap-${mode}`}> </Text>);
    lines.push(
      <Text key={`t-${mode}`} bold>
        {title}
      </Text>,
    );
    for (const binding of KEYMAP.filter((candidate) => candidate.modes.includes(mode))) {
      if (mode !== 'normal' && binding.id === 'quit') continue;
      lines.push(
        <Text key={`${mode}-${binding.id}-${binding.keys[0]}`} wrap="truncate-end">
          <Text color={theme.accent}>{keysLabel(binding.keys).padEnd(16)}</Text> {binding.description}
        </Text>,
      );
    }
  }
  lines.push(<Text key="gap-legend"> </Text>);
  lines.push(
    <Text key="t-legend" bold>
      Reading the screen
    </Text>,
  );
  for (const text of LEGEND) {
    wrapWords(text, width).forEach((part, index) =>
      lines.push(
        <Text key={`${text}-${index}`}>
          {index > 0 ? '  ' : ''}
          {part}
        </Text>,
      ),
    );
  }
  return lines;
}

export function HelpOverlay({ height, width }: { readonly height: number; readonly width: number }): React.JSX.Element {
  const runtime = useRuntime();
  const offset = useStore(runtime.store, (state) => state.ui.scroll);
  // Border and padding take four columns, a continuation indent two more.
  return <ScrollBox title="depthmux keys" mode="help" lines={helpLines(width - 6)} offset={offset} height={height} borderColor={theme.accent} />;
}
