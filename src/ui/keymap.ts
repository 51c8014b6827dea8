/**
 * The keymap is data: one table drives input handling, the help overlay and the test that every
 * action is described and no key collides within a mode. Overlays take keys first.
 */
import type { UiMode } from '../store/app-store.js';

export type ActionId =
  | 'quit'
  | 'help'
  | 'close-help'
  | 'venue-up'
  | 'venue-down'
  | 'reconnect-venue'
  | 'tick-up'
  | 'tick-down'
  | 'tick-auto';

export interface KeyBinding {
  readonly id: ActionId;
  /** Key names as `keyName()` spells them: a character, or up, down, tab, escape, return, ctrl+c. */
  readonly keys: readonly string[];
  readonly modes: readonly UiMode[];
  /** What the help overlay and the status bar say. */
  readonly description: string;
  /** Shown in the status bar's hints. */
  readonly hint?: string;
}

export const KEYMAP: readonly KeyBinding[] = [
  { id: 'quit', keys: ['q', 'ctrl+c'], modes: ['normal', 'help'], description: 'quit depthmux', hint: 'quit' },
  { id: 'help', keys: ['?'], modes: ['normal'], description: 'show all keys', hint: 'help' },
  { id: 'close-help', keys: ['escape', '?'], modes: ['help'], description: 'close this help' },
  { id: 'venue-up', keys: ['up', 'k'], modes: ['normal'], description: 'select the venue above' },
  { id: 'venue-down', keys: ['down', 'j'], modes: ['normal'], description: 'select the venue below' },
  { id: 'reconnect-venue', keys: ['r'], modes: ['normal'], description: 'reconnect the selected venue now', hint: 'reconnect' },
  { id: 'tick-up', keys: ['+', '='], modes: ['normal'], description: 'group prices on a coarser tick', hint: 'tick' },
  { id: 'tick-down', keys: ['-'], modes: ['normal'], description: 'group prices on a finer tick' },
  { id: 'tick-auto', keys: ['0'], modes: ['normal'], description: 'automatic tick from the price' },
];

/** The binding a key triggers in a mode, if any. */
export function bindingFor(key: string, mode: UiMode, keymap: readonly KeyBinding[] = KEYMAP): KeyBinding | undefined {
  return keymap.find((binding) => binding.modes.includes(mode) && binding.keys.includes(key));
}

/** Display form of a key name for help and hints. */
export function keyLabel(key: string): string {
  const labels: Record<string, string> = { up: '↑', down: '↓', escape: 'Esc', return: 'Enter', tab: 'Tab', 'ctrl+c': 'Ctrl-C' };
  return labels[key] ?? key;
}
