/**
 * The built binary in a real terminal of each size a trader uses: the layout for that size
 * appears, `?` shows the help, a resize redraws for the new size, `q` quits with exit code 0.
 * With CI=true too: a terminal always gets the live screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PtySession } from '../helpers/pty.js';

describe('depthmux --demo at each terminal size', () => {
  let session: PtySession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it.each([
    [80, 24, /● BN +\d+\.\d\d +\d+\.\d\d +0/, 120, 40],
    [120, 40, /● BN live +\d+\.\d\d +\d+\.\d\d/, 80, 24],
    [200, 60, /price +size +total +BN( +[A-Z]{2})* +HL/, 60, 20],
  ] as const)('%i×%i: its layout, help, a resize, quit', async (cols, rows, layoutMark, nextCols, nextRows) => {
    session = new PtySession(['--demo'], { cols, rows, env: { CI: 'true' } });
    await session.waitFor('the ladder and the liquidity line', (out) => /spread \d+\.\d+ \([\d.]+ bp\) · mid \d+/.test(out) && /BTC within 10bp/.test(out));
    await session.waitFor(`the ${cols}-column venue list`, (out) => layoutMark.test(out));
    session.press('?');
    await session.waitFor('the help', (out) => /q \/ Ctrl-C\s+quit depthmux/.test(out));
    session.press('\u001B');
    const beforeResize = session.output.length;
    session.resize(nextCols, nextRows);
    const resized = nextCols < 80 ? /Make the terminal at least 80×24/ : nextCols >= 110 ? /● BN live/ : /● BN +\d/;
    await session.waitFor(`the layout for ${nextCols}×${nextRows}`, (out) => resized.test(out.slice(beforeResize)));
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
    expect(session.rawOutput).toContain('\u001B[?1049l');
  });

  it('60×20 from the start: asks for a larger terminal, and q still quits', async () => {
    session = new PtySession(['--demo'], { cols: 60, rows: 20 });
    await session.waitFor('the size notice', (out) => out.includes('Make the terminal at least 80×24') && out.includes('it is 60×20 now'));
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });
});
