/**
 * What a feed is told about its instrument request and its REST snapshot, on the hand-driven
 * transport: facts and snapshots are handed over, a venue that does not list the symbol ends the
 * asking, any other refusal, failure or snapshot too old is asked again after the backoff, and a
 * cancelled request's answer reaches nobody.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InstrumentCatalogs } from '../../src/feeds/instrument-catalogs.js';
import { InstrumentLoader } from '../../src/feeds/instrument-loader.js';
import { SnapshotFetcher } from '../../src/feeds/snapshot-fetcher.js';
import { SnapshotLoader } from '../../src/feeds/snapshot-loader.js';
import type { SyncOutcome } from '../../src/feeds/snapshot-sync.js';
import type { ErrorEvent, InstrumentFacts, SnapshotEvent } from '../../src/feeds/types.js';
import { ManualTransport } from '../helpers/manual-transport.js';

/** With Math.random at 1 the fetcher's backoff waits its whole ceiling: 0.5 s, then 1 s, 2 s … */
const FIRST_RETRY_MS = 500;

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const ok = (body: string) => ({ status: 200, body, retryAfter: undefined });

beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
/** Every loader a test made: cancelled after it, so no retry outlives the test. */
const loaders: { cancel(): void }[] = [];
afterEach(() => {
  for (const l of loaders.splice(0)) l.cancel();
  vi.restoreAllMocks();
});

/** A body is JSON: {"facts":…} decodes to facts, {"error":…, "notListed"?} to the venue's error, {"throw":…} throws. */
function decodeAnswer<T>(body: string): T | ErrorEvent {
  const answer = JSON.parse(body) as { facts?: T; error?: string; notListed?: boolean; throw?: string };
  if (answer.throw !== undefined) throw new Error(answer.throw);
  if (answer.error !== undefined) return { type: 'error', message: answer.error, ...(answer.notListed ? { notListed: true } : {}) };
  return answer.facts!;
}

describe('InstrumentLoader', () => {
  function loader(): { transport: ManualTransport; heard: string[]; loader: InstrumentLoader } {
    const transport = new ManualTransport();
    const heard: string[] = [];
    const l = new InstrumentLoader(
      { url: (symbol) => `https://venue.test/instrument?symbol=${symbol}`, decode: (body) => decodeAnswer<InstrumentFacts>(body) },
      new SnapshotFetcher(5_000, transport),
      {
        loaded: (facts) => heard.push(`loaded ${JSON.stringify(facts)}`),
        refused: (message, notListed) => heard.push(`refused ${message}${notListed ? ' (not listed)' : ''}`),
        failed: (message) => heard.push(`failed ${message}`),
      },
    );
    loaders.push(l);
    return { transport, heard, loader: l };
  }

  it("asks at once for the symbol's facts, and hands them over", async () => {
    const { transport, heard, loader: l } = loader();
    l.load('BTC-USD');
    expect(transport.gets.map((g) => g.url)).toEqual(['https://venue.test/instrument?symbol=BTC-USD']);
    transport.gets[0]!.answer(ok('{"facts":{"contractSize":0.01}}'));
    await settle();
    expect(heard).toEqual(['loaded {"contractSize":0.01}']);
    expect(transport.clock.pending).toBe(0);
  });

  it('a venue that does not list the symbol is told once, and not asked again', async () => {
    const { transport, heard, loader: l } = loader();
    l.load('NOPE-USD');
    transport.gets[0]!.answer({ status: 404, body: '{"error":"no such instrument","notListed":true}', retryAfter: undefined });
    await settle();
    expect(heard).toEqual(['refused no such instrument (not listed)']);
    expect(transport.clock.pending).toBe(0);
  });

  it("the venue's other errors are told and asked again after the backoff", async () => {
    const { transport, heard, loader: l } = loader();
    l.load('BTC-USD');
    transport.gets[0]!.answer(ok('{"error":"busy"}'));
    await settle();
    expect(heard).toEqual(['refused busy']);
    transport.clock.advanceBy(FIRST_RETRY_MS - 1);
    expect(transport.gets).toHaveLength(1);
    transport.clock.advanceBy(1);
    expect(transport.gets).toHaveLength(2);
    transport.gets[1]!.answer(ok('{"facts":{"symbol":"BTC-USD-SWAP"}}'));
    await settle();
    expect(heard.at(-1)).toBe('loaded {"symbol":"BTC-USD-SWAP"}');
  });

  it('a failed request is told with when it is asked again (the fetcher asks again)', async () => {
    const { transport, heard, loader: l } = loader();
    l.load('BTC-USD');
    transport.gets[0]!.answer({ status: 503, body: '', retryAfter: undefined });
    await settle();
    expect(heard).toEqual(['failed instrument request: HTTP 503; retrying in 0.5 s']);
    transport.clock.advanceBy(FIRST_RETRY_MS);
    expect(transport.gets).toHaveLength(2);
  });

  it('an answer that cannot be read is told, and asked again', async () => {
    const { transport, heard, loader: l } = loader();
    l.load('BTC-USD');
    transport.gets[0]!.answer(ok('{"throw":"bad size"}'));
    await settle();
    expect(heard).toEqual(['failed instrument could not be read: bad size']);
    transport.clock.advanceBy(FIRST_RETRY_MS);
    expect(transport.gets).toHaveLength(2);
  });

  it('cancel() drops the request in flight: its answer reaches nobody', async () => {
    const { transport, heard, loader: l } = loader();
    l.load('BTC-USD');
    l.cancel();
    expect(transport.gets[0]!.signal.aborted).toBe(true);
    transport.gets[0]!.answer(ok('{"facts":{}}'));
    await settle();
    expect(heard).toEqual([]);
    expect(transport.clock.pending).toBe(0);
  });
});

describe('InstrumentLoader, on a venue whose one answer lists every instrument', () => {
  const LIST_URL = 'https://venue.test/exchangeInfo';
  const MAX_AGE_MS = 60_000;

  /** {"list":{SYMBOL:facts}} lists those symbols; {"error":…} is the venue's error. */
  function catalogOf(body: string) {
    const answer = JSON.parse(body) as { list?: Record<string, InstrumentFacts>; error?: string };
    if (answer.list === undefined) return { type: 'error' as const, message: answer.error ?? 'unreadable' };
    const list = answer.list;
    return { facts: (symbol: string): InstrumentFacts | ErrorEvent => list[symbol] ?? { type: 'error', message: `${symbol} is not in the list`, notListed: true } };
  }

  function setUp(kept: boolean) {
    const transport = new ManualTransport();
    const catalogs = kept ? new InstrumentCatalogs(() => transport.clock.now(), MAX_AGE_MS) : undefined;
    const heard: string[] = [];
    const loaderFor = () => {
      const l = new InstrumentLoader(
        { url: () => LIST_URL, decode: () => ({}), catalog: catalogOf },
        new SnapshotFetcher(5_000, transport),
        {
          loaded: (facts) => heard.push(`loaded ${JSON.stringify(facts)}`),
          refused: (message, notListed) => heard.push(`refused ${message}${notListed ? ' (not listed)' : ''}`),
          failed: (message) => heard.push(`failed ${message}`),
        },
        catalogs,
      );
      loaders.push(l);
      return l;
    };
    return { transport, heard, loaderFor };
  }

  const LIST = ok('{"list":{"BTCUSDT":{"symbol":"BTCUSDT","tickSize":0.1},"ETHUSDT":{"symbol":"ETHUSDT","tickSize":0.01}}}');

  it("answers another symbol's feed from the list the first one fetched, listed or not, without asking", async () => {
    const { transport, heard, loaderFor } = setUp(true);
    loaderFor().load('BTCUSDT');
    transport.gets[0]!.answer(LIST);
    await settle();
    loaderFor().load('ETHUSDT');
    loaderFor().load('NOPEUSDT');
    expect(transport.gets).toHaveLength(1);
    expect(heard).toEqual(['loaded {"symbol":"BTCUSDT","tickSize":0.1}', 'loaded {"symbol":"ETHUSDT","tickSize":0.01}', 'refused NOPEUSDT is not in the list (not listed)']);
  });

  it('asks again once the list it kept is older than its age limit', async () => {
    const { transport, heard, loaderFor } = setUp(true);
    loaderFor().load('BTCUSDT');
    transport.gets[0]!.answer(LIST);
    await settle();
    transport.clock.advanceBy(MAX_AGE_MS);
    loaderFor().load('ETHUSDT');
    expect(transport.gets).toHaveLength(2);
    transport.gets[1]!.answer(LIST);
    await settle();
    expect(heard.at(-1)).toBe('loaded {"symbol":"ETHUSDT","tickSize":0.01}');
  });

  it("keeps no error: the venue's refusal is retried, and the next symbol asks too", async () => {
    const { transport, heard, loaderFor } = setUp(true);
    loaderFor().load('BTCUSDT');
    transport.gets[0]!.answer(ok('{"error":"busy"}'));
    await settle();
    expect(heard).toEqual(['refused busy']);
    loaderFor().load('ETHUSDT');
    expect(transport.gets).toHaveLength(2);
    transport.clock.advanceBy(FIRST_RETRY_MS);
    expect(transport.gets).toHaveLength(3);
  });

  it('without the runtime\'s kept lists (a recording), every symbol asks', async () => {
    const { transport, heard, loaderFor } = setUp(false);
    loaderFor().load('BTCUSDT');
    transport.gets[0]!.answer(LIST);
    await settle();
    loaderFor().load('ETHUSDT');
    expect(transport.gets).toHaveLength(2);
    expect(heard).toEqual(['loaded {"symbol":"BTCUSDT","tickSize":0.1}']);
  });
});

describe('SnapshotLoader', () => {
  function loader(bridge: (snapshot: SnapshotEvent) => SyncOutcome = () => ({ kind: 'changed' })) {
    const transport = new ManualTransport();
    const heard: string[] = [];
    const l = new SnapshotLoader(
      { url: (symbol) => `https://venue.test/depth?symbol=${symbol}`, decode: (body) => decodeAnswer<SnapshotEvent>(body) },
      new SnapshotFetcher(5_000, transport),
      {
        bridge: (snapshot) => {
          heard.push(`bridge ${snapshot.seq}`);
          return bridge(snapshot);
        },
        settle: (outcome) => heard.push(`settle ${outcome.kind}`),
        refused: (message, notListed) => heard.push(`refused ${message}${notListed ? ' (not listed)' : ''}`),
        failed: (message) => heard.push(`failed ${message}`),
        broken: (message) => heard.push(`broken ${message}`),
      },
    );
    loaders.push(l);
    return { transport, heard, loader: l };
  }
  const snapshot = (seq: number): string => JSON.stringify({ facts: { type: 'snapshot', seq, bids: [], asks: [] } });

  it('asks after the delay it is given, bridges the snapshot and settles the outcome', async () => {
    const { transport, heard, loader: l } = loader();
    l.load('BTCUSDT', 300);
    transport.clock.advanceBy(299);
    expect(transport.gets).toHaveLength(0);
    transport.clock.advanceBy(1);
    expect(transport.gets.map((g) => g.url)).toEqual(['https://venue.test/depth?symbol=BTCUSDT']);
    transport.gets[0]!.answer(ok(snapshot(7)));
    await settle();
    expect(heard).toEqual(['bridge 7', 'settle changed']);
    expect(transport.clock.pending).toBe(0);
  });

  it('a snapshot older than the buffered diffs is asked again, not settled; the backoff restarts once one is taken', async () => {
    const outcomes: SyncOutcome[] = [{ kind: 'need-snapshot' }, { kind: 'changed' }];
    const { transport, heard, loader: l } = loader(() => outcomes.shift() ?? { kind: 'changed' });
    l.load('BTCUSDT', 0);
    transport.gets[0]!.answer(ok(snapshot(1)));
    await settle();
    expect(heard).toEqual(['bridge 1']);
    transport.clock.advanceBy(FIRST_RETRY_MS);
    transport.gets[1]!.answer(ok(snapshot(2)));
    await settle();
    expect(heard).toEqual(['bridge 1', 'bridge 2', 'settle changed']);
    // A later resync asks again; its first failure waits the first step of the backoff.
    l.load('BTCUSDT', 0);
    transport.gets[2]!.answer({ status: 500, body: '', retryAfter: undefined });
    await settle();
    expect(heard.at(-1)).toBe('failed REST snapshot: HTTP 500; retrying in 0.5 s');
  });

  it('a venue that does not list the symbol is told once and not asked again; other errors are asked again', async () => {
    const { transport, heard, loader: l } = loader();
    l.load('BTCUSDT', 0);
    transport.gets[0]!.answer(ok('{"error":"Invalid symbol.","notListed":true}'));
    await settle();
    expect(heard).toEqual(['refused Invalid symbol. (not listed)']);
    expect(transport.clock.pending).toBe(0);
    l.load('BTCUSDT', 0);
    transport.gets[1]!.answer(ok('{"error":"Too much request weight"}'));
    await settle();
    expect(heard.at(-1)).toBe('refused Too much request weight');
    transport.clock.advanceBy(FIRST_RETRY_MS);
    expect(transport.gets).toHaveLength(3);
  });

  it('a snapshot the book cannot take is reported as a broken book', async () => {
    const { transport, heard, loader: l } = loader(() => {
      throw new Error('price out of range');
    });
    l.load('BTCUSDT', 0);
    transport.gets[0]!.answer(ok(snapshot(3)));
    await settle();
    expect(heard).toEqual(['bridge 3', 'broken snapshot could not be applied: price out of range']);
  });

  it('cancel() drops the request in flight, or the one still waiting', async () => {
    const { transport, heard, loader: l } = loader();
    l.load('BTCUSDT', 0);
    l.cancel();
    transport.gets[0]!.answer(ok(snapshot(4)));
    l.load('BTCUSDT', 1_000);
    l.cancel();
    transport.clock.advanceBy(2_000);
    await settle();
    expect(transport.gets).toHaveLength(1);
    expect(heard).toEqual([]);
    expect(transport.clock.pending).toBe(0);
  });
});
