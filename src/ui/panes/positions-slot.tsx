/** The positions pane as the store sees it, or the close confirmation while one is asked. */
import React from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmClose } from '../overlays/confirm-close.js';
import { useRuntime } from '../runtime-context.js';
import { PositionsPane } from './positions-pane.js';

export interface PositionsSlotProps {
  readonly demo: boolean;
  readonly compact: boolean;
  readonly width: number;
  readonly height: number;
}

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
  if (mode === 'confirm-close' && confirm) return <ConfirmClose {...confirm} width={width} height={height} />;
  return (
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
      height={height}
      {...(demo ? { networkLabel: 'demo' } : {})}
    />
  );
}

/** Rows the pane would like, so the venue list can give it what it needs and no more. */
export function positionsPaneWants(positionCount: number, compact: boolean, extraLines: number): number {
  return 3 + 1 + Math.max(1, positionCount) * (compact ? 1 : 2) + extraLines;
}
