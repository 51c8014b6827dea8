/** Types of patch-ink-caches.js, for its unit test. */
export declare const CACHE_LIMIT: number;
export declare class BoundedCache<K, V> {
  constructor(limit: number);
  readonly size: number;
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}
export type PatchStatus = 'patched' | 'already' | 'unknown';
export declare const PATCHES: ReadonlyArray<{ readonly file: string; readonly replacements: ReadonlyArray<readonly [string, string]> }>;
export declare function patchSource(source: string, replacements: ReadonlyArray<readonly [string, string]>): { status: PatchStatus; text: string };
export declare function inkBuildDir(): string;
