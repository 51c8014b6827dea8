import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { DESCRIPTION_MAX, KEYMAP, bindingFor, hintsFor } from '../../src/ui/keymap.js';
import { keyNames } from '../../src/ui/use-keymap.js';

describe('keymap', () => {
  it('describes every action', () => {
    for (const binding of KEYMAP) expect(binding.description.length, binding.id).toBeGreaterThan(5);
  });

  it('describes every action in a line that fits the help at 80 columns', () => {
    for (const binding of KEYMAP) expect(binding.description.length, binding.description).toBeLessThanOrEqual(DESCRIPTION_MAX);
  });

  it('hints what a key would do now: Tab names the other pane, x only with a position in focus', () => {
    const venues = hintsFor('normal', { focus: 'venues', hasPositions: true });
    expect(venues.find((hint) => hint.keys === 'Tab')?.text).toBe('positions');
    expect(venues.some((hint) => hint.text === 'close')).toBe(false);
    expect(venues.find((hint) => hint.text === 'select')?.keys).toBe('↑↓');
    const positions = hintsFor('normal', { focus: 'positions', hasPositions: true });
    expect(positions.find((hint) => hint.keys === 'Tab')?.text).toBe('venues');
    expect(positions.find((hint) => hint.keys === 'x')?.text).toBe('close');
    expect(hintsFor('confirm-close', { focus: 'positions', hasPositions: true }, { allKeys: true })).toEqual([
      { keys: 'y', text: 'send' },
      { keys: 'n/Esc', text: 'cancel' },
    ]);
  });

  it('has no key bound twice within a mode', () => {
    const seen = new Map<string, string>();
    for (const binding of KEYMAP) {
      for (const mode of binding.modes) {
        for (const key of binding.keys) {
          const slot = `${mode}:${key}`;
          expect(seen.get(slot), `${slot} is bound to ${seen.get(slot)} and ${binding.id}`).toBeUndefined();
          seen.set(slot, binding.id);
        }
      }
    }
  });

  it('lets overlays take their keys first', () => {
    expect(bindingFor('?', 'help')?.id).toBe('close-help');
    expect(bindingFor('?', 'normal')?.id).toBe('help');
    expect(bindingFor('r', 'help')).toBeUndefined();
  });
});

describe('keyNames', () => {
  const none = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false } as Key;

  it('splits a pasted or fast-typed chunk into keys, control characters included', () => {
    expect(keyNames('/btc\r', none)).toEqual(['/', 'b', 't', 'c', 'return']);
    expect(keyNames('ab\u007F', none)).toEqual(['a', 'b', 'backspace']);
  });

  it('names special keys and ignores other control combinations', () => {
    expect(keyNames('c', { ...none, ctrl: true })).toEqual(['ctrl+c']);
    expect(keyNames('', { ...none, upArrow: true })).toEqual(['up']);
    expect(keyNames('x', { ...none, ctrl: true })).toEqual([]);
  });
});
