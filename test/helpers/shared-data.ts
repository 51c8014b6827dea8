/**
 * Where the shared data lives (recorded exchange traffic, peer examples): `shared/data` beside
 * the repository, found relative to this file so tests run from any working directory.
 */
import { fileURLToPath } from 'node:url';

const root = new URL('../../../shared/data/', import.meta.url);

/** Absolute path of `rel` under shared/data, e.g. `sharedDataPath('recorded/README.md')`. */
export function sharedDataPath(rel: string): string {
  return fileURLToPath(new URL(rel.replace(/^\/+/, ''), root));
}
