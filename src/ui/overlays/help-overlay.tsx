/** Every key, by mode, straight from the keymap table: the help can never drift from the keys. */
import React from 'react';
import { Box, Text } from 'ink';
import type { UiMode } from '../../store/app-store.js';
import { KEYMAP, keysLabel } from '../keymap.js';
import { theme } from '../theme.js';

const SECTIONS: ReadonlyArray<{ readonly mode: UiMode; readonly title: string }> = [
  { mode: 'normal', title: 'Keys' },
  { mode: 'prompt', title: 'Typing a symbol (after /)' },
  { mode: 'confirm-close', title: 'Confirming a close (after x)' },
];

export function HelpOverlay(): React.JSX.Element {
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.accent} paddingX={2}>
      {SECTIONS.map(({ mode, title }) => (
        <Box key={mode} flexDirection="column" marginTop={1}>
          <Text bold>{title}</Text>
          {KEYMAP.filter((binding) => binding.modes.includes(mode) && binding.id !== 'quit').map((binding) => (
            <Text key={binding.id}>
              <Text color={theme.accent}>{keysLabel(binding.keys).padEnd(14)}</Text> {binding.description}
            </Text>
          ))}
        </Box>
      ))}
      <Text color={theme.dim}>{'\n'}q or Ctrl-C quits · Esc or ? closes this help</Text>
    </Box>
  );
}
