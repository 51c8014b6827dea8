/** Symbol switching from the keyboard in a real terminal: ], [ and /ETH⏎. */
import { afterEach, describe, expect, it } from 'vitest';
import { PtySession } from '../helpers/pty.js';

describe('switching symbols in the demo', () => {
  let session: PtySession | undefined;
  afterEach(async () => {
    await session?.close();
  });

  it('] moves along the watchlist, / types a symbol, and the ladder follows', async () => {
    session = new PtySession(['--demo', '--symbols', 'BTC,ETH,SOL']);
    await session.waitFor('the BTC ladder', (out) => out.includes('Depth BTC') && out.includes('spread'));
    session.press(']');
    await session.waitFor('the ETH ladder', (out) => /Depth ETH · tick/.test(out));
    session.press(']');
    await session.waitFor('the SOL ladder', (out) => /Depth SOL · tick/.test(out));
    session.press('/');
    await session.waitFor('the symbol prompt', (out) => out.includes('symbol:'));
    session.press('btc\r');
    const before = session.output.length;
    await session.waitFor('back on BTC', (out) => /Depth BTC · tick/.test(out.slice(before)));
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });
});
