/**
 * The keymap is data: one table drives input handling, the help overlay and the test that every
 * action is described and no key collides within a mode. Overlays take keys first.
 */
import type { UiMode } from '../store/app-store.js';

export type ActionId =
  | 'quit'
  | 'help'
  | 'close-help'
  | 'select-up'
  | 'select-down'
  | 'toggle-focus'
  | 'close-position'
  | 'confirm-yes'
  | 'confirm-no'
  | 'reconnect-venue'
  | 'tick-up'
  | 'tick-down'
  | 'tick-auto'
  | 'next-symbol'
  | 'previous-symbol'
  | 'jump-symbol'
  | 'open-prompt'
  | 'prompt-type'
  | 'prompt-erase'
  | 'prompt-submit'
  | 'prompt-cancel';

export interface KeyBinding {
  readonly id: ActionId;
  /**
   * Key names as `keyNames()` spells them: a character, or up, down, tab, escape, return,
   * backspace, ctrl+c. `printable` stands for any single printable character not bound otherwise.
   */
  readonly keys: readonly string[];
  readonly modes: readonly UiMode[];
  /** What the help overlay and the status bar say. */
  readonly description: string;
  /** Shown in the status bar's hints. */
  readonly hint?: string;
}

export const KEYMAP: readonly KeyBinding[] = [
  { id: 'quit', keys: ['q', 'ctrl+c'], modes: ['normal', 'help'], description: 'quit depthmux', hint: 'quit' },
  { id: 'quit', keys: ['ctrl+c'], modes: ['prompt', 'confirm-close'], description: 'quit depthmux' },
  { id: 'help', keys: ['?'], modes: ['normal'], description: 'show all keys', hint: 'help' },
  { id: 'close-help', keys: ['escape', '?'], modes: ['help'], description: 'close this help', hint: 'close help' },
  { id: 'select-up', keys: ['up', 'k'], modes: ['normal'], description: 'select the row above in the focused pane' },
  { id: 'select-down', keys: ['down', 'j'], modes: ['normal'], description: 'select the row below in the focused pane' },
  { id: 'toggle-focus', keys: ['tab'], modes: ['normal'], description: 'move focus between venues and positions', hint: 'positions' },
  { id: 'close-position', keys: ['x'], modes: ['normal'], description: 'close the selected position (asks first)', hint: 'close' },
  { id: 'confirm-yes', keys: ['y'], modes: ['confirm-close'], description: 'send the close order', hint: 'send' },
  { id: 'confirm-no', keys: ['n', 'escape'], modes: ['confirm-close'], description: 'cancel the close', hint: 'cancel' },
  { id: 'reconnect-venue', keys: ['r'], modes: ['normal'], description: 'reconnect the selected venue now', hint: 'reconnect' },
  { id: 'tick-up', keys: ['+', '='], modes: ['normal'], description: 'group prices on a coarser tick', hint: 'tick' },
  { id: 'tick-down', keys: ['-'], modes: ['normal'], description: 'group prices on a finer tick' },
  { id: 'tick-auto', keys: ['0'], modes: ['normal'], description: 'automatic tick from the price' },
  { id: 'next-symbol', keys: [']'], modes: ['normal'], description: 'next symbol in the watchlist', hint: 'symbol' },
  { id: 'previous-symbol', keys: ['['], modes: ['normal'], description: 'previous symbol in the watchlist' },
  { id: 'jump-symbol', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], modes: ['normal'], description: 'jump to that symbol of the watchlist' },
  { id: 'open-prompt', keys: ['/'], modes: ['normal'], description: 'type any symbol to switch to', hint: 'find' },
  { id: 'prompt-submit', keys: ['return'], modes: ['prompt'], description: 'switch to the typed symbol', hint: 'switch' },
  { id: 'prompt-cancel', keys: ['escape'], modes: ['prompt'], description: 'cancel', hint: 'cancel' },
  { id: 'prompt-erase', keys: ['backspace'], modes: ['prompt'], description: 'erase a character' },
  { id: 'prompt-type', keys: ['printable'], modes: ['prompt'], description: 'type the symbol' },
];

/** The binding a key triggers in a mode, if any. */
export function bindingFor(key: string, mode: UiMode, keymap: readonly KeyBinding[] = KEYMAP): KeyBinding | undefined {
  const inMode = keymap.filter((binding) => binding.modes.includes(mode));
  const exact = inMode.find((binding) => binding.keys.includes(key));
  if (exact || !isPrintable(key)) return exact;
  return inMode.find((binding) => binding.keys.includes('printable'));
}

function isPrintable(key: string): boolean {
  return key.length === 1 && key >= ' ' && key !== '\u007F';
}

/** Display form of a key name for help and hints. */
export function keyLabel(key: string): string {
  const labels: Record<string, string> = { up: '↑', down: '↓', escape: 'Esc', return: 'Enter', tab: 'Tab', backspace: 'Backspace', printable: 'A–Z 0–9', 'ctrl+c': 'Ctrl-C' };
  return labels[key] ?? key;
}

/** Display form of a binding's keys: "↑ / k", and a run of digits as "1–9". */
export function keysLabel(keys: readonly string[]): string {
  const digits = keys.every((key) => /^\d$/.test(key)) && keys.length > 2;
  if (digits) return `${keys[0]}–${keys.at(-1)}`;
  return keys.map(keyLabel).join(' / ');
}
