/**
 * Narrow text measured and tokenized without the segmenter (src/cli/ink-width-patch.ts) must give
 * exactly what the libraries give: the premise is checked on every code point of NARROW_RANGES
 * against the unpatched libraries, and the rewrite on random styled text through both, each in a
 * fresh Node process with and without the load hooks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import isFullwidthCodePoint from 'is-fullwidth-code-point';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { patchSource } from '../../src/cli/ink-cache-patch.js';
import { NARROW_RANGES, WIDTH_PATCHES } from '../../src/cli/ink-width-patch.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const count = (text: string): number => [...graphemes.segment(text)].length;

function* narrowCodePoints(): Generator<number> {
  for (const [from, to] of NARROW_RANGES) for (let codePoint = from; codePoint <= to; codePoint++) yield codePoint;
}

describe('the narrow ranges', () => {
  it('hold only one-column characters that are a grapheme each, whatever stands beside them', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const codePoint of narrowCodePoints()) {
      const char = String.fromCodePoint(codePoint);
      checked++;
      // Alone one column, never full-width; beside a letter or itself it neither joins nor is joined.
      const ok = stringWidth(char) === 1 && !isFullwidthCodePoint(codePoint) && count(`a${char}`) === 2 && count(`${char}a`) === 2 && count(`${char}${char}`) === 2;
      if (!ok) wrong.push(`U+${codePoint.toString(16).toUpperCase()}`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(1_000);
  });

  it('hold every character the screen draws', () => {
    const drawn = '·—─…↑▸│↓–▼×▲→•✕◑◐●◌▏▎▍▌▋▊▉█⏎↻⚠╭╮╰╯┌┐└┘';
    const narrow = new Set(narrowCodePoints());
    expect([...drawn].filter((char) => !narrow.has(char.codePointAt(0)!))).toEqual([]);
  });
});

/** A small deterministic generator, so a failure names texts that can be rerun. */
function randomTexts(seed: number, howMany: number): string[] {
  let state = seed;
  const next = (below: number): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state % below;
  };
  const narrow = [...narrowCodePoints()];
  const pieces = [
    () => String.fromCodePoint(narrow[next(narrow.length)]!),
    () => 'BTC 67,251.5 ',
    () => '█'.repeat(next(9)),
    () => `\u001b[${[31, 1, 2, 7, 39, 22, 27, 0][next(8)]}m`,
    () => `\u001b[38;2;${next(256)};${next(256)};${next(256)}m`,
    () => '\u001b[1;3;31m',
    () => '\u001b[', // an escape that opens no sequence
    () => '\u001b]8;;', // an unfinished link
    () => ['币', '🐙', 'e\u0301', '\u00ad', '\u202e', '⌚', '\t'][next(7)]!, // outside the ranges
  ];
  return Array.from({ length: howMany }, () => Array.from({ length: next(14) }, () => pieces[next(pieces.length)]!()).join(''));
}

const dir = mkdtempSync(join(tmpdir(), 'depthmux-width-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ProbeResult {
  readonly widths: readonly number[];
  readonly ambiguousWide: readonly number[];
  readonly tokens: unknown;
  readonly patched: { readonly width: boolean; readonly tokenize: boolean };
}

const probe = join(import.meta.dirname, '..', 'fixtures', 'ink-width-probe.mjs');
function run(texts: readonly string[], patched: boolean): ProbeResult {
  const input = join(dir, 'texts.json');
  writeFileSync(input, JSON.stringify(texts));
  return JSON.parse(execFileSync(process.execPath, [probe, input, ...(patched ? ['--patched'] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as ProbeResult;
}

describe('string-width and tokenize, patched', () => {
  it('answer as the libraries do, on narrow, wide, styled and broken text', () => {
    const texts = ['', 'plain', ' ▸ BN  67,251.50 ████ · 1.2 s', ...randomTexts(20_251_129, 3_000)];
    const stock = run(texts, false);
    const lean = run(texts, true);
    expect(stock.patched).toEqual({ width: false, tokenize: false });
    expect(lean.patched).toEqual({ width: true, tokenize: true });
    expect(lean.widths).toEqual(stock.widths);
    expect(lean.ambiguousWide).toEqual(stock.ambiguousWide);
    expect(lean.tokens).toEqual(stock.tokens);
    // The comparison means something only if the texts differ in width from their length.
    expect(stock.widths.some((width, i) => width !== texts[i]!.length)).toBe(true);
  });

  it('patches the versions Ink loads and leaves another version alone', () => {
    const [width, tokens] = WIDTH_PATCHES;
    const source = (path: string): string => readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', path), 'utf8');
    expect(patchSource(source('string-width/index.js'), width!).status).toBe('patched');
    expect(patchSource(source('@alcalzone/ansi-tokenize/build/tokenize.js'), tokens!).status).toBe('patched');
    // wrap-ansi's own string-width 7 (segmenter only, no ASCII fast path) is not the text the patch knows.
    expect(patchSource(source('wrap-ansi/node_modules/string-width/index.js'), width!).status).toBe('unknown');
  });
});
