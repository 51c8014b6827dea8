/**
 * Ink 6's text-layout caches are bounded by scripts/patch-ink-caches.js (run by postinstall):
 * the cache it inlines forgets, the installed Ink carries it, and Ink still measures right.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BoundedCache, CACHE_LIMIT, PATCHES, inkBuildDir, patchSource } from '../../scripts/patch-ink-caches.js';

describe('BoundedCache', () => {
  it('holds at most two generations however many keys pass through', () => {
    const cache = new BoundedCache<string, number>(100);
    for (let i = 0; i < 10_000; i++) cache.set(`row ${i}`, i);
    expect(cache.size).toBeLessThanOrEqual(200);
    expect(cache.get('row 9999')).toBe(9999);
    expect(cache.get('row 0')).toBeUndefined();
  });

  it('keeps what is still being read across a generation change', () => {
    const cache = new BoundedCache<string, number>(10);
    cache.set('header', 1);
    for (let i = 0; i < 50; i++) {
      expect(cache.get('header')).toBe(1);
      cache.set(`price ${i}`, i);
    }
  });
});

describe('patchSource', () => {
  const replacements = PATCHES.find((patch) => patch.file === 'measure-text.js')!.replacements;

  it('replaces the unbounded Map, and a second run changes nothing', () => {
    const first = patchSource("import x from 'y';\nconst cache = new Map();\nexport default x;\n", replacements);
    expect(first.status).toBe('patched');
    expect(first.text).toContain(`new BoundedCache(${CACHE_LIMIT})`);
    expect(first.text).not.toContain('new Map();\nexport');
    expect(patchSource(first.text, replacements)).toEqual({ status: 'already', text: first.text });
  });

  it('leaves text it does not know alone', () => {
    const source = 'const cache = new QuickLRU({maxSize: 4096});\n';
    expect(patchSource(source, replacements)).toEqual({ status: 'unknown', text: source });
  });
});

describe('the installed Ink', () => {
  it.each(PATCHES)('has $file patched (postinstall ran)', ({ file, replacements }) => {
    const source = readFileSync(join(inkBuildDir(), file), 'utf8');
    expect(patchSource(source, replacements).status).toBe('already');
  });

  it('still measures and truncates text as before', async () => {
    const load = async (file: string): Promise<unknown> => ((await import(pathToFileURL(join(inkBuildDir(), file)).href)) as { default: unknown }).default;
    const measureText = (await load('measure-text.js')) as (text: string) => { width: number; height: number };
    const wrapText = (await load('wrap-text.js')) as (text: string, width: number, wrap: string) => string;
    expect(measureText('67 251.5  0.420\nBN HL')).toEqual({ width: 15, height: 2 });
    expect(measureText('67 251.5  0.420\nBN HL')).toEqual({ width: 15, height: 2 });
    expect(wrapText('67 251.5  0.420', 8, 'truncate')).toBe('67 251.…');
    expect(wrapText('67 251.5  0.420', 8, 'truncate')).toBe('67 251.…');
  });
});
