/**
 * Ink 6.8's `sanitizeAnsi` without tokenizing text whose only escape sequences are colours and
 * styles (applied with the other Ink rewrites: ink-patches.ts).
 *
 * Ink squashes each Text's spans into one string and sanitizes it every frame: any text with an
 * escape in it is cut into tokens, and everything but plain text, OSC strings and SGR sequences
 * (`ESC [ params m`, params digits, `:` and `;`) is dropped. depthmux's rows carry their colours
 * in their text (src/ui/paint.ts), so every changed row was tokenized a second time each frame
 * (once more in the output pass) to give back the very same text: ~9 % of what the client
 * allocated in a sampling heap profile at 120×40. Text made only of characters that are not ESC
 * or C1 controls and of such SGR sequences sanitizes to itself; it is returned as it is, and
 * anything else takes Ink's own path.
 */
import type { SourcePatch } from './ink-cache-patch.js';

const MARKER = '/* depthmux: SGR-only text kept as is';

export const SANITIZE_PATCHES: readonly SourcePatch[] = [
  {
    module: 'ink/build/sanitize-ansi.js',
    marker: MARKER,
    replacements: [
      [
        'const sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text)) {',
        `${MARKER} (src/cli/ink-sanitize-patch.ts) */\n` +
          'const SGR_ONLY = /^(?:[^\\u001B\\u0080-\\u009F]|\\u001B\\[[\\d:;]*m)*$/;\n' +
          'const sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text) || SGR_ONLY.test(text)) {',
      ],
    ],
  },
];
