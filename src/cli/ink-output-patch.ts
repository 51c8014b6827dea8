/**
 * Ink 6.8's output pass with less garbage, by rewriting its source as Node loads it (applied with
 * the text-cache patches: ink-patches.ts).
 *
 * Each frame Ink lays the screen out as a grid of one object per cell (`build/output.js`), then
 * turns each row back into text (`@alcalzone/ansi-tokenize`'s `styledCharsToString`). Measured on
 * the depthmux client at 120×40 drawing 10 frames a second against `depthmux sim` (a V8 sampling
 * heap profile that keeps collected objects), that pass allocated ~150 MB/s, 85 % of all the
 * process allocated: per cell a fresh blank object and style array, per character a copy of its
 * style list, per pair of neighbouring characters three Sets to diff their styles. This cuts the
 * process's allocation to ~95 MB/s; what is left is mostly tokenizing and measuring each line
 * (Intl.Segmenter per character).
 *
 * What changes, each equivalent to the original:
 * - the grid starts from one frozen blank cell instead of a new one per cell (cells are replaced,
 *   never written to: a write to the frozen cell would throw, and the tests render through it);
 * - characters between two escape sequences share one style list (the list is never mutated:
 *   reducing codes always builds a new one);
 * - neighbouring characters with the same styles skip the diff (it is empty for equal lists), and
 *   a row ending unstyled skips the closing diff (empty too);
 * - each text's width when it is drawn comes from the bounded measurement cache that layout has
 *   just filled for the same text (`measureText(text).width` is `widestLine(text)`), instead of
 *   being measured again, character by character, every frame.
 * Text that does not match exactly (another version) is left alone; so is a file already patched.
 */
import type { SourcePatch } from './ink-cache-patch.js';

const OUTPUT_MARKER = '/* depthmux: lean output pass';
const LAYOUT_MARKER = '/* depthmux: measured once';
const TOKENIZE_MARKER = '/* depthmux: shared style lists';

export const OUTPUT_PATCHES: readonly SourcePatch[] = [
  {
    module: 'ink/build/output.js',
    marker: OUTPUT_MARKER,
    replacements: [
      [
        'class OutputCaches {',
        `${OUTPUT_MARKER} (src/cli/ink-output-patch.ts) */\n` +
          `const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });\nclass OutputCaches {`,
      ],
      [
        "                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
        '                row.push(BLANK_CELL);',
      ],
    ],
  },
  {
    module: 'ink/build/render-node-to-output.js',
    marker: LAYOUT_MARKER,
    replacements: [
      ["import widestLine from 'widest-line';", `${LAYOUT_MARKER} (src/cli/ink-output-patch.ts) */\nimport measureText from './measure-text.js';`],
      ['                const currentWidth = widestLine(text);', '                const currentWidth = measureText(text).width;'],
    ],
  },
  {
    module: '@alcalzone/ansi-tokenize/build/styledChars.js',
    marker: TOKENIZE_MARKER,
    replacements: [
      [
        'export function styledCharsFromTokens(tokens) {',
        `${TOKENIZE_MARKER} (src/cli/ink-output-patch.ts) */\n` +
          'function sameCodes(a, b) {\n    if (a === b) return true;\n    if (a.length !== b.length) return false;\n' +
          '    for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;\n    return true;\n}\n' +
          'export function styledCharsFromTokens(tokens) {',
      ],
      ['                styles: [...codes],', '                styles: codes,'],
      [
        '            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
        '            if (!sameCodes(chars[i - 1].styles, char.styles)) ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
      ],
      [
        '            ret += ansiCodesToString(diffAnsiCodes(char.styles, []));',
        '            if (char.styles.length > 0) ret += ansiCodesToString(diffAnsiCodes(char.styles, []));',
      ],
    ],
  },
];
