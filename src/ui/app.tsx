/** The whole screen: header, ladder beside venue health, status bar; overlays take over input. */
import React from 'react';
import { Box } from 'ink';
import { useStore } from 'zustand';
import { DepthPane } from './panes/depth-pane.js';
import { Header } from './panes/header.js';
import { StatusBar } from './panes/status-bar.js';
import { VenuesPane } from './panes/venues-pane.js';
import { PositionsSlot } from './panes/positions-slot.js';
import { HelpOverlay } from './overlays/help-overlay.js';
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

function Screen({ demo }: { readonly demo: boolean }): React.JSX.Element {
  useKeymap();
  const runtime = useRuntime();
  const mode = useStore(runtime.store, (state) => state.ui.mode);
  return (
    <Box flexDirection="column">
      <Header demo={demo} />
      {mode === 'help' ? (
        <HelpOverlay />
      ) : (
        <Box flexDirection="row">
          <DepthPane />
          <Box flexDirection="column" flexGrow={1}>
            <VenuesPane />
            <PositionsSlot />
          </Box>
        </Box>
      )}
      <StatusBar />
    </Box>
  );
}
