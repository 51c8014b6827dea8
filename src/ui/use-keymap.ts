/** Ink input -> key names -> keymap bindings -> runtime actions. */
import { useInput, type Key } from 'ink';
import { bindingFor } from './keymap.js';
import { useRuntime } from './runtime-context.js';

/** Control characters that arrive inside a pasted or fast-typed chunk. */
const CHUNK_KEYS: Record<string, string> = { '\r': 'return', '\n': 'return', '\t': 'tab', '\u007F': 'backspace', '\b': 'backspace', ' ': 'space' };

/** The key names one input event carries: usually one; several when text arrives as a chunk. */
export function keyNames(input: string, key: Key): string[] {
  if (key.ctrl && input === 'c') return ['ctrl+c'];
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.escape) return ['escape'];
  if (key.return) return ['return'];
  if (key.tab) return ['tab'];
  if (key.backspace || key.delete) return ['backspace'];
  if (key.ctrl || key.meta) return [];
  return [...input].map((char) => CHUNK_KEYS[char] ?? char);
}

export function useKeymap(): void {
  const runtime = useRuntime();
  useInput((input, key) => {
    for (const name of keyNames(input, key)) {
      // The mode can change within a chunk ("/btc⏎" opens the prompt, then types into it).
      const binding = bindingFor(name, runtime.store.getState().ui.mode);
      if (binding) runtime.dispatch(binding.id, name);
    }
  });
}
