/**
 * The positions pane as the store sees it. While a close is asked, the confirmation takes the top
 * of the slot and the positions keep the rows left below it, so the position being closed (still
 * selected) and its PnL stay in sight until the answer.
 */
import React from 'react';
import { Box } from 'ink';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmClose, confirmCloseRows } from '../overlays/confirm-close.js';
import { useRuntime } from '../runtime-context.js';
import { PositionsPane } from './positions-pane.js';

export interface PositionsSlotProps {
  readonly demo: boolean;
  readonly compact: boolean;
  readonly width: number;
  readonly height: number;
}

/** Borders, the title and one position: less than this is not worth drawing under a confirmation. */
const MIN_POSITIONS_ROWS = 4;

export function PositionsSlot({ demo, compact, width, height }: PositionsSlotProps): React.JSX.Element {
  const runtime = useRuntime();
  const { positions, symbol, closeHint, hasAccount } = useStore(
    runtime.store,
    useShallow((state) => ({ positions: state.positions, symbol: state.symbol, closeHint: state.closeHint, hasAccount: state.hasAccount })),
  );
  const { mode, focus, selected, confirm, status } = useStore(
    runtime.store,
    useShallow((state) => ({ mode: state.ui.mode, focus: state.ui.focus, selected: state.ui.selectedPosition, confirm: state.ui.confirm, status: state.ui.closeStatus })),
  );
  const confirmRows = mode === 'confirm-close' && confirm ? Math.min(height, confirmCloseRows(confirm, width)) : 0;
  const positionsRows = height - confirmRows;
  const confirmation = confirm && confirmRows > 0 ? <ConfirmClose {...confirm} width={width} height={confirmRows} /> : null;
  if (confirmation && positionsRows < MIN_POSITIONS_ROWS) return confirmation;
  const positionsPane = (
    <PositionsPane
      view={positions}
      selected={selected}
      focused={focus === 'positions'}
      highlightCoin={symbol}
      status={status}
      hint={closeHint}
      hasAccount={hasAccount}
      compact={compact}
      width={width}
      height={positionsRows}
      {...(demo ? { networkLabel: 'demo' } : {})}
    />
  );
  if (!confirmation) return positionsPane;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {confirmation}
      {positionsPane}
    </Box>
  );
}

/** Rows the pane would like, so the venue list can give it what it needs and no more. */
export function positionsPaneWants(positionCount: number, compact: boolean, extraLines: number): number {
  return 3 + 1 + Math.max(1, positionCount) * (compact ? 1 : 2) + extraLines;
}
