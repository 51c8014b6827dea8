/**
 * SnapshotFetcher leaves nothing behind: cancel() withdraws a request in flight, an attempt
 * still waiting out its delay and a retry scheduled after a failure, so no REST request goes out
 * after it, no timer stays set, and no answer reaches the handlers.
 */
import { describe, expect, it } from 'vitest';
import { SnapshotFetcher, describeFailure } from '../../src/feeds/snapshot-fetcher.js';
import { ManualTransport } from '../helpers/manual-transport.js';

const URL = 'https://venue.test/depth?symbol=BTCUSDT';
const TIMEOUT_MS = 5_000;

type Handlers = Parameters<SnapshotFetcher['fetch']>[2];

/** A fetcher on a hand-driven transport, and handlers that write down what they hear. */
function fetcher(): { fetcher: SnapshotFetcher; transport: ManualTransport; heard: string[]; handlers: Handlers } {
  const transport = new ManualTransport();
  const heard: string[] = [];
  const handlers: Handlers = {
    body: (body) => heard.push(`body ${body}`),
    failed: (failure) => heard.push(failure.kind === 'timeout' ? `timed out after ${failure.afterMs} ms` : `failed ${failure.reason}`),
    threw: (error) => heard.push(`threw ${String(error)}`),
  };
  return { fetcher: new SnapshotFetcher(TIMEOUT_MS, transport), transport, heard, handlers };
}

/** Lets the promise chain of an answer run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SnapshotFetcher cancel()', () => {
  it('withdraws a delayed attempt: no request after it, no timer left', async () => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 1_000, handlers);
    expect(transport.clock.pending).toBe(1);
    f.cancel();
    expect(transport.clock.pending).toBe(0);
    transport.clock.advanceBy(60_000);
    await settle();
    expect(transport.gets).toHaveLength(0);
    expect(heard).toEqual([]);
  });

  it('withdraws the retry scheduled after a failure', async () => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 0, handlers);
    transport.gets[0]!.answer({ status: 503, body: '', retryAfter: undefined });
    await settle();
    expect(heard).toEqual(['failed HTTP 503']);
    expect(transport.clock.pending).toBe(1);
    f.cancel();
    expect(transport.clock.pending).toBe(0);
    transport.clock.advanceBy(60_000);
    await settle();
    expect(transport.gets).toHaveLength(1);
  });

  it('aborts a request in flight and drops its answer', async () => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 0, handlers);
    const request = transport.gets[0]!;
    f.cancel();
    expect(request.signal.aborted).toBe(true);
    expect(transport.clock.pending).toBe(0);
    request.answer({ status: 200, body: '{}', retryAfter: undefined });
    await settle();
    transport.clock.advanceBy(60_000);
    await settle();
    expect(heard).toEqual([]);
    expect(transport.gets).toHaveLength(1);
  });
});

describe('SnapshotFetcher retries', () => {
  it('a request unanswered for its timeout is aborted and asked again after the backoff', async () => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 0, handlers);
    transport.clock.advanceBy(TIMEOUT_MS - 1);
    expect(transport.gets[0]!.signal.aborted).toBe(false);
    transport.clock.advanceBy(1);
    expect(transport.gets[0]!.signal.aborted).toBe(true);
    await settle();
    expect(heard).toEqual([`timed out after ${TIMEOUT_MS} ms`]);
    transport.clock.advanceBy(30_000);
    expect(transport.gets).toHaveLength(2);
    f.cancel();
  });

  it('asks again exactly after the wait it reports with the failure', async () => {
    const { fetcher: f, transport, handlers } = fetcher();
    const waits: number[] = [];
    f.fetch(URL, 0, { ...handlers, failed: (_, retryInMs) => waits.push(retryInMs) });
    transport.gets[0]!.answer({ status: 503, body: '', retryAfter: undefined });
    await settle();
    transport.clock.advanceBy(waits[0]! - 1);
    expect(transport.gets).toHaveLength(1);
    transport.clock.advanceBy(1);
    expect(transport.gets).toHaveLength(2);
    f.cancel();
  });

  it('says what failed and when it is asked again, as a user reads it', () => {
    expect(describeFailure('REST snapshot', { kind: 'timeout', afterMs: 10_000 }, 512)).toBe('REST snapshot took longer than 10 s; retrying in 0.5 s');
    expect(describeFailure('instrument request', { kind: 'error', reason: 'HTTP 503' }, 12_400)).toBe('instrument request: HTTP 503; retrying in 12 s');
  });

  it('waits at least the Retry-After of a 429 before asking again', async () => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 0, handlers);
    transport.gets[0]!.answer({ status: 429, body: '', retryAfter: '40' });
    await settle();
    transport.clock.advanceBy(39_999);
    expect(transport.gets).toHaveLength(1);
    transport.clock.advanceBy(1);
    expect(transport.gets).toHaveLength(2);
    f.cancel();
  });
});
