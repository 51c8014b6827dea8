/** Ink input -> key name -> keymap binding -> runtime action. */
import { useInput, type Key } from 'ink';
import { useStore } from 'zustand';
import { bindingFor } from './keymap.js';
import { useRuntime } from './runtime-context.js';

export function keyName(input: string, key: Key): string | undefined {
  if (key.ctrl && input === 'c') return 'ctrl+c';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.escape) return 'escape';
  if (key.return) return 'return';
  if (key.tab) return 'tab';
  if (key.backspace || key.delete) return 'backspace';
  return input.length === 1 ? input : undefined;
}

export function useKeymap(): void {
  const runtime = useRuntime();
  const mode = useStore(runtime.store, (state) => state.ui.mode);
  useInput((input, key) => {
    const name = keyName(input, key);
    if (name === undefined) return;
    const binding = bindingFor(name, mode);
    if (binding) runtime.dispatch(binding.id, name);
  });
}
