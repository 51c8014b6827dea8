/**
 * Ink 6's text-layout caches are bounded in every process that draws (src/cli/bound-ink-caches.ts):
 * the cache the patch inlines forgets, the patch recognises the installed Ink, a module load hook
 * hands Node the bounded text whatever is on disk, and Ink still measures right.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BoundedCache, CACHE_LIMIT, patchSource, TEXT_CACHE_PATCHES } from '../../src/cli/ink-cache-patch.js';
import { INK_PATCHES, patchModuleSource } from '../../src/cli/ink-patches.js';

const inkBuildDir = dirname(createRequire(import.meta.url).resolve('ink'));
const inkPackageDir = dirname(inkBuildDir);

/** A module below node_modules as Ink resolves it: nested in Ink's own node_modules, else hoisted. */
function installedPath(module: string): string {
  const nested = join(inkPackageDir, 'node_modules', module);
  return existsSync(nested) ? nested : join(dirname(inkPackageDir), module);
}

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
  const measureText = TEXT_CACHE_PATCHES.find((patch) => patch.module === 'ink/build/measure-text.js')!;

  it('replaces the unbounded Map, and a second run changes nothing', () => {
    const first = patchSource("import x from 'y';\nconst cache = new Map();\nexport default x;\n", measureText);
    expect(first.status).toBe('patched');
    expect(first.text).toContain(`new BoundedCache(${CACHE_LIMIT})`);
    expect(first.text).not.toContain('new Map();\nexport');
    expect(patchSource(first.text, measureText)).toEqual({ status: 'already', text: first.text });
  });

  it('leaves text it does not know alone', () => {
    const source = 'const cache = new QuickLRU({maxSize: 4096});\n';
    expect(patchSource(source, measureText)).toEqual({ status: 'unknown', text: source });
  });

  it('recognises every installed module it patches', () => {
    for (const patch of INK_PATCHES) {
      // A tree installed by an older release may carry the text-cache patch on disk already.
      const installed = readFileSync(installedPath(patch.module), 'utf8');
      expect(['patched', 'already']).toContain(patchSource(installed, patch).status);
    }
  });
});

describe('patchModuleSource', () => {
  const unbounded = 'const cache = new Map();\nexport default cache;\n';

  it("bounds Ink's measure-text wherever the ink package sits, and nothing else", () => {
    expect(patchModuleSource('file:///home/u/.npm/_npx/1/node_modules/ink/build/measure-text.js', unbounded)).toContain('new BoundedCache(');
    expect(patchModuleSource('file:///app/node_modules/ink/build/text.js', unbounded)).toBe(unbounded);
    expect(patchModuleSource('file:///app/node_modules/other/build/measure-text.js', unbounded)).toBe(unbounded);
  });
});

describe('the load hook, in a fresh Node process', () => {
  const root = mkdtempSync(join(tmpdir(), 'depthmux-ink-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  // An `ink` package whose cache file has Ink 6.8's unbounded line, and exports the cache.
  const fakeInk = join(root, 'node_modules', 'ink', 'build', 'measure-text.js');
  mkdirSync(dirname(fakeInk), { recursive: true });
  writeFileSync(fakeInk, 'const cache = new Map();\nexport default cache;\n');
  const built = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bound-ink-caches.js')).href;
  const cacheClass = (install: boolean): string =>
    execFileSync(process.execPath, ['--input-type=module', '-e', [
      install ? `(await import(${JSON.stringify(built)})).boundInkCaches();` : '',
      `const cache = (await import(${JSON.stringify(pathToFileURL(fakeInk).href)})).default;`,
      'process.stdout.write(cache.constructor.name);',
    ].join('\n')], { encoding: 'utf8' });

  it('hands Node the bounded cache though the file on disk is unbounded', () => {
    expect(cacheClass(false)).toBe('Map');
    expect(cacheClass(true)).toBe('BoundedCache');
    expect(readFileSync(fakeInk, 'utf8')).toContain('new Map()');
  });
});

describe('the installed Ink, as loaded', () => {
  it('still measures and truncates text as before', async () => {
    const load = async (file: string): Promise<unknown> => ((await import(pathToFileURL(join(inkBuildDir, file)).href)) as { default: unknown }).default;
    const measureText = (await load('measure-text.js')) as (text: string) => { width: number; height: number };
    const wrapText = (await load('wrap-text.js')) as (text: string, width: number, wrap: string) => string;
    expect(measureText('67 251.5  0.420\nBN HL')).toEqual({ width: 15, height: 2 });
    expect(measureText('67 251.5  0.420\nBN HL')).toEqual({ width: 15, height: 2 });
    expect(wrapText('67 251.5  0.420', 8, 'truncate')).toBe('67 251.…');
    expect(wrapText('67 251.5  0.420', 8, 'truncate')).toBe('67 251.…');
  });
});
