/**
 * The question before any money moves: which position, how much, at about what price, and the worst
 * price the close accepts. Pure: the runtime fills it from PositionCloser.preview() and the keymap
 * sends y / n / Esc; the key line is the keymap's.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { ClosePreview } from '../../hyperliquid/positions-view.js';
import { wrapWords } from '../format.js';
import { hintsFor } from '../keymap.js';
import { theme } from '../theme.js';

export type ConfirmCloseProps = Pick<ClosePreview, 'coin' | 'side' | 'size' | 'estimatedPrice' | 'slippageBound'> &
  Partial<Pick<ClosePreview, 'slippage'>> & {
    readonly width?: number;
    /** Rows the box may use at most, borders included: the note is the one line left out when short. */
    readonly height?: number;
  };

const NOTE = 'reduce-only, immediate-or-cancel: whatever does not fill now is not left on the book';
/** The double border's two rows, and its two columns plus one of padding on each side. */
const BORDER_ROWS = 2;
const FRAME_COLUMNS = 4;

export function ConfirmClose(props: ConfirmCloseProps): React.JSX.Element {
  const { coin, side, size, slippage, width, height } = props;
  const text = confirmText(props);
  const rows = confirmCloseRows(props, width);
  const withNote = height === undefined || height >= rows;
  const boxRows = withNote ? rows : rows - wrappedRows(NOTE, width);
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.warn} paddingX={1} {...(width !== undefined ? { width } : {})} {...(height !== undefined ? { height: Math.min(height, boxRows) } : {})}>
      <Text bold>
        Close {coin} <Text color={side === 'long' ? theme.bid : theme.ask}>{side}</Text> {size}?
      </Text>
      <Text>
        {text.order}
        {slippage !== undefined ? <Text color={theme.dim}>{text.slippage}</Text> : null}
      </Text>
      {withNote ? <Text color={theme.dim}>{NOTE}</Text> : null}
      <Text>
        {text.keys.map((hint, index) => (
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

/**
 * Rows the whole confirmation takes at `width` (borders included), its lines wrapped at spaces as
 * Ink wraps them: the screen gives it these rows, so no line of it is ever cut off.
 */
export function confirmCloseRows(props: ConfirmCloseProps, width: number | undefined): number {
  const text = confirmText(props);
  const lines = [`Close ${props.coin} ${props.side} ${props.size}?`, text.order + text.slippage, NOTE, text.keys.map((hint) => `${hint.keys} to ${hint.text}`).join(', ')];
  return BORDER_ROWS + lines.reduce((rows, line) => rows + wrappedRows(line, width), 0);
}

function wrappedRows(line: string, width: number | undefined): number {
  return width === undefined ? 1 : wrapWords(line, Math.max(1, width - FRAME_COLUMNS)).length;
}

interface ConfirmText {
  readonly order: string;
  readonly slippage: string;
  readonly keys: ReturnType<typeof hintsFor>;
}

function confirmText({ coin, side, size, estimatedPrice, slippageBound, slippage }: ConfirmCloseProps): ConfirmText {
  const action = side === 'long' ? 'sell' : 'buy';
  const worst = side === 'long' ? 'at least' : 'at most';
  return {
    order: `${action} ${size} ${coin} near ${approximate(estimatedPrice)}, ${worst} ${slippageBound}`,
    slippage: slippage !== undefined ? ` (${(slippage * 100).toFixed(2).replace(/\.?0+$/, '')}% slippage)` : '',
    keys: hintsFor('confirm-close', { focus: 'positions', hasPositions: true }, { allKeys: true }),
  };
}

/** The mid at 5 significant figures, like a Hyperliquid price (67250.5 -> 67251, 0.154213 -> 0.15421). */
function approximate(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(5))) : '—';
}
