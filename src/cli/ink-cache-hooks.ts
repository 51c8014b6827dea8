/**
 * Module load hooks that hand Node Ink's files patched (ink-patches.ts): `load` is the
 * asynchronous hook of `module.register` (Node 20.6+, run on its loader thread), `loadSync` the
 * synchronous one of `module.registerHooks` (Node 22.15+ / 23.5+). bound-ink-caches.ts picks one.
 */
import { patchModuleSource } from './ink-patches.js';

type Source = string | ArrayBuffer | ArrayBufferView | undefined | null;
interface LoadResult {
  readonly format?: string | null;
  readonly source?: Source;
  readonly shortCircuit?: boolean;
}
type NextLoadSync = (url: string, context?: unknown) => LoadResult;
type NextLoad = (url: string, context?: unknown) => Promise<LoadResult>;

function patched(url: string, result: LoadResult): LoadResult {
  const { source } = result;
  if (result.format !== 'module' || source === undefined || source === null) return result;
  const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
  const bounded = patchModuleSource(url, text);
  return bounded === text ? result : { ...result, source: bounded };
}

export function loadSync(url: string, context: unknown, nextLoad: NextLoadSync): LoadResult {
  return patched(url, nextLoad(url, context));
}

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  return patched(url, await nextLoad(url, context));
}
