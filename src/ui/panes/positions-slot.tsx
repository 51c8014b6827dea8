/** The positions pane as the store sees it, or the close confirmation while one is asked. */
import React from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmClose } from '../overlays/confirm-close.js';
import { useRuntime } from '../runtime-context.js';
import { PositionsPane } from './positions-pane.js';

export function PositionsSlot(): React.JSX.Element {
  const runtime = useRuntime();
  const { positions, symbol, closeHint } = useStore(
    runtime.store,
    useShallow((state) => ({ positions: state.positions, symbol: state.symbol, closeHint: state.closeHint })),
  );
  const { mode, focus, selected, confirm, status } = useStore(
    runtime.store,
    useShallow((state) => ({ mode: state.ui.mode, focus: state.ui.focus, selected: state.ui.selectedPosition, confirm: state.ui.confirm, status: state.ui.closeStatus })),
  );
  if (mode === 'confirm-close' && confirm) return <ConfirmClose {...confirm} />;
  return <PositionsPane view={positions} selected={selected} focused={focus === 'positions'} highlightCoin={symbol} status={status} hint={closeHint} />;
}
