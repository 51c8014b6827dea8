/**
 * The built binary in a real pseudo-terminal, as a user runs it: a price ladder and a row per
 * venue appear, `q` quits with exit code 0 and the terminal leaves the alternate screen. Runs
 * with CI=true in the environment too: a terminal must still get the live screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VENUE_IDS } from '../../src/venues/ids.js';
import { PtySession } from '../helpers/pty.js';

describe('depthmux --demo in a terminal', () => {
  let session: PtySession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('shows a live ladder and every venue, and quits on q with exit code 0', async () => {
    session = new PtySession(['--demo'], { env: { CI: 'true' } });
    await session.waitFor('a spread line between asks and bids', (out) => /spread \d+\.\d+ \([\d.]+ bp\) · mid \d+/.test(out));
    const all = VENUE_IDS.length;
    await session.waitFor(`all ${all} venues live`, (out) => out.includes(`${all}/${all} live`));
    const screen = session.output;
    // A row shows as many decimals as its book's prices have (store/selectors.ts priceDecimals):
    // a book quoting whole prices, as the simulated one may, shows none.
    expect(screen).toMatch(/● BN live\s+\d+(?:\.\d+)?\s/);
    expect(screen).toMatch(/● HL live\s+\d+/);
    // Several frames, not just the last one: the screen is live even with CI set.
    const frames = session.output.split('depthmux BTC').length - 1;
    expect(frames).toBeGreaterThan(1);
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
    expect(session.rawOutput).toContain('\u001B[?1049l');
  });

  it('shows garbage from a venue in that venue row and stays live', async () => {
    session = new PtySession(['--demo', '--exchanges', 'binance', '--faults', 'garbage@1/1']);
    await session.waitFor('the error under the Binance row', (out) => /BN (?:Binance +)?live[^\n]*\n[^\n]*⚠ \S+ ago: Binance: frame is not JSON/.test(out));
    const errorShownAt = session.output.length;
    await session.waitFor('the Binance row still live after more garbage', (out) => {
      const rows = [...out.slice(errorShownAt).matchAll(/[●◐◌◑↻✕] BN (?:Binance +)?(\w+)/g)];
      return rows.length > 0 && rows.at(-1)![1] === 'live';
    });
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('quits on Ctrl-C with exit code 0', async () => {
    session = new PtySession(['--demo', '--exchanges', 'binance']);
    await session.waitFor('the ladder', (out) => out.includes('spread'));
    session.press('\u0003');
    expect(await session.waitForExit()).toBe(0);
  });
});
