/**
 * Where the bench's recorded frames live: test/fixtures/ of this repository (copied unchanged
 * from their sources, each with its licence note), so a fresh clone benches with nothing beside
 * it. Found by walking up to the repository root, so it works from `bench/` (typecheck) and from
 * `dist-bench/bench/` (the compiled bench) alike.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: no package.json above the bench directory');
    dir = parent;
  }
  return dir;
}

/** Absolute path of `rel` under test/fixtures, e.g. `fixturePath('recorded/README.md')`. */
export function fixturePath(rel: string): string {
  return join(repoRoot(), 'test', 'fixtures', rel);
}
