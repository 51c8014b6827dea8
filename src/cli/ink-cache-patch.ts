/**
 * Bounds the two text-layout caches of Ink 6 by rewriting their source as Node loads it (the
 * hooks are in ink-cache-hooks.ts, installed by bound-ink-caches.ts; ink-patches.ts lists every
 * patch applied).
 *
 * Ink 6.8 memoizes text measurement in module-level caches keyed by the full text of every
 * string it lays out — `build/measure-text.js` (`new Map()`) and `build/wrap-text.js` (`{}`) —
 * and never evicts (vadimdemedes/ink issue #986). A screen of moving prices adds entries every
 * frame, so a depthmux left open all day grows without bound. Ink 8 bounds them with an LRU
 * (PR #987, quick-lru) but requires Node >= 22; depthmux supports Node 20.
 *
 * The patch replaces only text it recognises exactly (Ink 6.8.0's); anything else is left alone,
 * so a changed Ink is never corrupted. A file already carrying the marker is left as it is.
 */

/**
 * Entries per generation. Ink 8 keeps 4096 (PR #987), but depthmux's screen draws ~400 texts a
 * second it has never drawn before (at 120×40 on `--demo`, 10 frames a second: each ladder row is
 * one text, and sizes move): 4096 of them are ten seconds of rows that will not come back, up to
 * ~2 MB held across the two generations and dropped a generation every ten seconds.
 * 1024 still holds every text on a 200×60 screen several times over, so a text that stays on
 * screen is always found: it is carried into each new generation by its next lookup.
 */
export const CACHE_LIMIT = 1024;

/**
 * Two generations of a Map, as quick-lru keeps them ("hashlru" algorithm): when the current one
 * is full it becomes the old one and a new one starts; a hit in the old one is carried over. At
 * most 2 × limit entries, every operation O(1), and whatever the screen keeps drawing stays cached.
 * Its source (Function.prototype.toString) is inlined into Ink's files, so it must not refer to
 * anything outside itself.
 */
export class BoundedCache<K, V> {
  private current = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.current.size + this.old.size;
  }

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.limit) {
      this.old = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}

/** Opens the comment that marks a patched file (files patched on disk by earlier releases carry it too). */
const MARKER = '/* depthmux: bounded text cache';

const DECLARATION = `${MARKER} (src/cli/ink-cache-patch.ts) */\n${BoundedCache.toString()}\nconst cache = new BoundedCache(${CACHE_LIMIT});`;

export type Replacements = ReadonlyArray<readonly [from: string, to: string]>;

export interface SourcePatch {
  /** The module's path below node_modules, e.g. `ink/build/measure-text.js`. */
  readonly module: string;
  /** Text only a patched file holds. */
  readonly marker: string;
  readonly replacements: Replacements;
}

/** Exact text of Ink 6.8.0's two text-measurement caches, and what replaces it. */
export const TEXT_CACHE_PATCHES: readonly SourcePatch[] = [
  { module: 'ink/build/measure-text.js', marker: MARKER, replacements: [['const cache = new Map();', DECLARATION]] },
  {
    module: 'ink/build/wrap-text.js',
    marker: MARKER,
    replacements: [
      ['const cache = {};', DECLARATION],
      ['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
      ['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
    ],
  },
];

export type PatchStatus = 'patched' | 'already' | 'unknown';

/** 'patched' with the new text, 'already' when the marker is there, 'unknown' when any text is missing. */
export function patchSource(source: string, patch: Pick<SourcePatch, 'marker' | 'replacements'>): { status: PatchStatus; text: string } {
  if (source.includes(patch.marker)) return { status: 'already', text: source };
  let text = source;
  for (const [from, to] of patch.replacements) {
    if (text.split(from).length !== 2) return { status: 'unknown', text: source };
    text = text.replace(from, () => to);
  }
  return { status: 'patched', text };
}
