/** The bottom line: the keys that matter now (from the keymap), and what just happened. */
import React from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import { KEYMAP, keyLabel } from '../keymap.js';
import { useRuntime } from '../runtime-context.js';
import { theme } from '../theme.js';

export function StatusBar(): React.JSX.Element {
  const runtime = useRuntime();
  const mode = useStore(runtime.store, (state) => state.ui.mode);
  const message = useStore(runtime.store, (state) => state.ui.message);
  const hints = KEYMAP.filter((binding) => binding.hint !== undefined && binding.modes.includes(mode));
  return (
    <Text wrap="truncate-end">
      {hints.map((binding) => (
        <Text key={binding.id}>
          {' '}
          <Text color={theme.accent} bold>
            {keyLabel(binding.keys[0]!)}
          </Text>{' '}
          {binding.hint}
        </Text>
      ))}
      <Text color={theme.dim}> {' '}↑↓ venue</Text>
      {message !== undefined ? <Text color={theme.warn}>  │ {message}</Text> : null}
    </Text>
  );
}
