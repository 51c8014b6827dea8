/**
 * Where the team's shared data lives: /work/shared/data, the repo's sibling `../shared`,
 * found relative to this file so tests run from any working directory.
 */
import { fileURLToPath } from 'node:url';

const root = new URL('../../../shared/data/', import.meta.url);

/** Absolute path of `rel` under shared/data, e.g. `sharedDataPath('recorded/README.md')`. */
export function sharedDataPath(rel: string): string {
  return fileURLToPath(new URL(rel.replace(/^\/+/, ''), root));
}
