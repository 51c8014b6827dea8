/**
 * The close key end to end, as a user does it in a terminal: Tab to the positions pane, x, y;
 * the position goes away and the status line tells the fill.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PtySession } from '../helpers/pty.js';

describe('closing a position in the demo', () => {
  let session: PtySession | undefined;
  let stateDir: string | undefined;
  afterEach(async () => {
    await session?.close();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('Tab, x, y closes the selected position and says how it filled', async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'depthmux-state-'));
    session = new PtySession(['--demo'], { env: { XDG_STATE_HOME: stateDir } });
    await session.waitFor('the demo positions', (out) => /BTC\s+long\s+0\.25 entry/.test(out) && out.includes('stream live'));
    session.press('\t');
    await session.waitFor('the BTC row selected', (out) => out.includes('▸ BTC'));
    session.press('x');
    await session.waitFor('the confirmation', (out) => out.includes('Close BTC long 0.25?') && out.includes('y to send'));
    session.press('y');
    await session.waitFor('the fill on the status line', (out) => /BTC long closed: 0\.25 at avg \d+/.test(out));
    await session.waitFor('the BTC position gone from the pane', (out) => {
      const screen = out.slice(out.lastIndexOf('Positions'));
      return screen.includes('ETH   short') && !/BTC\s+long\s+0\.25 entry/.test(screen);
    });
    // The demo journals apart from real closes.
    const journal = readFileSync(join(stateDir, 'depthmux', 'demo', 'close-journal.jsonl'), 'utf8');
    expect(journal).toContain('"coin":"BTC"');
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });
});
