/**
 * Where the fixtures live (docs' examples per venue, recorded captures, peer examples), found
 * relative to this file so tests run from any working directory and any clone.
 */
import { fileURLToPath } from 'node:url';

const root = new URL('../fixtures/', import.meta.url);

/** Absolute path of `rel` under test/fixtures, e.g. `fixturePath('recorded/README.md')`. */
export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(rel.replace(/^\/+/, ''), root));
}
