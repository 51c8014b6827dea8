/**
 * The bottom line: what just happened, first, so it is never cut off; then the keys that matter
 * in this mode (from the keymap), truncated if the terminal is narrow.
 */
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
  const prompt = useStore(runtime.store, (state) => state.ui.prompt);
  const hints = KEYMAP.filter((binding) => binding.hint !== undefined && binding.modes.includes(mode));
  return (
    <Text wrap="truncate-end">
      {message !== undefined ? <Text color={theme.warn}> {message} │</Text> : null}
      {mode === 'prompt' ? (
        <Text>
          {' '}symbol: <Text bold inverse>{`${prompt ?? ''} `}</Text>
        </Text>
      ) : null}
      {hints.map((binding) => (
        <Text key={binding.id}>
          {' '}
          <Text color={theme.accent} bold>
            {keyLabel(binding.keys[0]!)}
          </Text>{' '}
          {binding.hint}
        </Text>
      ))}
      {mode === 'normal' ? <Text color={theme.dim}> {' '}↑↓ select</Text> : null}
    </Text>
  );
}
