/**
 * The signing key never leaves the process: not on the screen, not in the log file, not in an
 * error message, whatever happens to the connections.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtySession } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';

const KEY = '0x8f58e47491ac5fe6897216208fe1fed316d6ee89de6c901bfc521c2178ebe6dd';
const KEY_HEX = KEY.slice(2);

describe('the Hyperliquid key stays secret', () => {
  let dir: string;
  let session: PtySession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('never appears on screen or in the log, even with every connection failing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'depthmux-key-'));
    const log = join(dir, 'depthmux.log');
    // No network here: the venue and the Hyperliquid API both fail, and say so on screen.
    session = new PtySession(['--exchanges', 'hyperliquid', '--log-file', log], {
      env: { HYPERLIQUID_PRIVATE_KEY: KEY, XDG_STATE_HOME: dir },
    });
    await session.waitFor('the positions pane for the key account', (out) => out.includes('Positions') && /0x[0-9a-f]{4}…[0-9a-f]{4}/.test(out));
    await session.waitFor('a connection error shown', (out) => /last error|⚠/.test(out), 30_000);
    session.press('\t');
    session.press('x');
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
    const everything = session.rawOutput + readFileSync(log, 'utf8');
    expect(everything.length).toBeGreaterThan(100);
    expect(everything.toLowerCase()).not.toContain(KEY_HEX);
  });

  it('refuses a key file others can read, in one line that does not quote the key', async () => {
    dir = mkdtempSync(join(tmpdir(), 'depthmux-key-'));
    const keyFile = join(dir, 'hl.key');
    writeFileSync(keyFile, `${KEY}\n`);
    chmodSync(keyFile, 0o644);
    const result = await runCli(['--json', '--once', '--hl-key-file', keyFile]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(keyFile);
    expect(result.stderr).toContain('chmod 600');
    expect((result.stdout + result.stderr).toLowerCase()).not.toContain(KEY_HEX);
  });

  it('refuses a malformed key from the environment without echoing it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'depthmux-key-'));
    const bad = `${KEY_HEX.slice(0, 60)}zzzz`;
    const result = await runCli(['--json', '--once'], { env: { HYPERLIQUID_PRIVATE_KEY: bad } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('HYPERLIQUID_PRIVATE_KEY');
    expect(result.stderr).not.toContain(bad.slice(0, 20));
  });
});
