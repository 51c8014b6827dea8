/**
 * The question before any money moves: which position, how much, at about what price, and the worst
 * price the close accepts. Pure: the runtime fills it from PositionCloser.preview() and the keymap
 * sends y / n / Esc; the key line is the keymap's.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { ClosePreview } from '../../hyperliquid/positions-view.js';
import { hintsFor } from '../keymap.js';
import { theme } from '../theme.js';

export type ConfirmCloseProps = Pick<ClosePreview, 'coin' | 'side' | 'size' | 'estimatedPrice' | 'slippageBound'> & Partial<Pick<ClosePreview, 'slippage'>> & { readonly width?: number };

export function ConfirmClose({ coin, side, size, estimatedPrice, slippageBound, slippage, width }: ConfirmCloseProps): React.JSX.Element {
  const action = side === 'long' ? 'sell' : 'buy';
  const worst = side === 'long' ? 'at least' : 'at most';
  const keys = hintsFor('confirm-close', { focus: 'positions', hasPositions: true }, { allKeys: true });
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.warn} paddingX={1} {...(width !== undefined ? { width } : {})}>
      <Text bold>
        Close {coin} <Text color={side === 'long' ? theme.bid : theme.ask}>{side}</Text> {size}?
      </Text>
      <Text>
        {action} {size} {coin} near {approximate(estimatedPrice)}, {worst} {slippageBound}
        {slippage !== undefined ? <Text color={theme.dim}> ({(slippage * 100).toFixed(2).replace(/\.?0+$/, '')}% slippage)</Text> : null}
      </Text>
      <Text color={theme.dim}>reduce-only, immediate-or-cancel: whatever does not fill now is not left on the book</Text>
      <Text>
        {keys.map((hint, index) => (
          <Text key={hint.text}>
            {index > 0 ? ', ' : ''}
            <Text bold color={index === 0 ? theme.warn : undefined}>
              {hint.keys}
            </Text>{' '}
            to {hint.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}

/** The mid at 5 significant figures, like a Hyperliquid price (67250.5 -> 67251, 0.154213 -> 0.15421). */
function approximate(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(5))) : '—';
}
