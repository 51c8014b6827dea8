import { describe, expect, it } from 'vitest';
import { KEYMAP, bindingFor } from '../../src/ui/keymap.js';

describe('keymap', () => {
  it('describes every action', () => {
    for (const binding of KEYMAP) expect(binding.description.length, binding.id).toBeGreaterThan(5);
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
