/**
 * The whole screen, laid out for the terminal's size (layout.ts): header, liquidity, the ladder
 * beside venue health and positions, status bar; overlays take the body and take input first.
 * Below the minimum size it asks for a larger terminal. Resizes redraw through useStdout.
 */
import React, { useEffect, useState } from 'react';
import { Box, useStdout } from 'ink';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { DepthPane } from './panes/depth-pane.js';
import { Header } from './panes/header.js';
import { LiquidityLine } from './panes/liquidity-line.js';
import { SelfHealthLine } from './panes/self-health-line.js';
import { StatusBar } from './panes/status-bar.js';
import { VenuesPane, venuesPaneWants } from './panes/venues-pane.js';
import { PositionsSlot, positionsPaneWants } from './panes/positions-slot.js';
import { ladderColumns, ladderWidth } from './panes/ladder-row.js';
import { confirmCloseRows } from './overlays/confirm-close.js';
import { HelpOverlay } from './overlays/help-overlay.js';
import { LogOverlay } from './overlays/log-overlay.js';
import { TooSmall } from './overlays/too-small.js';
import { screenLayout, type ScreenLayout } from './layout.js';
import { RuntimeContext, useRuntime, type Runtime } from './runtime-context.js';
import { useKeymap } from './use-keymap.js';

export interface AppProps {
  readonly runtime: Runtime;
  readonly demo?: boolean;
}

export function App({ runtime, demo = false }: AppProps): React.JSX.Element {
  return (
    <RuntimeContext.Provider value={runtime}>
      <Screen demo={demo} />
    </RuntimeContext.Provider>
  );
}

/** The terminal's size, following resizes. */
function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

function Screen({ demo }: { readonly demo: boolean }): React.JSX.Element {
  useKeymap();
  const runtime = useRuntime();
  const { mode, selfHealth } = useStore(runtime.store, useShallow((state) => ({ mode: state.ui.mode, selfHealth: state.ui.selfHealth })));
  const { columns, rows } = useTerminalSize();
  const layout = screenLayout(columns, rows, { selfHealth });
  if (!layout) return <TooSmall columns={columns} rows={rows} />;
  return (
    <Box flexDirection="column" width={columns}>
      <Header demo={demo} />
      {selfHealth ? <SelfHealthLine /> : null}
      <LiquidityLine lines={layout.liquidityLines} />
      {mode === 'help' ? (
        <HelpOverlay height={layout.bodyRows} width={columns} />
      ) : mode === 'log' ? (
        <LogOverlay height={layout.bodyRows} width={columns} />
      ) : (
        <Body layout={layout} demo={demo} />
      )}
      <StatusBar />
    </Box>
  );
}

/** The ladder on the left; the venue list and positions share the rest, venues first. */
function Body({ layout, demo }: { readonly layout: ScreenLayout; readonly demo: boolean }): React.JSX.Element {
  const runtime = useRuntime();
  const { venues, positionCount, extraLines, confirm } = useStore(
    runtime.store,
    useShallow((state) => ({
      venues: state.venues,
      confirm: state.ui.mode === 'confirm-close' ? state.ui.confirm : undefined,
      positionCount: state.positions?.positions.length ?? 0,
      extraLines: (state.ui.closeStatus !== undefined ? 1 : 0) + (state.closeHint !== undefined ? 1 : 0) + (state.positions?.error !== undefined ? 1 : 0),
    })),
  );
  const compact = layout.size === 'narrow';
  const ladder = ladderWidth(ladderColumns(layout.size), venues.length);
  const side = layout.columns - ladder;
  const positionsWant = positionsPaneWants(positionCount, compact, extraLines);
  // Positions keep at least their title and a line; the venue list takes what it needs of the rest.
  // A close being confirmed takes every row it needs from the venue list: no line of it is cut.
  const positionsFloor = confirm ? confirmCloseRows(confirm, side) : Math.min(positionsWant, 5);
  const venuesHeight = Math.max(4, Math.min(venuesPaneWants(venues), layout.bodyRows - positionsFloor));
  const positionsHeight = layout.bodyRows - venuesHeight;
  return (
    <Box flexDirection="row" height={layout.bodyRows}>
      <DepthPane size={layout.size} height={layout.bodyRows} />
      <Box flexDirection="column" width={side}>
        <VenuesPane width={side} height={venuesHeight} />
        <PositionsSlot demo={demo} compact={compact} width={side} height={positionsHeight} />
      </Box>
    </Box>
  );
}
