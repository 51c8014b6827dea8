/**
 * Ink 6.8's per-character text passes without the grapheme segmenter for text made only of
 * characters that are one column and one grapheme each (applied with the other Ink rewrites:
 * ink-patches.ts).
 *
 * Every line whose text changed since the last frame is measured in layout (`string-width`) and
 * cut into styled characters for the output grid (`@alcalzone/ansi-tokenize`'s `tokenize`). Both
 * walk the text with `Intl.Segmenter` unless it is printable ASCII, and a depthmux row never is:
 * its bars (█), separators (·, │) and markers (▸, ▲) send every changed line down the segmenter
 * path, a third of the screen's CPU per frame in a profile of the client at 120×40.
 *
 * For text whose every character lies in NARROW_RANGES the answer is known without segmenting:
 * each character is its own grapheme (it neither joins its neighbours nor is joined) and one
 * column wide, so the width is the length and each character is one token, never full-width.
 * test/unit/ink-width-patch.test.ts checks every code point of the ranges against the
 * unpatched libraries, and random styled text through both, in fresh processes.
 * Anything else (wide, emoji, combining, control characters; `ambiguousIsNarrow: false`) takes
 * the libraries' own path, unchanged.
 */
import type { SourcePatch } from './ink-cache-patch.js';

/**
 * Inclusive code point ranges of one-column, standalone characters (East Asian Width narrow,
 * neutral or ambiguous counted narrow, as string-width does by default; no emoji presentation;
 * no combining, format or control characters): ASCII, Latin-1 and Latin Extended but the soft
 * hyphen, general punctuation but the bidi controls, currency, arrows, mathematical operators,
 * miscellaneous technical but its emoji and wide brackets, box drawing, block elements and
 * geometric shapes but the two emoji squares, ⚠ and ✕.
 */
export const NARROW_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0x2ff],
  [0x2010, 0x2029],
  [0x202f, 0x205e],
  [0x20a0, 0x20c0],
  [0x2190, 0x2319],
  [0x231c, 0x2328],
  [0x232b, 0x23e8],
  [0x23ed, 0x23ef],
  [0x23f1, 0x23f2],
  [0x23f4, 0x23ff],
  [0x2500, 0x25fc],
  [0x25ff, 0x25ff],
  [0x26a0, 0x26a0],
  [0x2715, 0x2715],
];

const hex = (codePoint: number): string => `\\u${codePoint.toString(16).padStart(4, '0')}`;

/** The ranges as the body of a regular expression character class, in `\uXXXX` escapes. */
export function narrowClass(): string {
  return NARROW_RANGES.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('');
}

const WIDTH_MARKER = '/* depthmux: narrow text width';
const TOKENIZE_MARKER = '/* depthmux: narrow text tokens';

export const WIDTH_PATCHES: readonly SourcePatch[] = [
  {
    module: 'string-width/index.js',
    marker: WIDTH_MARKER,
    replacements: [
      ['const segmenter = new Intl.Segmenter();', `${WIDTH_MARKER} (src/cli/ink-width-patch.ts) */\nconst NARROW_TEXT = /^[${narrowClass()}]*$/;\nconst segmenter = new Intl.Segmenter();`],
      [
        '\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}',
        '\tif (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && NARROW_TEXT.test(string))) {\n\t\treturn string.length;\n\t}',
      ],
    ],
  },
  {
    module: '@alcalzone/ansi-tokenize/build/tokenize.js',
    marker: TOKENIZE_MARKER,
    replacements: [
      [
        'export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {\n',
        `${TOKENIZE_MARKER} (src/cli/ink-width-patch.ts) */\n` +
          // ESC may open an escape sequence, whose other characters are ASCII.
          `const NARROW_TEXT = /^[\\u001b${narrowClass()}]*$/;\n` +
          'function tokenizeNarrow(str, endChar) {\n' +
          '    const ret = [];\n' +
          '    let visible = 0;\n' +
          '    for (let index = 0; index < str.length; index++) {\n' +
          '        if (str.charCodeAt(index) === 0x1b) {\n' +
          '            let code;\n' +
          '            const nextCodePoint = str.codePointAt(index + 1);\n' +
          '            if (nextCodePoint === OSC) {\n' +
          '                code = parseLinkCode(str, index);\n' +
          '                if (code) ret.push({ type: "ansi", code: code, endCode: getEndCode(code) });\n' +
          '            }\n' +
          '            else if (nextCodePoint === CSI) {\n' +
          '                code = parseSGRSequence(str, index);\n' +
          '                if (code) for (const individualCode of splitCompoundSGRSequences(code)) ret.push({ type: "ansi", code: individualCode, endCode: getEndCode(individualCode) });\n' +
          '            }\n' +
          '            if (code) {\n' +
          '                index += code.length - 1;\n' +
          '                continue;\n' +
          '            }\n' +
          '        }\n' +
          '        ret.push({ type: "char", value: str[index], fullWidth: false });\n' +
          '        visible += 1;\n' +
          '        if (visible >= endChar) break;\n' +
          '    }\n' +
          '    return ret;\n' +
          '}\n' +
          'export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {\n' +
          '    if (NARROW_TEXT.test(str)) return tokenizeNarrow(str, endChar);\n',
      ],
    ],
  },
];
