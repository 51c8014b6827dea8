/**
 * A session the pool has closed never writes to the store again: after BTC is switched away
 * from and closed (no warm cache here), no store write carries BTC or its books, and the closed
 * feeds stop changing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { venue } from '../../src/venues/registry.js';
import { demoVenues } from '../../src/cli/runtime.js';
import { SymbolPool } from '../../src/pool/symbol-pool.js';
import { SymbolSession } from '../../src/pool/symbol-session.js';
import { Demo } from '../../src/sim/demo.js';
import { createAppStore, type AppState } from '../../src/store/app-store.js';
import { FrameClock } from '../../src/store/frame-clock.js';
import { waitFor } from '../helpers/wait-for.js';

describe('closed sessions and the store', () => {
  let demo: Demo | undefined;
  let pool: SymbolPool<SymbolSession> | undefined;
  afterEach(async () => {
    pool?.close();
    await demo?.close();
  });

  it('after the swap, the closed session is silent and the store hears only the new symbol', async () => {
    demo = await Demo.start({ venues: demoVenues(['binance', 'hyperliquid']), stepMs: 20 });
    const codecs = (['binance', 'hyperliquid'] as const).map((id) => () => venue(id).codec(demo!.endpoints(id)));
    const opened: SymbolSession[] = [];
    pool = new SymbolPool({
      symbol: 'BTC',
      warm: { size: 0 },
      makeSession: (base) => {
        const session = new SymbolSession(base, codecs);
        opened.push(session);
        return session;
      },
    });
    const store = createAppStore({ symbol: 'BTC', depth: 10 });
    const clock = new FrameClock({ store, source: () => ({ symbol: pool!.current.base, feeds: pool!.current.feeds }) });
    const btc = opened[0]!;
    await waitFor('BTC live on both venues', () => btc.readiness().live === 2);
    clock.tick();
    expect(store.getState().ladder?.symbol).toBe('BTC');

    pool.switchTo('ETH');
    await waitFor('the swap to ETH', () => pool!.current.base === 'ETH');
    const versionsAtClose = btc.feeds.map((feed) => feed.version);
    const writes: AppState[] = [];
    const unsubscribe = store.subscribe((state) => writes.push(state));
    for (let frame = 0; frame < 20; frame++) {
      clock.tick();
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The market keeps moving; let it move enough that a leaking session would have written.
    const eth = pool.current;
    const ethVersion = eth.feeds[0]!.version;
    await waitFor('ETH to move on', () => eth.feeds[0]!.version > ethVersion + 5);
    clock.tick();
    unsubscribe();

    expect(writes.length).toBeGreaterThan(0);
    for (const state of writes) {
      expect(state.symbol).toBe('ETH');
      expect(state.ladder?.symbol).toBe('ETH');
      for (const level of state.ladder?.bids ?? []) expect(level.price).toBeLessThan(10_000);
    }
    expect(btc.feeds.map((feed) => feed.version)).toEqual(versionsAtClose);
    expect(btc.feeds.map((feed) => feed.health().state)).toEqual(['closed', 'closed']);
    await waitFor('the simulators to see BTC sockets gone', () => [...demo!.servers.values()].every((server) => server.clientCount === 1));
  });
});
