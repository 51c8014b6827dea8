/**
 * The lean output pass (src/cli/ink-output-patch.ts) must draw exactly what Ink draws: the same
 * demanding screen (colours, bold/dim/inverse, wide characters, borders, clipping, truncation,
 * lines that change and lines that repeat across frames) is rendered in two fresh Node processes,
 * with and without the load hooks, and every frame must match byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchSource } from '../../src/cli/ink-cache-patch.js';
import { OUTPUT_PATCHES } from '../../src/cli/ink-output-patch.js';

interface ProbeResult {
  readonly frames: readonly string[];
  readonly patched: { readonly output: boolean; readonly layout: boolean; readonly styledChars: boolean };
}

const probe = join(import.meta.dirname, '..', 'fixtures', 'ink-render-probe.mjs');
const render = (patched: boolean): ProbeResult =>
  JSON.parse(
    execFileSync(process.execPath, [probe, ...(patched ? ['--patched'] : [])], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '3', NODE_ENV: 'production' },
    }),
  ) as ProbeResult;

describe("Ink's output pass, patched", () => {
  it('writes the same frames as stock Ink, byte for byte', () => {
    const stock = render(false);
    const lean = render(true);
    expect(stock.patched).toEqual({ output: false, layout: false, styledChars: false });
    expect(lean.patched).toEqual({ output: true, layout: true, styledChars: true });
    expect(stock.frames.length).toBeGreaterThanOrEqual(8);
    // Styled: a frame without escape sequences would not exercise the style diffing.
    expect(stock.frames.join('')).toMatch(/\u001b\[1m/);
    expect(lean.frames).toEqual(stock.frames);
  });

  it('leaves a module it does not know exactly alone', () => {
    for (const patch of OUTPUT_PATCHES) {
      const other = `${patch.replacements[0]![0]}\n// a later release\n`;
      expect(patchSource(other, patch).status).toBe('unknown');
    }
  });
});
