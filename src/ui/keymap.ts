/**
 * The keymap is data: one table drives input handling, the help overlay, every hint on screen
 * and the test that every action is described and no key collides within a mode. Overlays take
 * keys first.
 */
import type { Focus, UiMode } from '../store/app-store.js';

export type ActionId =
  | 'quit'
  | 'help'
  | 'close-help'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'open-log'
  | 'close-log'
  | 'toggle-self-health'
  | 'select-up'
  | 'select-down'
  | 'toggle-focus'
  | 'close-position'
  | 'confirm-yes'
  | 'confirm-no'
  | 'reconnect-venue'
  | 'toggle-merge'
  | 'tick-up'
  | 'tick-down'
  | 'tick-auto'
  | 'size-up'
  | 'size-down'
  | 'next-symbol'
  | 'previous-symbol'
  | 'jump-symbol'
  | 'open-prompt'
  | 'prompt-type'
  | 'prompt-erase'
  | 'prompt-submit'
  | 'prompt-cancel';

/** What hints may depend on: a hint for a key that would do nothing now is not shown. */
export interface HintContext {
  readonly focus: Focus;
  readonly hasPositions: boolean;
}

export interface KeyBinding {
  readonly id: ActionId;
  /**
   * Key names as `keyNames()` spells them: a character, or up, down, pageup, pagedown, tab,
   * escape, return, backspace, ctrl+c. `printable` stands for any single printable character not
   * bound otherwise.
   */
  readonly keys: readonly string[];
  readonly modes: readonly UiMode[];
  /** What the help overlay says: at most DESCRIPTION_MAX characters, so it fits at 80 columns. */
  readonly description: string;
  /**
   * The word the status bar shows beside the key, when it is worth a hint: fixed, or by context.
   * Bindings with the same hint word in a mode share one hint ("↑↓ select").
   */
  readonly hint?: string | ((context: HintContext) => string | undefined);
}

const OVERLAYS: readonly UiMode[] = ['help', 'log'];

/** 80 columns less the help's border, padding and key column. */
export const DESCRIPTION_MAX = 58;

export const KEYMAP: readonly KeyBinding[] = [
  { id: 'quit', keys: ['q', 'ctrl+c'], modes: ['normal', ...OVERLAYS], description: 'quit depthmux', hint: 'quit' },
  { id: 'quit', keys: ['ctrl+c'], modes: ['prompt', 'confirm-close'], description: 'quit depthmux' },
  { id: 'help', keys: ['?'], modes: ['normal'], description: 'show all keys', hint: 'help' },
  { id: 'close-help', keys: ['escape', '?'], modes: ['help'], description: 'close this help', hint: 'close' },
  { id: 'open-log', keys: ['l'], modes: ['normal'], description: 'the event log: states, reconnects, resyncs, full errors', hint: 'log' },
  { id: 'close-log', keys: ['escape', 'l'], modes: ['log'], description: 'close the event log', hint: 'close' },
  { id: 'scroll-up', keys: ['up', 'k'], modes: OVERLAYS, description: 'scroll up a line', hint: 'scroll' },
  { id: 'scroll-down', keys: ['down', 'j'], modes: OVERLAYS, description: 'scroll down a line', hint: 'scroll' },
  { id: 'page-up', keys: ['pageup', 'b'], modes: OVERLAYS, description: 'scroll up a page' },
  { id: 'page-down', keys: ['pagedown', 'space'], modes: OVERLAYS, description: 'scroll down a page' },
  { id: 'select-up', keys: ['up', 'k'], modes: ['normal'], description: 'select the row above in the focused pane', hint: 'select' },
  { id: 'select-down', keys: ['down', 'j'], modes: ['normal'], description: 'select the row below in the focused pane', hint: 'select' },
  { id: 'toggle-focus', keys: ['tab'], modes: ['normal'], description: 'move focus between venues and positions', hint: ({ focus }) => (focus === 'venues' ? 'positions' : 'venues') },
  { id: 'close-position', keys: ['x'], modes: ['normal'], description: 'close the selected position (asks first)', hint: ({ focus, hasPositions }) => (focus === 'positions' && hasPositions ? 'close' : undefined) },
  { id: 'confirm-yes', keys: ['y'], modes: ['confirm-close'], description: 'send the close order', hint: 'send' },
  { id: 'confirm-no', keys: ['n', 'escape'], modes: ['confirm-close'], description: 'cancel the close', hint: 'cancel' },
  { id: 'reconnect-venue', keys: ['r'], modes: ['normal'], description: 'reconnect the selected venue now', hint: ({ focus }) => (focus === 'venues' ? 'reconnect' : undefined) },
  { id: 'tick-up', keys: ['+', '='], modes: ['normal'], description: 'coarser price grouping', hint: 'tick' },
  { id: 'tick-down', keys: ['-'], modes: ['normal'], description: 'finer price grouping, down to the finest venue tick', hint: 'tick' },
  { id: 'tick-auto', keys: ['0'], modes: ['normal'], description: 'automatic tick from the price' },
  { id: 'size-up', keys: ['>', '.'], modes: ['normal'], description: 'double the fill size the liquidity line prices', hint: 'size' },
  { id: 'size-down', keys: ['<', ','], modes: ['normal'], description: 'halve the fill size the liquidity line prices', hint: 'size' },
  // After the tick and size hints: at 80 columns the status bar keeps those and drops this one.
  { id: 'toggle-merge', keys: ['space'], modes: ['normal'], description: 'take the selected venue out of the merged book, or back in', hint: ({ focus }) => (focus === 'venues' ? 'in/out' : undefined) },
  { id: 'next-symbol', keys: [']'], modes: ['normal'], description: 'next symbol in the watchlist', hint: 'symbol' },
  { id: 'previous-symbol', keys: ['['], modes: ['normal'], description: 'previous symbol in the watchlist', hint: 'symbol' },
  { id: 'jump-symbol', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], modes: ['normal'], description: 'jump to that symbol of the watchlist' },
  { id: 'open-prompt', keys: ['/'], modes: ['normal'], description: 'type any symbol to switch to', hint: 'find' },
  { id: 'toggle-self-health', keys: ['p'], modes: ['normal'], description: "depthmux's own health: frames/s, loop lag p99, memory" },
  { id: 'prompt-submit', keys: ['return'], modes: ['prompt'], description: 'switch to the typed symbol (nothing typed: cancel)', hint: 'switch' },
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

const LABELS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  space: 'Space',
  escape: 'Esc',
  return: 'Enter',
  tab: 'Tab',
  backspace: 'Backspace',
  printable: 'A–Z 0–9',
  'ctrl+c': 'Ctrl-C',
};

/** Display form of a key name for help and hints. */
export function keyLabel(key: string): string {
  return LABELS[key] ?? key;
}

/** Display form of a binding's keys: "↑ / k", and a run of digits as "1–9". */
export function keysLabel(keys: readonly string[]): string {
  const digits = keys.every((key) => /^\d$/.test(key)) && keys.length > 2;
  if (digits) return `${keys[0]}–${keys.at(-1)}`;
  return keys.map(keyLabel).join(' / ');
}

/** The first key of an action in a mode, as the screen names it ("Tab", "x"). */
export function keyFor(action: ActionId, mode: UiMode = 'normal'): string {
  // A loop, no callback made anew: panes ask on every frame (see FrameClock.ladder).
  for (const binding of KEYMAP) {
    if (binding.id === action && binding.modes.includes(mode)) return keyLabel(binding.keys[0]!);
  }
  throw new Error(`no key for ${action} in ${mode}`);
}

export interface Hint {
  /** The keys, as the status bar shows them ("↑↓", "+-", "q"). */
  readonly keys: string;
  readonly text: string;
}

/**
 * The hints for a mode, in keymap order; bindings that share a hint word share one hint. The
 * status bar shows each binding's first key; a question spells out all of them (`n/Esc`).
 */
export function hintsFor(mode: UiMode, context: HintContext, options: { readonly allKeys?: boolean } = {}): Hint[] {
  const hints: Array<{ keys: string[]; text: string }> = [];
  for (const binding of KEYMAP) {
    if (!binding.modes.includes(mode) || binding.hint === undefined) continue;
    const text = typeof binding.hint === 'function' ? binding.hint(context) : binding.hint;
    if (text === undefined) continue;
    const key = options.allKeys ? binding.keys.map(keyLabel).join('/') : keyLabel(binding.keys[0]!);
    const same = hints.find((hint) => hint.text === text);
    if (same) same.keys.push(key);
    else hints.push({ keys: [key], text });
  }
  return hints.map(({ keys, text }) => ({ keys: keys.join(options.allKeys ? '/' : ''), text }));
}
