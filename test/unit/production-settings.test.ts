/**
 * The settings depthmux ships with, each held to the figure it comes from. Every other test
 * builds its own short settings, so only this file stops a shipped heartbeat, stall delay or
 * backoff cap from drifting by a factor of ten. Where a venue's docs state a figure, the figure is
 * written here with the page it is on and the shipped value is derived from it; where a value is
 * a choice, the test says what the choice has to guarantee and checks that.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff, DEFAULT_BACKOFF } from '../../src/feeds/backoff.js';
import { DEFAULT_TUNING } from '../../src/feeds/link-tuning.js';
import { LinkWatch } from '../../src/feeds/link-watch.js';
import type { HeartbeatPolicy } from '../../src/feeds/types.js';
import { CloseLock } from '../../src/hyperliquid/close-lock.js';
import type { InfoClient } from '../../src/hyperliquid/info-client.js';
import { reconcile } from '../../src/hyperliquid/reconcile.js';
import { USER_STREAM_TUNING } from '../../src/hyperliquid/user-stream.js';
import { venue } from '../../src/venues/registry.js';
import type { VenueId } from '../../src/venues/ids.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/**
 * A server-ping venue's link is dead after 2.5 ping periods without a frame: one ping may be
 * missed or late (a busy server, a slow network) without a reconnect, and two missed are not luck.
 */
const SERVER_PING_PERIODS = 2.5;
/** A client ping's answer is a round trip: 10 s is far past any healthy one. */
const PONG_TIMEOUT_MS = 10 * SECOND;

/** Each venue's heartbeat, from the figure its docs state (cited in the codec's FACTS). */
const HEARTBEATS: Record<VenueId, { readonly doc: string; readonly heartbeat: HeartbeatPolicy }> = {
  binance: {
    doc: 'Binance spot WS "General WSS information": a ping frame every 20 seconds',
    heartbeat: { kind: 'server-ping', timeoutMs: SERVER_PING_PERIODS * 20 * SECOND },
  },
  'binance-usdm': {
    doc: 'Binance USDⓈ-M "Websocket Market Streams": a ping frame every 3 minutes',
    heartbeat: { kind: 'server-ping', timeoutMs: SERVER_PING_PERIODS * 3 * MINUTE },
  },
  aster: {
    doc: 'asterdex/api-docs v3 "Websocket Market Streams": a ping frame every 5 minutes',
    heartbeat: { kind: 'server-ping', timeoutMs: SERVER_PING_PERIODS * 5 * MINUTE },
  },
  bingx: {
    // Three missed pings (15 s), inside the ~30 s after which BingX drops a client that does not answer.
    doc: 'BingX "Introduction", Heartbeats: a ping every 5 seconds',
    heartbeat: { kind: 'server-ping', timeoutMs: 3 * 5 * SECOND },
  },
  bybit: {
    doc: 'Bybit v5 "Connect": "send the ping heartbeat packet every 20 seconds"',
    heartbeat: { kind: 'client-ping', frame: '{"op":"ping"}', intervalMs: 20 * SECOND, timeoutMs: PONG_TIMEOUT_MS },
  },
  'bybit-linear': {
    doc: 'Bybit v5 "Connect": "send the ping heartbeat packet every 20 seconds"',
    heartbeat: { kind: 'client-ping', frame: '{"op":"ping"}', intervalMs: 20 * SECOND, timeoutMs: PONG_TIMEOUT_MS },
  },
  okx: {
    doc: 'OKX v5 "Connect": the connection breaks after 30 seconds without data; ping at half of it',
    heartbeat: { kind: 'client-ping', frame: 'ping', intervalMs: (30 * SECOND) / 2, timeoutMs: PONG_TIMEOUT_MS },
  },
  'okx-swap': {
    doc: 'OKX v5 "Connect": the connection breaks after 30 seconds without data; ping at half of it',
    heartbeat: { kind: 'client-ping', frame: 'ping', intervalMs: (30 * SECOND) / 2, timeoutMs: PONG_TIMEOUT_MS },
  },
  hyperliquid: {
    doc: 'Hyperliquid "Timeouts and heartbeats": a connection silent for 60 s is closed; ping at half of it',
    heartbeat: { kind: 'client-ping', frame: '{"method":"ping"}', intervalMs: (60 * SECOND) / 2, timeoutMs: PONG_TIMEOUT_MS },
  },
  coinbase: {
    // Five missed heartbeats.
    doc: 'Coinbase Advanced Trade "Heartbeats Channel": heartbeats every second',
    heartbeat: { kind: 'heartbeat-channel', timeoutMs: 5 * SECOND },
  },
  kraken: {
    doc: 'Kraken spot WS reconnection guide: "a deadline timer (e.g. 5 seconds)" for a message of any kind',
    heartbeat: { kind: 'heartbeat-channel', timeoutMs: 5 * SECOND },
  },
};

/** Where a venue closes a connection that sends nothing: a client ping plus its answer must fit inside. */
const SERVER_IDLE_CLOSE_MS: Partial<Record<VenueId, number>> = { okx: 30 * SECOND, 'okx-swap': 30 * SECOND, hyperliquid: 60 * SECOND };

/**
 * Stale thresholds: how long a venue may go without book data and still be called live. Where
 * the docs state a quiet book's keep-alive, the threshold is that plus 15 s for delivery;
 * elsewhere the figure is the longest quiet gap a recorded or expected quiet book shows, with room.
 */
const STALE_AFTER: Record<VenueId, { readonly why: string; readonly ms: number }> = {
  binance: { why: 'diff stream silent while the book stands still; recorded quiet pairs went 19 s', ms: MINUTE },
  'binance-usdm': { why: 'diff stream silent while the book stands still: a quiet contract', ms: MINUTE },
  aster: { why: 'diff stream silent while the book stands still: a quiet contract', ms: MINUTE },
  coinbase: { why: 'level2 silent while the book stands still: a quiet product gets a minute', ms: MINUTE },
  kraken: { why: 'heartbeats prove the link while a quiet pair\'s book stands still', ms: MINUTE },
  okx: { why: 'OKX order book channel: an empty update "Around 60 seconds" apart, plus 15 s', ms: MINUTE + 15 * SECOND },
  'okx-swap': { why: 'OKX order book channel: an empty update "Around 60 seconds" apart, plus 15 s', ms: MINUTE + 15 * SECOND },
  bybit: { why: 'a depth-50 book is pushed many times a second on a listed pair', ms: 30 * SECOND },
  'bybit-linear': { why: 'a depth-50 book is pushed many times a second on a listed pair', ms: 30 * SECOND },
  hyperliquid: { why: 'l2Book pushed on blocks >= 0.5 s apart; an unchanged book\'s push is undocumented', ms: 30 * SECOND },
  bingx: { why: 'pushes every 300 ms; an unchanged book\'s push is undocumented', ms: 30 * SECOND },
};

describe.each(Object.keys(HEARTBEATS) as VenueId[])('%s shipped link settings', (id) => {
  const adapter = venue(id).codec();

  it(`heartbeat from the docs (${HEARTBEATS[id].doc})`, () => {
    expect(adapter.heartbeat).toEqual(HEARTBEATS[id].heartbeat);
  });

  it(`stale after ${STALE_AFTER[id].ms / SECOND} s (${STALE_AFTER[id].why})`, () => {
    expect(adapter.staleAfterMs).toBe(STALE_AFTER[id].ms);
  });

  it('a missing pong is found before the venue would close the connection for silence', () => {
    const idleClose = SERVER_IDLE_CLOSE_MS[id];
    const hb = adapter.heartbeat;
    if (idleClose === undefined || hb.kind !== 'client-ping') return;
    expect(hb.intervalMs + hb.timeoutMs).toBeLessThan(idleClose);
  });
});

describe('DEFAULT_TUNING', () => {
  /** The promise of link-tuning.ts and of the fault tests: a dead link is found within about 5 s. */
  const DEAD_LINK_FOUND_MS = 5 * SECOND;
  it('the protocol probe finds a dead link within about 5 s on every venue, whatever its heartbeat', () => {
    const { idleMs, timeoutMs } = DEFAULT_TUNING.probe;
    // A loaded machine may take 3 s to answer (link-tuning.ts); the rest is the idle wait.
    expect(timeoutMs).toBe(3 * SECOND);
    expect(idleMs + timeoutMs).toBe(DEAD_LINK_FOUND_MS);
  });

  it('the probe never fires on a link that is merely between heartbeats of a heartbeat-channel venue', () => {
    // Coinbase's heartbeats come every second; Kraken's once a second when the book is quiet.
    expect(DEFAULT_TUNING.probe.idleMs).toBeGreaterThan(1 * SECOND);
    // The busiest feed goes stale after 2 s of silence (link-watch.ts MIN_STALE_MS); the probe
    // answers whether the link itself is alive at the same moment.
    expect(DEFAULT_TUNING.probe.idleMs).toBe(2 * SECOND);
  });

  it('a stall is acted on as fast as a dead link: reconnect 5 s after the feed shows stale', () => {
    // A zombie subscription answers the probe but carries no data: it gets the same 5 s.
    expect(DEFAULT_TUNING.reconnectAfterStaleMs).toBe(DEAD_LINK_FOUND_MS);
    for (const id of Object.keys(HEARTBEATS) as VenueId[]) {
      const watch = new LinkWatch({ ...DEFAULT_TUNING, heartbeat: { kind: 'heartbeat-channel', timeoutMs: 1e12 }, staleAfterMs: venue(id).codec().staleAfterMs });
      watch.opened(0);
      // Frames keep coming (the link answers), no data: dead at staleAfter + 5 s, not later.
      const stallAt = STALE_AFTER[id].ms + DEAD_LINK_FOUND_MS;
      watch.sawFrame(stallAt);
      expect(watch.check(stallAt).kind, id).not.toBe('dead');
      watch.sawFrame(stallAt + 1);
      expect(watch.check(stallAt + 1).kind, id).toBe('dead');
    }
  });

  it('a connection is proven stable after 15 s in sync: three dead-link windows it survived', () => {
    expect(DEFAULT_TUNING.stableAfterMs).toBe(3 * DEAD_LINK_FOUND_MS);
  });

  it('the first two retries show as reconnecting, a longer wait as down', () => {
    const { baseMs, capMs } = DEFAULT_TUNING.backoff;
    // Full jitter: the second wait is at most 2 × base.
    expect(2 * baseMs).toBeLessThan(DEFAULT_TUNING.downAfterMs);
    expect(DEFAULT_TUNING.downAfterMs).toBe(2 * SECOND);
    expect(DEFAULT_TUNING.downAfterMs).toBeLessThan(capMs);
  });

  it('a handshake gets 10 s: a slow TLS handshake on a bad network, never a minute', () => {
    expect(DEFAULT_TUNING.connectTimeoutMs).toBe(10 * SECOND);
  });
});

describe('DEFAULT_BACKOFF', () => {
  it('is the policy every feed ships with', () => {
    expect(DEFAULT_TUNING.backoff).toBe(DEFAULT_BACKOFF);
  });

  it('ceilings double from 0.75 s and stop at 30 s, the longest a user waits to see a venue come back', () => {
    const ceilings: number[] = [];
    const backoff = new Backoff(DEFAULT_BACKOFF, () => 1);
    for (let i = 0; i < 8; i++) ceilings.push(backoff.next());
    expect(ceilings).toEqual([750, 1_500, 3_000, 6_000, 12_000, 24_000, 30_000, 30_000]);
  });

  it('never retries sooner than 250 ms: a server failing at once is not hammered', () => {
    expect(new Backoff(DEFAULT_BACKOFF, () => 0).next()).toBe(250);
  });
});

describe('Hyperliquid user stream', () => {
  it('pings like the book feed: the same server, the same 60 s idle close', () => {
    expect(USER_STREAM_TUNING.heartbeat).toEqual(HEARTBEATS.hyperliquid.heartbeat);
  });

  it('never calls a silent account stale: user channels can be quiet for hours', () => {
    expect(USER_STREAM_TUNING.staleAfterMs).toBeGreaterThanOrEqual(24 * 60 * MINUTE);
  });

  it('finds a dead link and backs off like every feed', () => {
    const { heartbeat: _h, staleAfterMs: _s, ...rest } = USER_STREAM_TUNING;
    expect(rest).toEqual(DEFAULT_TUNING);
  });
});

describe('close path timing', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * An order is signed to expire 15 s after its nonce (exchange-client.ts: the 10 s HTTP timeout
   * plus 5 s of grace); an order with no known expiry is looked up just as long, every 0.5 s.
   */
  it('an order not found is looked up for 15 s, every 0.5 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const start = Date.now();
    const lookups: number[] = [];
    const info: Pick<InfoClient, 'orderStatus' | 'clearinghouseState'> = {
      orderStatus: async () => {
        lookups.push(Date.now() - start);
        return { ok: true, value: { found: false } };
      },
      clearinghouseState: async () => ({ ok: false, kind: 'network', error: 'not asked here' }),
    };
    const done = reconcile({ info, account: '0xabc', coin: 'BTC', cloid: '0x01', why: 'no answer' });
    await vi.advanceTimersByTimeAsync(20 * SECOND);
    const result = await done;
    expect(lookups[0]).toBe(0);
    expect(lookups.at(-1)).toBe(15 * SECOND);
    expect(lookups).toHaveLength(15 * SECOND / 500 + 1);
    expect(result.message).toContain('after 15 s');
  });

  it('a close lock is taken over after 120 s: no close (position read, order, 15 s look-up) takes that long', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'depthmux-lock-'));
    try {
      const name = 'close-mainnet-0xabc-BTC';
      // Held by this very process, which is alive: only age can free it.
      const writeOwner = (age: number): void => writeFileSync(join(dir, `${name}.lock`), `${JSON.stringify({ pid: process.pid, procStart: null, host: hostname(), createdAt: Date.now() - age, token: 't' })}\n`, { mode: 0o600 });
      writeOwner(115 * SECOND);
      expect((await CloseLock.acquire({ dir, name })).ok).toBe(false);
      writeOwner(125 * SECOND);
      const taken = await CloseLock.acquire({ dir, name });
      expect(taken.ok).toBe(true);
      if (taken.ok) await taken.lock.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
