/**
 * Install-time patch (run by `postinstall`): bounds the two text-layout caches of Ink 6.
 *
 * Ink 6.8 memoizes text measurement in module-level caches keyed by the full text of every
 * string it lays out — `build/measure-text.js` (`new Map()`) and `build/wrap-text.js` (`{}`) —
 * and never evicts (vadimdemedes/ink issue #986). A screen of moving prices adds entries every
 * frame, so a depthmux left open all day grows without bound. Ink 8 bounds them with an LRU
 * (PR #987, quick-lru) but requires Node >= 22; depthmux supports Node 20.
 *
 * Why a source patch at install time: the caches are private to their modules, so nothing at
 * runtime can reach them, and a module loader hook would need a different API on Node 20
 * (`module.register`, off-thread) than on 22+ (`module.registerHooks`) and would have to be
 * registered before Ink is first imported on every entry point (binary, tests, bench). Rewriting
 * two lines of plain JavaScript behaves the same on every Node version, and `npm ci` applies it.
 *
 * The patch replaces only text it recognises exactly (Ink 6.8.0's); anything else is left alone
 * with a warning, so a changed Ink is never corrupted. Running it twice changes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Ink 8's bound (PR #987: quick-lru with maxSize 4096); a screen holds a few hundred strings. */
export const CACHE_LIMIT = 4096;

/**
 * Two generations of a Map, as quick-lru keeps them ("hashlru" algorithm): when the current one
 * is full it becomes the old one and a new one starts; a hit in the old one is carried over. At
 * most 2 × limit entries, every operation O(1), and whatever the screen keeps drawing stays cached.
 * Its source is inlined into Ink's files, so it must not refer to anything outside itself.
 */
export class BoundedCache {
  constructor(limit) {
    this.limit = limit;
    this.current = new Map();
    this.old = new Map();
  }

  get size() {
    return this.current.size + this.old.size;
  }

  get(key) {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key, value) {
    if (this.current.size >= this.limit) {
      this.old = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}

const MARKER = '/* depthmux: bounded text cache (scripts/patch-ink-caches.js) */';
const DECLARATION = `${MARKER}\n${BoundedCache.toString()}\nconst cache = new BoundedCache(${CACHE_LIMIT});`;

/** Exact text of Ink 6.8.0's build files, and what replaces it. */
export const PATCHES = [
  { file: 'measure-text.js', replacements: [['const cache = new Map();', DECLARATION]] },
  {
    file: 'wrap-text.js',
    replacements: [
      ['const cache = {};', DECLARATION],
      ['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
      ['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
    ],
  },
];

/** 'patched' with the new text, 'already' when the marker is there, 'unknown' when any text is missing. */
export function patchSource(source, replacements) {
  if (source.includes(MARKER)) return { status: 'already', text: source };
  let text = source;
  for (const [from, to] of replacements) {
    if (text.split(from).length !== 2) return { status: 'unknown', text: source };
    text = text.replace(from, () => to);
  }
  return { status: 'patched', text };
}

/** The directory of Ink's build files as Node resolves `ink` from here (hoisted or nested alike). */
export function inkBuildDir() {
  return dirname(createRequire(import.meta.url).resolve('ink'));
}

function main() {
  let buildDir;
  try {
    buildDir = inkBuildDir();
  } catch {
    return; // Ink not installed (e.g. a production install of something else): nothing to bound.
  }
  for (const { file, replacements } of PATCHES) {
    const path = join(buildDir, file);
    const result = patchSource(readFileSync(path, 'utf8'), replacements);
    if (result.status === 'patched') writeFileSync(path, result.text);
    if (result.status === 'unknown') {
      process.stderr.write(`depthmux: ${path} is not the Ink 6.8 text this patch knows; its text cache stays unbounded (memory grows while the screen runs)\n`);
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
