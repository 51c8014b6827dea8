/**
 * A bordered box that shows `height` rows of a longer list from `offset`, with a line saying what
 * is above and below and which keys scroll (from the keymap). The help and the event log use it.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { hintsFor } from '../keymap.js';
import { theme } from '../theme.js';
import type { UiMode } from '../../store/app-store.js';

export interface ScrollBoxProps {
  readonly title: string;
  readonly mode: UiMode;
  readonly lines: readonly React.JSX.Element[];
  readonly offset: number;
  /** Rows, borders included. */
  readonly height: number;
  readonly borderColor: string;
}

/** Rows of a scroll box that are not content: border, title, the position line. */
export const SCROLL_CHROME_ROWS = 4;

export function ScrollBox({ title, mode, lines, offset, height, borderColor }: ScrollBoxProps): React.JSX.Element {
  const capacity = Math.max(1, height - SCROLL_CHROME_ROWS);
  const start = Math.max(0, Math.min(offset, lines.length - capacity));
  const shown = lines.slice(start, start + capacity);
  const below = lines.length - start - shown.length;
  const keys = hintsFor(mode, { focus: 'venues', hasPositions: false }).filter((hint) => hint.text !== 'quit');
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={borderColor} paddingX={1} height={height} flexShrink={0}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      {shown}
      {Array.from({ length: capacity - shown.length }, (_, i) => (
        <Text key={`pad-${i}`}> </Text>
      ))}
      <Text color={theme.dim} wrap="truncate-end">
        {start > 0 ? `▲ ${start} above` : 'top'} · {below > 0 ? `▼ ${below} below` : 'end'} ·{' '}
        {keys.map((hint) => `${hint.keys} ${hint.text}`).join(' · ')}
      </Text>
    </Box>
  );
}
