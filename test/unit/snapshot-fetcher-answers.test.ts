/**
 * What SnapshotFetcher does with each kind of answer: a 2xx body and a venue's own 4xx error are
 * handed over to be decoded; a rate limit (429, 418), a server error or a redirect is a failure
 * asked again at the same URL; a handler that throws is reported, not left unhandled.
 */
import { describe, expect, it } from 'vitest';
import { SnapshotFetcher } from '../../src/feeds/snapshot-fetcher.js';
import { ManualTransport } from '../helpers/manual-transport.js';

const URL = 'https://venue.test/depth?symbol=BTCUSDT';
type Handlers = Parameters<SnapshotFetcher['fetch']>[2];

function fetcher(onBody: (body: string) => void = () => undefined): { fetcher: SnapshotFetcher; transport: ManualTransport; heard: string[]; handlers: Handlers } {
  const transport = new ManualTransport();
  const heard: string[] = [];
  const handlers: Handlers = {
    body: (body) => {
      heard.push(`body ${body}`);
      onBody(body);
    },
    failed: (failure) => heard.push(failure.kind === 'timeout' ? 'timeout' : `failed ${failure.reason}`),
    threw: (error) => heard.push(`threw ${error instanceof Error ? error.message : String(error)}`),
  };
  return { fetcher: new SnapshotFetcher(5_000, transport), transport, heard, handlers };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SnapshotFetcher answers', () => {
  it.each([200, 204, 299])('hands over the body of an HTTP %i', async (status) => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 0, handlers);
    transport.gets[0]!.answer({ status, body: '{"lastUpdateId":1}', retryAfter: undefined });
    await settle();
    expect(heard).toEqual(['body {"lastUpdateId":1}']);
    expect(transport.clock.pending).toBe(0);
  });

  it.each([400, 404])("hands over a venue's own error (HTTP %i) to be decoded: an unknown symbol says so there", async (status) => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 0, handlers);
    transport.gets[0]!.answer({ status, body: '{"code":-1121,"msg":"Invalid symbol."}', retryAfter: undefined });
    await settle();
    expect(heard).toEqual(['body {"code":-1121,"msg":"Invalid symbol."}']);
  });

  it.each([199, 300, 301, 418, 429, 500, 503])('an HTTP %i is a failure, asked again at the same URL', async (status) => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 0, handlers);
    transport.gets[0]!.answer({ status, body: 'no', retryAfter: undefined });
    await settle();
    expect(heard).toEqual([`failed HTTP ${status}`]);
    transport.clock.advanceBy(30_000);
    expect(transport.gets.map((get) => get.url)).toEqual([URL, URL]);
    f.cancel();
  });

  it('a network failure is reported with its own words', async () => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 0, handlers);
    transport.gets[0]!.fail(new Error('ECONNRESET'));
    await settle();
    expect(heard).toEqual(['failed ECONNRESET']);
    f.cancel();
  });

  it('succeeded() starts the backoff afresh', async () => {
    const { fetcher: f, transport, handlers } = fetcher();
    const waits: number[] = [];
    const counting = { ...handlers, failed: (_failure: unknown, retryInMs: number) => waits.push(retryInMs) };
    for (let round = 0; round < 3; round++) {
      f.fetch(URL, 0, counting);
      for (let i = 0; i < 8; i++) {
        transport.gets.at(-1)!.answer({ status: 503, body: '', retryAfter: undefined });
        await settle();
        transport.clock.advanceBy(waits.at(-1)!);
      }
      f.succeeded();
      transport.gets.at(-1)!.answer({ status: 503, body: '', retryAfter: undefined });
      await settle();
      // A first attempt's wait: at most the 0.5 s base. Kept at eight attempts, each of these
      // three would be drawn from up to 30 s.
      expect(waits.at(-1)).toBeLessThanOrEqual(500);
      f.cancel();
    }
  });

  it('a body handler that throws is reported as thrown', async () => {
    const { fetcher: f, transport, heard, handlers } = fetcher(() => {
      throw new Error('cannot take this book');
    });
    f.fetch(URL, 0, handlers);
    transport.gets[0]!.answer({ status: 200, body: '{}', retryAfter: undefined });
    await settle();
    expect(heard).toEqual(['body {}', 'threw cannot take this book']);
  });

  it('retry() before any fetch asks nothing', () => {
    const { fetcher: f, transport } = fetcher();
    expect(f.retry()).toBe(0);
    transport.clock.advanceBy(60_000);
    expect(transport.gets).toHaveLength(0);
  });

  it('a new fetch supersedes the one in flight: its answer is dropped', async () => {
    const { fetcher: f, transport, heard, handlers } = fetcher();
    f.fetch(URL, 0, handlers);
    f.fetch(`${URL}&again`, 0, handlers);
    expect(transport.gets[0]!.signal.aborted).toBe(true);
    transport.gets[0]!.answer({ status: 200, body: 'old', retryAfter: undefined });
    transport.gets[1]!.answer({ status: 200, body: 'new', retryAfter: undefined });
    await settle();
    expect(heard).toEqual(['body new']);
  });
});
