/**
 * PlannedSwap and what its standby says, on the hand-driven transport with a real BookSync: the
 * standby subscribes and answers pings, a venue that refuses it or a frame it cannot read makes
 * it try another, it holds only the diffs the book has not passed and gives up one too far ahead,
 * retries stop at the cut-off, and the next swap is planned from when the standby opened.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Book } from '../../src/book/book.js';
import { PlannedSwap } from '../../src/feeds/planned-swap.js';
import { BookSync } from '../../src/feeds/snapshot-sync.js';
import type { DeltaEvent, VenueAdapter, VenueEvent } from '../../src/feeds/types.js';
import { binanceUsdm } from '../../src/feeds/venues/binance-usdm.js';
import { ManualTransport, type ManualSocket } from '../helpers/manual-transport.js';

const LIFETIME_MS = 1_000_000;
/** LEAD_SHARE of planned-swap.ts: a quarter of the lifetime, this one being short of the cap. */
const LEAD_MS = LIFETIME_MS / 4;
/** RETRY_SHARE of planned-swap.ts. */
const RETRY_MS = LEAD_MS / 8;
/** MAX_HELD of planned-swap.ts. */
const MAX_HELD = 10_000;
/** The book's update id when the rig starts. */
const BOOK_AT = 100_000;

const adapter: VenueAdapter = { ...binanceUsdm({ ws: 'ws://sim', rest: 'http://sim' }), connectionLifetimeMs: LIFETIME_MS };
/**
 * The standby's codec reads events written as JSON, so a test can have the venue say anything;
 * it subscribes by message (Binance names the stream in the URL and sends none).
 */
const jsonCodec: VenueAdapter = {
  ...adapter,
  decode: (frame) => JSON.parse(String(frame)) as VenueEvent[],
  subscribe: (symbol) => [`{"subscribe":"${symbol}@depth"}`, '{"subscribe":"heartbeat"}'],
};

const delta = (pu: number, U: number, u: number): DeltaEvent => ({ type: 'delta', prevSeq: pu, firstSeq: U, lastSeq: u, bids: [[`${u}`, '1']], asks: [] });
/** `count` consecutive diffs of one id each, the first one continuing `after`. */
const run = (after: number, count: number): DeltaEvent[] => Array.from({ length: count }, (_, i) => delta(after + i, after + i + 1, after + i + 1));

interface Rig {
  readonly transport: ManualTransport;
  readonly sync: BookSync;
  readonly swap: PlannedSwap;
  /** The held diffs of each hand-over, as their last update ids. */
  readonly takeOvers: number[][];
}

const swaps: PlannedSwap[] = [];
afterEach(() => {
  for (const swap of swaps.splice(0)) swap.close();
  vi.restoreAllMocks();
});

/** A swap whose book is in sync at BOOK_AT; the current connection has not been reported yet. */
function rig(venue: VenueAdapter = adapter): Rig {
  vi.spyOn(Math, 'random').mockReturnValue(0);
  const transport = new ManualTransport();
  const sync = new BookSync(adapter, new Book());
  sync.onDelta(delta(90, 95, 100));
  sync.onRestSnapshot({ type: 'snapshot', seq: 99, bids: [['1', '1']], asks: [['1000000', '1']] });
  sync.onDelta(delta(100, 101, BOOK_AT));
  expect(sync.synced).toBe(true);
  const takeOvers: number[][] = [];
  const swap = PlannedSwap.plan({
    adapter: venue,
    makeCodec: () => jsonCodec,
    transport,
    gate: undefined,
    handshakeTimeoutMs: 5_000,
    symbol: () => 'BTCUSDT',
    host: { meet: (event) => sync.meet(event), takeOver: (_link, _codec, held) => takeOvers.push(held.map(({ event }) => event.lastSeq!)) },
  })!;
  swaps.push(swap);
  return { transport, sync, swap, takeOvers };
}

/** The rig with its current connection opened at 0 and its standby open, a full lead before the cut-off. */
function withStandby(): Rig & { standby: ManualSocket } {
  const r = rig();
  r.swap.connected(0);
  r.transport.clock.advanceTo(LIFETIME_MS - LEAD_MS);
  r.transport.socket.open();
  return { ...r, standby: r.transport.socket };
}

const say = (socket: ManualSocket, ...events: VenueEvent[]): void => socket.frame(JSON.stringify(events));

describe('PlannedSwap plans', () => {
  it.each(['ws-snapshot', 'full-snapshot'] as const)('no swap for a %s venue: its diffs carry no ids to meet on', (sync) => {
    expect(PlannedSwap.plan({ ...rigParts(), adapter: { ...adapter, sync } })).toBeUndefined();
    expect(PlannedSwap.plan(rigParts())).toBeInstanceOf(PlannedSwap);
  });

  it('from when the current connection opened, whenever it is told', () => {
    const { transport, swap } = rig();
    transport.clock.advanceTo(40_000);
    swap.connected(25_000);
    transport.clock.advanceTo(25_000 + LIFETIME_MS - LEAD_MS - 1);
    expect(transport.sockets).toHaveLength(0);
    transport.clock.advanceTo(25_000 + LIFETIME_MS - LEAD_MS);
    expect(transport.sockets).toHaveLength(1);
  });

  it('the next swap from when the standby opened, not from when it met the book', () => {
    const { transport, standby, takeOvers } = withStandby();
    const openedAt = LIFETIME_MS - LEAD_MS;
    transport.clock.advanceTo(openedAt + 60_000);
    say(standby, delta(BOOK_AT, BOOK_AT + 1, BOOK_AT + 1));
    expect(takeOvers).toEqual([[BOOK_AT + 1]]);
    transport.clock.advanceTo(openedAt + LIFETIME_MS - LEAD_MS - 1);
    expect(transport.sockets).toHaveLength(1);
    transport.clock.advanceTo(openedAt + LIFETIME_MS - LEAD_MS);
    expect(transport.sockets).toHaveLength(2);
  });
});

function rigParts(): Parameters<typeof PlannedSwap.plan>[0] {
  return { adapter, makeCodec: () => jsonCodec, transport: new ManualTransport(), gate: undefined, handshakeTimeoutMs: 5_000, symbol: () => 'BTCUSDT', host: { meet: () => undefined, takeOver: () => undefined } };
}

describe('PlannedSwap standby talk', () => {
  it('subscribes the standby to the stream with its own codec, and answers its pings', () => {
    const { standby } = withStandby();
    expect(standby.sent).toEqual(['{"subscribe":"BTCUSDT@depth"}', '{"subscribe":"heartbeat"}']);
    say(standby, { type: 'ping', reply: '{"pong":7}' });
    expect(standby.sent.at(-1)).toBe('{"pong":7}');
    expect(standby.terminated).toBe(false);
  });

  it('acks, pongs, snapshots and a venue notice leave the standby waiting', () => {
    const { standby, takeOvers } = withStandby();
    say(standby, { type: 'subscribed' }, { type: 'pong' }, { type: 'ignored' }, { type: 'snapshot', bids: [], asks: [], seq: 1 }, { type: 'error', message: 'slow down' });
    expect(standby.terminated).toBe(false);
    say(standby, delta(BOOK_AT, BOOK_AT + 1, BOOK_AT + 1));
    expect(takeOvers).toEqual([[BOOK_AT + 1]]);
  });

  it.each([
    ['the venue ends the standby', { type: 'error', message: 'going away', reconnect: true }],
    ['the venue does not list the symbol on it', { type: 'error', message: 'no such symbol', notListed: true }],
    ['an event the swap does not know', { type: 'mystery' }],
  ])('%s: another standby is tried after an eighth of the lead', (_what, event) => {
    const { transport, standby, takeOvers } = withStandby();
    say(standby, event as VenueEvent);
    expect(standby.terminated).toBe(true);
    transport.clock.advanceBy(RETRY_MS - 1);
    expect(transport.sockets).toHaveLength(1);
    transport.clock.advanceBy(1);
    expect(transport.sockets).toHaveLength(2);
    transport.socket.open();
    say(transport.socket, delta(BOOK_AT, BOOK_AT + 1, BOOK_AT + 1));
    expect(takeOvers).toEqual([[BOOK_AT + 1]]);
  });

  it('a frame its codec cannot read: the standby is dropped and tried again, nothing thrown', () => {
    const { transport, standby } = withStandby();
    expect(() => standby.frame('not json')).not.toThrow();
    expect(standby.terminated).toBe(true);
    transport.clock.advanceBy(RETRY_MS);
    expect(transport.sockets).toHaveLength(2);
  });
});

describe('PlannedSwap holding diffs', () => {
  it(`holds up to ${MAX_HELD} diffs ahead of the book, and gives up a standby further ahead`, () => {
    const { transport, standby, sync, swap, takeOvers } = withStandby();
    say(standby, ...run(BOOK_AT + 10, MAX_HELD));
    expect(standby.terminated).toBe(false);
    say(standby, delta(BOOK_AT + MAX_HELD + 10, BOOK_AT + MAX_HELD + 11, BOOK_AT + MAX_HELD + 11));
    expect(standby.terminated).toBe(true);
    sync.onDelta(delta(BOOK_AT, BOOK_AT + 1, BOOK_AT + 10));
    swap.bookMoved();
    expect(takeOvers).toEqual([]);
    transport.clock.advanceBy(RETRY_MS);
    expect(transport.sockets).toHaveLength(2);
  });

  it('drops the diffs the book has passed: a standby far behind is kept until it meets the book', () => {
    const { standby, takeOvers } = withStandby();
    const behind = BOOK_AT - 3 * MAX_HELD;
    for (let i = 0; i < 3; i++) say(standby, ...run(behind + i * MAX_HELD, MAX_HELD - 1));
    expect(standby.terminated).toBe(false);
    say(standby, ...run(BOOK_AT - 5, 8));
    expect(standby.terminated).toBe(false);
    expect(takeOvers).toEqual([[BOOK_AT + 1, BOOK_AT + 2, BOOK_AT + 3]]);
  });

  it('stops trying standbys once the next try would start at the cut-off', () => {
    for (const [failAt, tries] of [[LIFETIME_MS - RETRY_MS - 1, 2], [LIFETIME_MS - RETRY_MS, 1]] as const) {
      const { transport, standby } = withStandby();
      transport.clock.advanceTo(failAt);
      standby.drop();
      transport.clock.advanceTo(LIFETIME_MS + LEAD_MS);
      expect(transport.sockets).toHaveLength(tries);
      swaps.splice(0).forEach((s) => s.close());
      vi.restoreAllMocks();
    }
  });
});
