/**
 * Where depthmux keeps state that must outlive a run and be shared between runs: close locks and
 * the close journal. XDG Base Directory spec: $XDG_STATE_HOME (default ~/.local/state) is for
 * "state data that should persist between (application) restarts". Created owner-only (0700):
 * the journal says what the user traded.
 */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** $XDG_STATE_HOME/depthmux, or ~/.local/state/depthmux; a relative XDG_STATE_HOME is ignored, as the spec says. */
export function defaultStateDir(env: Readonly<Record<string, string | undefined>> = process.env, home: string = homedir()): string {
  const xdg = env['XDG_STATE_HOME'];
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, '.local', 'state');
  return join(base, 'depthmux');
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}
