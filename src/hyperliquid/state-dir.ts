/**
 * Where depthmux keeps state that must outlive a run and be shared between runs: close locks and
 * the close journal. XDG Base Directory spec: $XDG_STATE_HOME (default ~/.local/state) is for
 * "state data that should persist between (application) restarts". Created owner-only (0700):
 * the journal says what the user traded.
 */
import { chmod, lstat, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** $XDG_STATE_HOME/depthmux, or ~/.local/state/depthmux; a relative XDG_STATE_HOME is ignored, as the spec says. */
export function defaultStateDir(env: Readonly<Record<string, string | undefined>> = process.env, home: string = homedir()): string {
  const xdg = env['XDG_STATE_HOME'];
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, '.local', 'state');
  return join(base, 'depthmux');
}

/**
 * Creates `dir` owner-only, or makes an existing one so: a directory that others can read or
 * write would let them read what the user traded or plant a lock. One owned by another user is
 * refused, with the command that fixes it. (mkdir's mode does not touch an existing directory.)
 */
export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory()) throw new Error(`${dir} is not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new Error(`${dir} belongs to another user (uid ${info.uid}); use a directory of your own (XDG_STATE_HOME) or run: chown $(id -u) ${dir} && chmod 700 ${dir}`);
  }
  if (openToOthers(info.mode)) await chmod(dir, 0o700);
}

/** True when a file mode lets anyone but its owner read or write it. */
export function openToOthers(mode: number): boolean {
  return (mode & 0o077) !== 0;
}
