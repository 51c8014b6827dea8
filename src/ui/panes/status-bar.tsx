/**
 * The bottom line: what just happened, first, so it is never cut off; then the keys that matter
 * in this mode and focus, straight from the keymap, truncated if the terminal is narrow.
 */
import React from 'react';
import { Text, useStdout } from 'ink';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { hintsFor } from '../keymap.js';
import { useRuntime } from '../runtime-context.js';
import { theme } from '../theme.js';

export function StatusBar(): React.JSX.Element {
  const runtime = useRuntime();
  const { mode, message, prompt, focus } = useStore(
    runtime.store,
    useShallow((state) => ({ mode: state.ui.mode, message: state.ui.message, prompt: state.ui.prompt, focus: state.ui.focus })),
  );
  const hasPositions = useStore(runtime.store, (state) => (state.positions?.positions.length ?? 0) > 0);
  const { stdout } = useStdout();
  // Whole hints only: one cut in half reads as a different key.
  let room = (stdout.columns || 80) - 1 - (message !== undefined ? message.length + 3 : 0) - (mode === 'prompt' ? (prompt ?? '').length + 11 : 0);
  const hints = hintsFor(mode, { focus, hasPositions }).filter((hint) => (room -= hint.keys.length + hint.text.length + 2) >= 0);
  return (
    <Text wrap="truncate-end">
      {message !== undefined ? <Text color={theme.warn}> {message} │</Text> : null}
      {mode === 'prompt' ? (
        <Text>
          {' '}symbol: <Text bold inverse>{`${prompt ?? ''} `}</Text>
        </Text>
      ) : null}
      {hints.map((hint) => (
        <Text key={hint.text}>
          {' '}
          <Text color={theme.accent} bold>
            {hint.keys}
          </Text>{' '}
          {hint.text}
        </Text>
      ))}
    </Text>
  );
}
