/** `depthmux replay` on the screen: the recording's books drawn as they play, ] to the next symbol, Space to leave a venue out, q to quit. */
import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/fixtures.js';
import { PtySession } from '../helpers/pty.js';

describe('depthmux replay in a terminal', () => {
  let session: PtySession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('shows the replayed ladder of the first symbol, walks to the next with ], leaves its venue out with Space, and quits on q', async () => {
    // With CI variables set, as CI runs it: a terminal must still get the live screen.
    session = new PtySession(['replay', fixturePath('recorded/binance-spot-cryptofeed.ws.txt'), '--speed', 'max'], { env: { CI: 'true', CI_PIPELINE_ID: '1' } });
    await session.waitFor('the NKNUSDT ladder with Binance live', (out) => /depthmux NKNUSDT/.test(out) && /Binance\s+live/.test(out) && out.includes('spread'));
    await session.waitFor('the end of the replay', (out) => /replay finished: 273 records played/.test(out));
    session.press(']');
    await session.waitFor('the next symbol of the recording', (out) => /depthmux BLZETH/.test(out));
    session.press(' ');
    await session.waitFor('its only venue left out of the merged book', (out) => out.includes('Binance left out of the merged book') && out.includes('every venue is left out'));
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
    expect(session.rawOutput).toContain('\u001B[?1049l');
  });
});
