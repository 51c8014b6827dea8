/**
 * Every rewrite of Ink's source that depthmux applies as Node loads it (ink-cache-hooks.ts): the
 * bounded text caches (ink-cache-patch.ts), the lean output pass (ink-output-patch.ts),
 * segmenter-free measuring of narrow text (ink-width-patch.ts) and sanitizing without tokenizing
 * text that holds only colours (ink-sanitize-patch.ts).
 */
import { patchSource, TEXT_CACHE_PATCHES, type SourcePatch } from './ink-cache-patch.js';
import { OUTPUT_PATCHES } from './ink-output-patch.js';
import { SANITIZE_PATCHES } from './ink-sanitize-patch.js';
import { WIDTH_PATCHES } from './ink-width-patch.js';

export const INK_PATCHES: readonly SourcePatch[] = [...TEXT_CACHE_PATCHES, ...OUTPUT_PATCHES, ...WIDTH_PATCHES, ...SANITIZE_PATCHES];

/**
 * The source Node should run for the module at `url`: a patched module wherever its package sits
 * (hoisted, nested, in npx's cache), anything else as it is.
 */
export function patchModuleSource(url: string, source: string): string {
  const patch = INK_PATCHES.find((candidate) => url.endsWith(`/node_modules/${candidate.module}`));
  return patch ? patchSource(source, patch).text : source;
}
