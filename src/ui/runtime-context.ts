/**
 * What the UI may ask of the program. The UI holds this interface only, never the
 * implementation, so panes can be tested with a fake and the runtime can change freely.
 */
import { createContext, useContext } from 'react';
import type { AppStore } from '../store/app-store.js';
import type { ActionId } from './keymap.js';

export interface Runtime {
  readonly store: AppStore;
  /** Carry out a keymap action; `key` is the key that triggered it (a digit, a typed character). */
  dispatch(action: ActionId, key: string): void;
}

export const RuntimeContext = createContext<Runtime | undefined>(undefined);

export function useRuntime(): Runtime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('useRuntime outside <RuntimeContext.Provider>');
  return runtime;
}
