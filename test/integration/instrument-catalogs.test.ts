/**
 * Binance USDⓈ-M and Aster answer their instrument request with every contract they list. With
 * the runtime's kept lists, the feeds of a second symbol go live without asking for the list
 * again, and a symbol the list lacks is "not listed" without asking either; without them (a
 * recording) every symbol asks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoVenues } from '../../src/cli/runtime.js';
import { InstrumentCatalogs } from '../../src/feeds/instrument-catalogs.js';
import { liveTransport } from '../../src/feeds/live-transport.js';
import type { FeedTransport } from '../../src/feeds/transport.js';
import { SymbolSession } from '../../src/pool/symbol-session.js';
import { Demo } from '../../src/sim/demo.js';
import { venue } from '../../src/venues/registry.js';
import { waitFor } from '../helpers/wait-for.js';

const VENUES = ['binance-usdm', 'aster'] as const;

describe('instrument lists kept across symbols', () => {
  let demo: Demo | undefined;
  const sessions: SymbolSession[] = [];
  afterEach(async () => {
    for (const session of sessions.splice(0)) session.close();
    await demo?.close();
    demo = undefined;
  });

  /** Sessions on both venues that share `catalogs`, and the paths every GET of theirs asked for. */
  async function setUp(catalogs: InstrumentCatalogs | undefined) {
    demo = await Demo.start({ venues: demoVenues([...VENUES]), stepMs: 20 });
    const codecs = VENUES.map((id) => () => venue(id).codec(demo!.endpoints(id)));
    const asked: string[] = [];
    const counting: FeedTransport = {
      ...liveTransport,
      get: (url, signal) => {
        asked.push(new URL(url).pathname);
        return liveTransport.get(url, signal);
      },
    };
    const open = (base: string): SymbolSession => {
      const session = new SymbolSession(base, codecs, { transport: () => counting, ...(catalogs ? { instrumentCatalogs: catalogs } : {}) });
      sessions.push(session);
      session.start();
      return session;
    };
    const listRequests = () => asked.filter((path) => path.endsWith('/exchangeInfo')).length;
    return { open, listRequests };
  }

  it("a second symbol's feeds go live on the list the first one fetched; a symbol it lacks is not listed", async () => {
    const { open, listRequests } = await setUp(new InstrumentCatalogs());
    const btc = open('BTC');
    await waitFor('BTC live on both venues', () => btc.readiness().live === VENUES.length);
    expect(listRequests()).toBe(VENUES.length);

    const eth = open('ETH');
    await waitFor('ETH live on both venues', () => eth.readiness().live === VENUES.length);
    expect(eth.feeds.map((feed) => feed.instrument?.symbol)).toEqual(['ETHUSDT', 'ETHUSDT']);
    const nope = open('NOPE');
    await waitFor('NOPE not listed on both venues', () => nope.readiness().failed === VENUES.length);
    expect(nope.feeds.map((feed) => feed.health().lastError)).toEqual([expect.stringMatching(/NOPEUSDT is not in exchangeInfo/), expect.stringMatching(/NOPEUSDT is not in exchangeInfo/)]);
    expect(listRequests()).toBe(VENUES.length);
  });

  it('without kept lists every symbol asks', async () => {
    const { open, listRequests } = await setUp(undefined);
    const btc = open('BTC');
    await waitFor('BTC live on both venues', () => btc.readiness().live === VENUES.length);
    const eth = open('ETH');
    await waitFor('ETH live on both venues', () => eth.readiness().live === VENUES.length);
    expect(listRequests()).toBe(2 * VENUES.length);
  });
});
