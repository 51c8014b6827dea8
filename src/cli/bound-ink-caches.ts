/**
 * Bounds Ink 6's text-layout caches (ink-cache-patch.ts says why) in this process, by a module
 * load hook that rewrites the two cache files as Node reads them. Call it before Ink is first
 * imported: a module already loaded is not loaded again.
 *
 * Why a load hook and not a patch of the installed files (an install script): package managers
 * are moving to not running a dependency's install scripts (pnpm 10 and Bun by default, npm's
 * allow-scripts), so a user who installs depthmux from the registry may never get such a patch,
 * and a read-only or shared install (npx's cache, a global prefix) may not be writable at all.
 * The hook changes nothing on disk and holds wherever Ink is installed. It uses
 * `module.registerHooks` (synchronous, in-thread) where Node has it, and `module.register`
 * (Node 20.6+, off-thread) only where it does not: Node 26 deprecates `module.register` at run time.
 */
import * as nodeModule from 'node:module';
import { loadSync } from './ink-cache-hooks.js';

type RegisterHooks = (hooks: { load: typeof loadSync }) => unknown;

let installed = false;

export function boundInkCaches(): void {
  if (installed) return;
  installed = true;
  // Read through the namespace: @types/node 20 declares no registerHooks.
  const registerHooks = (nodeModule as { registerHooks?: RegisterHooks }).registerHooks;
  if (registerHooks) registerHooks({ load: loadSync });
  else nodeModule.register(new URL('./ink-cache-hooks.js', import.meta.url));
}
