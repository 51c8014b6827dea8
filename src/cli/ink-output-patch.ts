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
 *   reducing codes always builds a new one), and each character is built with its four fields
 *   named rather than spread from its token (a char token has exactly type, value and fullWidth);
 * - neighbouring characters with the same styles skip the diff (it is empty for equal lists), and
 *   a row ending unstyled skips the closing diff (empty too);
 * - each text's width when it is drawn comes from the bounded measurement cache that layout has
 *   just filled for the same text (`measureText(text).width` is `widestLine(text)`), instead of
 *   being measured again, character by character, every frame;
 * - a frame's caches (a line's styled characters, a string's width) start from the last frame's,
 *   not empty: Ink makes a new Output per frame, so a line drawn unchanged (borders, headings, most
 *   of the venue table) was tokenized again every frame. Only the last frame's entries are kept,
 *   so memory stays that of two frames;
 * - a grid row whose cells are the very objects of the same row last frame (all from cached,
 *   never mutated character lists) reuses last frame's text instead of building it again.
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
          `const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });\n` +
          'let lastFrame;\n' +
          'function followLastFrame(caches) {\n    const previous = lastFrame;\n    if (previous) previous.previous = undefined;\n    lastFrame = caches;\n    return previous;\n}\n' +
          'function sameCells(a, b) {\n    if (a.length !== b.length) return false;\n    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;\n    return true;\n}\n' +
          'class OutputCaches {',
      ],
      ['    styledChars = new Map();\n    getStyledChars(line) {', '    styledChars = new Map();\n    rows = [];\n    previous = followLastFrame(this);\n    getStyledChars(line) {'],
      ['            cached = styledCharsFromTokens(tokenize(line));', '            cached = this.previous?.styledChars.get(line) ?? styledCharsFromTokens(tokenize(line));'],
      ['            cached = stringWidth(text);', '            cached = this.previous?.widths.get(text) ?? stringWidth(text);'],
      [
        '            .map(line => {\n            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742\n' +
          '            const lineWithoutEmptyItems = line.filter(item => item !== undefined);\n' +
          '            return styledCharsToString(lineWithoutEmptyItems).trimEnd();\n',
        '            .map((line, y) => {\n            const before = this.caches.previous?.rows[y];\n' +
          '            if (before !== undefined && sameCells(before.cells, line)) {\n                this.caches.rows[y] = before;\n                return before.text;\n            }\n' +
          '            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742\n' +
          '            const lineWithoutEmptyItems = line.filter(item => item !== undefined);\n' +
          '            const text = styledCharsToString(lineWithoutEmptyItems).trimEnd();\n' +
          '            this.caches.rows[y] = { cells: line, text };\n            return text;\n',
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
      [
        '            ret.push({\n                ...token,\n                styles: [...codes],\n            });',
        '            ret.push({ type: token.type, value: token.value, fullWidth: token.fullWidth, styles: codes });',
      ],
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
