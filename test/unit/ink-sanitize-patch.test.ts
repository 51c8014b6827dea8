/**
 * Ink's sanitizeAnsi with the SGR-only shortcut (src/cli/ink-sanitize-patch.ts) must answer
 * exactly as Ink's own: both versions of the module are loaded side by side (the patched one from
 * a copy importing Ink's own tokenizer) and given the same texts, random and hand-picked.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchSource } from '../../src/cli/ink-cache-patch.js';
import { SANITIZE_PATCHES } from '../../src/cli/ink-sanitize-patch.js';

type Sanitize = (text: string) => string;

const inkBuildDir = dirname(createRequire(import.meta.url).resolve('ink'));
const [patch] = SANITIZE_PATCHES;
const scratch = mkdtempSync(join(tmpdir(), 'depthmux-sanitize-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let original: Sanitize;
let patched: Sanitize;

beforeAll(async () => {
  const source = readFileSync(join(inkBuildDir, 'sanitize-ansi.js'), 'utf8');
  const result = patchSource(source, patch!);
  expect(result.status).toBe('patched');
  const tokenizer = pathToFileURL(join(inkBuildDir, 'ansi-tokenizer.js')).href;
  const copy = join(scratch, 'sanitize-ansi.js');
  // Ink's own tokenizer, and no source map (the copy has none beside it).
  writeFileSync(copy, result.text.replace("'./ansi-tokenizer.js'", JSON.stringify(tokenizer)).replace(/^\/\/# sourceMappingURL=.*$/m, ''));
  original = ((await import(pathToFileURL(join(inkBuildDir, 'sanitize-ansi.js')).href)) as { default: Sanitize }).default;
  patched = ((await import(pathToFileURL(copy).href)) as { default: Sanitize }).default;
  expect(patched).not.toBe(original);
});

/** A small deterministic generator, so a failing text can be rerun. */
function randomTexts(seed: number, howMany: number): string[] {
  let state = seed;
  const next = (below: number): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state % below;
  };
  const pieces = [
    () => ' 67251.5 ',
    () => '█▌│·',
    () => `\u001b[${[31, 39, 1, 22, 90, 0, 7, 27][next(8)]}m`,
    () => `\u001b[38;5;${next(256)}m`,
    () => `\u001b[38:2::${next(256)}:${next(256)}:${next(256)}m`,
    () => '\u001b[2K',
    () => '\u001b[?25l',
    () => '\u001b[1 q',
    () => '\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007',
    () => '\u001b',
    () => '\u001b[',
    () => '\u009b31m',
    () => '\u0085',
    () => '\u001bc',
    () => '\u001b[>4m',
  ];
  return Array.from({ length: howMany }, () => Array.from({ length: 1 + next(8) }, () => pieces[next(pieces.length)]!()).join(''));
}

describe('sanitizeAnsi, patched', () => {
  it('answers exactly as Ink does, on colours alone and on every other kind of escape', () => {
    const texts = [
      '',
      'plain text',
      '\u001b[32m  67000.5\u001b[39m   1.500 \u001b[90m  3.000\u001b[39m',
      '\u001b[38;2;255;140;0mBY\u001b[39m',
      '\u001b[31mred\u001b[2Jcleared',
      '\u001b[31m\u009b2Jred',
      'tab\u001b[m',
      ...randomTexts(7, 5_000),
    ];
    const differing = texts.filter((text) => patched(text) !== original(text));
    expect(differing).toEqual([]);
  });

  it('keeps a row with only colours in it whole, and still drops what moves the cursor', () => {
    const row = ` \u001b[32m  67000.5\u001b[39m \u001b[33mBN\u001b[38;5;178m+BF\u001b[90m+6\u001b[39m`;
    expect(patched(row)).toBe(row);
    expect(patched('\u001b[31mred\u001b[?25l')).toBe('\u001b[31mred');
  });
});
