/** Every key, by mode, straight from the keymap table: the help can never drift from the keys. */
import React from 'react';
import { Box, Text } from 'ink';
import { KEYMAP, keysLabel } from '../keymap.js';
import { theme } from '../theme.js';

export function HelpOverlay(): React.JSX.Element {
  const bindings = KEYMAP.filter((binding) => binding.modes.includes('normal'));
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.accent} paddingX={2} paddingY={1}>
      <Text bold>Keys</Text>
      {bindings.map((binding) => (
        <Text key={binding.id}>
          <Text color={theme.accent}>{keysLabel(binding.keys).padEnd(14)}</Text> {binding.description}
        </Text>
      ))}
      <Text color={theme.dim}>{'\n'}Esc or ? closes this help.</Text>
    </Box>
  );
}
