/** Below the smallest layout: say what size is needed, rather than draw a screen cut in pieces. */
import React from 'react';
import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';
import { keyFor } from '../keymap.js';
import { theme } from '../theme.js';

export function TooSmall({ columns, rows }: { readonly columns: number; readonly rows: number }): React.JSX.Element {
  return (
    // One row short of the terminal: a frame as tall as the terminal makes Ink redraw everything.
    <Box flexDirection="column" width={columns} height={rows - 1} alignItems="center" justifyContent="center">
      <Text bold color={theme.warn} wrap="wrap">
        Make the terminal at least {MIN_COLUMNS}×{MIN_ROWS}
      </Text>
      <Text wrap="wrap">
        it is {columns}×{rows} now
      </Text>
      <Text color={theme.dim} wrap="wrap">
        {keyFor('quit')} quits
      </Text>
    </Box>
  );
}
