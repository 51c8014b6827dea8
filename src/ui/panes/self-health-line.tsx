/** depthmux's own health, when asked for: frames drawn per second, event-loop lag p99, memory. */
import React from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import { useRuntime } from '../runtime-context.js';
import { theme } from '../theme.js';

/** Lag above this makes the screen late: it shows in the warning colour. */
const LAG_WARN_MS = 50;

export function SelfHealthLine(): React.JSX.Element {
  const runtime = useRuntime();
  const health = useStore(runtime.store, (state) => state.selfHealth);
  if (!health) return <Text color={theme.dim}> self: measuring…</Text>;
  return (
    <Text color={theme.dim} wrap="truncate-end">
      {' '}self: <Text color="white">{health.framesPerSec.toFixed(1)}</Text> frames/s · event-loop lag p99{' '}
      <Text color={health.loopLagP99Ms > LAG_WARN_MS ? theme.warn : 'white'}>{health.loopLagP99Ms.toFixed(1)} ms</Text> · RSS <Text color="white">{Math.round(health.rssMb)} MB</Text>
    </Text>
  );
}
