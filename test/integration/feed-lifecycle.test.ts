/**
 * Lifecycle: a feed closed at any phase (right after start, while its handshake is
 * unanswered, during a REST snapshot, during a backoff wait, mid-reconnect, while a resync waits)
 * leaves nothing behind: the simulator sees no WebSocket client and no REST request, the process
 * holds no more timers than before the feed started (and no more sockets, where no REST request
 * ran: fetch keeps, and after an abort even opens, an idle connection in its shared pool; a venue
 * with an instrument request has made one before its handshake), and nothing about the feed
 * changes afterwards while the market keeps moving. Once the
 * simulator is closed too, the process holds what it held before the file began.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VenueFeed } from '../../src/feeds/feed.js';
import { binanceSpotProtocol } from '../../src/sim/venues/binance-spot.js';
import { FAULT_VENUES, codecFor, guardProcess, venueSetup, type FaultVenue } from '../helpers/fault-kit.js';
import { HoldingProxy } from '../helpers/holding-proxy.js';
import { SimHarness, type HarnessOptions } from '../helpers/sim-harness.js';
import { waitFor } from '../helpers/wait-for.js';

guardProcess();

interface Held {
  readonly timers: number;
  readonly sockets: number;
}

function held(): Held {
  const types = process.getActiveResourcesInfo();
  return { timers: types.filter((t) => t === 'Timeout').length, sockets: types.filter((t) => t === 'TCPSocketWrap').length };
}

/** What a user could see of a feed, and the simulator's count of connection attempts. */
function picture(h: SimHarness): unknown {
  const { msgsPerSec: _rate, ...health } = h.feed.health();
  return { version: h.feed.version, health, bids: h.feed.book.topBids(5), upgrades: h.server.upgradeAttempts };
}

/** What the process holds before anything of this file runs. */
let idle: Held | undefined;
beforeAll(() => {
  idle = held();
});

let harness: SimHarness | undefined;
let proxy: HoldingProxy | undefined;
let baseline: Held | undefined;
/**
 * With the simulator and proxy gone too, the process is back to holding what it held before the
 * file began: a leak cannot hide in the next test's baseline.
 */
afterEach(async () => {
  await harness?.close();
  await proxy?.close();
  harness = proxy = baseline = undefined;
  await waitFor(`timers back to the idle ${idle!.timers} (now ${held().timers})`, () => held().timers <= idle!.timers, 3_000);
  await waitFor(`sockets back to the idle ${idle!.sockets} (now ${held().sockets})`, () => held().sockets <= idle!.sockets, 3_000);
});

/** A harness whose feed is made but not started; the market moves; the baseline is taken. */
async function prepare(venue: FaultVenue, extra: Partial<HarnessOptions> = {}, viaProxy = false): Promise<SimHarness> {
  const port = (): number => Number(new URL(harness!.server.wsUrl).port);
  if (viaProxy) proxy = await HoldingProxy.listen(port);
  const adapter = viaProxy
    ? { adapter: (endpoints: { ws: string; rest?: string }) => codecFor(venue)({ ...endpoints, ws: proxy!.url + new URL(endpoints.ws).pathname }) }
    : {};
  harness = await SimHarness.start(venueSetup(venue, { ...adapter, ...extra, start: false }));
  harness.run();
  baseline = held();
  return harness;
}

/** True when the feed has made no REST request (snapshot or instrument): only then can its socket count be held to the baseline. */
function noRestYet(h: SimHarness, phase: 'before-open' | 'after-open'): boolean {
  const { instrument, restSnapshot } = h.feed.adapter;
  return instrument === undefined && (phase === 'before-open' || restSnapshot === undefined);
}

async function expectClosedClean(h: SimHarness, options: { sockets: boolean }): Promise<void> {
  h.feed.close();
  const frozen = picture(h);
  expect(h.feed.health().state).toBe('closed');
  await waitFor('the simulator to see no client', () => h.server.clientCount === 0, 3_000);
  if (proxy) await waitFor('the proxy to see no client', () => proxy!.openConnections === 0, 3_000);
  await waitFor(`timers back to the baseline ${baseline!.timers} (now ${held().timers})`, () => held().timers <= baseline!.timers, 3_000);
  await waitFor('the simulator to answer no REST request', () => h.server.openHttpRequests === 0, 3_000);
  if (options.sockets) await waitFor(`sockets back to the baseline ${baseline!.sockets} (now ${held().sockets})`, () => held().sockets <= baseline!.sockets, 3_000);
  const seq = h.server.symbol('BTC')!.seq;
  await waitFor('the market to move on by 50 updates', () => h.server.symbol('BTC')!.seq > seq + 50, 3_000);
  expect(picture(h)).toEqual(frozen);
}

const state = (feed: VenueFeed): string => feed.health().state;

describe.each(FAULT_VENUES)('%s feed closed', (venue) => {
  it('right after start()', async () => {
    const h = await prepare(venue);
    h.feed.start();
    await expectClosedClean(h, { sockets: noRestYet(h, 'before-open') });
  });

  it('while its handshake is unanswered (connecting)', async () => {
    const h = await prepare(venue, {}, true);
    proxy!.holding = true;
    h.feed.start();
    await waitFor('the handshake to be held', () => proxy!.held === 1 && state(h.feed) === 'connecting', 3_000);
    await expectClosedClean(h, { sockets: noRestYet(h, 'before-open') });
  });

  it('during a backoff wait (reconnecting)', async () => {
    const h = await prepare(venue, { tuning: { backoff: { baseMs: 5_000, capMs: 5_000, floorMs: 5_000 } } });
    h.feed.start();
    await h.waitLive();
    h.server.dropAll();
    await waitFor('the backoff wait', () => state(h.feed) === 'reconnecting' && h.feed.health().retryAt !== undefined, 3_000);
    // A REST answer leaves an idle keep-alive socket in fetch's shared pool.
    await expectClosedClean(h, { sockets: noRestYet(h, 'after-open') });
  });

  it('mid-reconnect (the new handshake in flight)', async () => {
    const h = await prepare(venue, {}, true);
    h.feed.start();
    await h.waitLive();
    proxy!.holding = true;
    h.server.dropAll();
    await waitFor('the reconnect handshake to be held', () => proxy!.held === 1 && state(h.feed) === 'connecting', 3_000);
    // A reconnect counts once its connection opens: this one never does.
    expect(h.feed.health().reconnects).toBe(0);
    await expectClosedClean(h, { sockets: noRestYet(h, 'after-open') });
  });
});

describe('binance feed closed during a REST snapshot', () => {
  /** Binance's simulator, counting the REST requests that reached it. */
  function counted(): { requests: () => number; protocol: HarnessOptions['protocol'] } {
    let requests = 0;
    const protocol = (): ReturnType<typeof binanceSpotProtocol> => {
      const inner = binanceSpotProtocol({ heartbeatEveryMs: 100 });
      return { ...inner, http: (url, body, context) => (requests++, inner.http!(url, body, context)) };
    };
    return { requests: () => requests, protocol };
  }

  it('the first snapshot (syncing): the request is aborted, the server sees it go', async () => {
    const rest = counted();
    const h = await prepare('binance', { protocol: rest.protocol, server: { slowSnapshotMs: 10_000 } });
    h.server.faults.hold('slow-snapshot');
    h.feed.start();
    await waitFor('the snapshot request to be in flight', () => rest.requests() === 1 && h.server.openHttpRequests === 1 && state(h.feed) === 'syncing', 3_000);
    await expectClosedClean(h, { sockets: false });
    // Its answer was 10 s away: only the client's abort can have ended it.
    expect(h.server.openHttpRequests).toBe(0);
  });

  it('the snapshot of a resync after a gap', async () => {
    const rest = counted();
    const h = await prepare('binance', { protocol: rest.protocol, server: { slowSnapshotMs: 10_000 } });
    h.feed.start();
    await h.waitLive();
    h.server.faults.hold('slow-snapshot');
    h.server.faults.arm('gap');
    await waitFor('the resync snapshot to be in flight', () => rest.requests() === 2 && h.server.openHttpRequests === 1 && h.feed.health().resyncs === 1, 3_000);
    await expectClosedClean(h, { sockets: false });
    expect(h.server.openHttpRequests).toBe(0);
  });
});

describe('generic feed closed while a resubscription waits out its backoff', () => {
  it('leaves no timer', async () => {
    const h = await prepare('generic', { tuning: { backoff: { baseMs: 5_000, capMs: 5_000, floorMs: 5_000 } } });
    h.feed.start();
    await h.waitLive();
    h.pause();
    // An update, then the snapshot answering the first resubscription: the second waits 5 s.
    h.server.faults.arm('bad-checksum', 2);
    h.step();
    await waitFor('two resyncs', () => h.feed.health().resyncs === 2, 3_000);
    h.run();
    await expectClosedClean(h, { sockets: true });
  });
});
