/**
 * Where the close locks and the journal live, and what ensureDir() accepts as that place. XDG Base
 * Directory spec: $XDG_STATE_HOME, default $HOME/.local/state; "If an implementation encounters a
 * relative path in any of these variables it should consider the path invalid and ignore it."
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultStateDir, ensureDir, openToOthers } from '../../src/hyperliquid/state-dir.js';

describe('defaultStateDir', () => {
  it('$XDG_STATE_HOME/depthmux when it is an absolute path', () => {
    expect(defaultStateDir({ XDG_STATE_HOME: '/var/lib/me' }, '/home/me')).toBe('/var/lib/me/depthmux');
  });

  it('~/.local/state/depthmux when it is unset, empty or relative', () => {
    for (const env of [{}, { XDG_STATE_HOME: '' }, { XDG_STATE_HOME: 'state' }, { XDG_STATE_HOME: './state' }]) {
      expect(defaultStateDir(env, '/home/me')).toBe('/home/me/.local/state/depthmux');
    }
  });
});

describe('ensureDir', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'depthmux-state-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('creates missing parents and the directory, owner-only', async () => {
    const dir = join(root, 'a', 'b', 'depthmux');
    await ensureDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a file in its place', async () => {
    const file = join(root, 'depthmux');
    writeFileSync(file, '');
    await expect(ensureDir(file)).rejects.toThrow(/EEXIST|is not a directory/);
  });

  it('refuses a symbolic link in its place, even to a directory of its own', async () => {
    // A link someone else planted would send the journal and locks where they chose.
    const target = join(root, 'elsewhere');
    mkdirSync(target, { mode: 0o700 });
    const link = join(root, 'depthmux');
    symlinkSync(target, link);
    await expect(ensureDir(link)).rejects.toThrow(`${link} is not a directory`);
  });
});

describe('openToOthers', () => {
  it('true when group or others may read, write or enter; false for owner-only modes', () => {
    for (const mode of [0o700, 0o600, 0o400, 0o100700, 0o40700]) expect(openToOthers(mode)).toBe(false);
    for (const mode of [0o640, 0o604, 0o620, 0o602, 0o710, 0o701, 0o755, 0o100644]) expect(openToOthers(mode)).toBe(true);
  });
});
