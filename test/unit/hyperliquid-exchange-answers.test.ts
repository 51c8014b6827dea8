/**
 * What ExchangeClient makes of each /exchange answer, and what it sends: only an answer in the
 * documented shapes is a fill, a resting order or a refusal; a server error, an unreadable body or
 * a half-formed status is "unknown", so the closer looks the order up instead of guessing. The
 * vault goes out lowercase, signed and posted alike, to one /exchange URL however the API base
 * was written.
 */
import { describe, expect, it } from 'vitest';
import { ExchangeClient, NonceManager, readOrderAnswer } from '../../src/hyperliquid/exchange-client.js';
import type { FetchLike } from '../../src/hyperliquid/http.js';
import { Signer } from '../../src/hyperliquid/key-source.js';
import { recoverSignerAddress } from '../../src/hyperliquid/signing.js';

const KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const signer = new Signer(KEY, 'env');
const ok = (status: unknown): unknown => ({ status: 'ok', response: { type: 'order', data: { statuses: [status] } } });

describe('readOrderAnswer: half-formed answers are unknown, not outcomes', () => {
  it.each([
    ['a status other than ok', { status: 'pending', response: { type: 'order', data: { statuses: [{ resting: { oid: 1 } }] } } }],
    ['ok without statuses', { status: 'ok', response: { type: 'order', data: {} } }],
    ['ok with statuses not a list', { status: 'ok', response: { type: 'order', data: { statuses: { resting: { oid: 1 } } } } }],
    ['an empty statuses list', ok(undefined)],
    ['a null status', ok(null)],
    ['a fill whose oid is text', ok({ filled: { totalSz: '1', avgPx: '2', oid: '3' } })],
    ['a fill whose size is a number', ok({ filled: { totalSz: 1, avgPx: '2', oid: 3 } })],
    ['a fill without its price', ok({ filled: { totalSz: '1', oid: 3 } })],
    ['a resting order whose oid is text', ok({ resting: { oid: '3' } })],
    ['an array', [ok({ resting: { oid: 1 } })]],
    ['null', null],
  ])('%s', (_what, json) => {
    expect(readOrderAnswer(json)).toBeUndefined();
  });
});

describe('ExchangeClient.send', () => {
  function client(answer: () => Response, options: { api?: string; vaultAddress?: string } = {}): { exchange: ExchangeClient; posts: { url: string; body: Record<string, unknown> }[] } {
    const posts: { url: string; body: Record<string, unknown> }[] = [];
    const fetch: FetchLike = async (url, init) => {
      posts.push({ url, body: JSON.parse(String(init.body)) as Record<string, unknown> });
      return answer();
    };
    const exchange = new ExchangeClient({ api: options.api ?? 'http://stub', signer, isMainnet: true, fetch, nonces: new NonceManager(), ...(options.vaultAddress ? { vaultAddress: options.vaultAddress } : {}) });
    return { exchange, posts };
  }
  const order = { a: 0, b: false, p: '60000', s: '0.5', r: true, t: { limit: { tif: 'Ioc' as const } } };

  it('posts to one /exchange URL however many slashes end the API base', async () => {
    const { exchange, posts } = client(() => Response.json(ok({ resting: { oid: 1 } })), { api: 'http://stub//' });
    await exchange.send(exchange.prepareOrder(order));
    expect(posts[0]!.url).toBe('http://stub/exchange');
  });

  it('a 500 is unknown, a 4xx a refusal with its text or, without text, its status', async () => {
    expect((await sendWith(500, 'busy')).kind).toBe('unknown');
    expect(await sendWith(400, ' bad nonce ')).toMatchObject({ kind: 'rejected', message: 'bad nonce' });
    expect((await sendWith(499, '')).kind).toBe('rejected');
    expect((await sendWith(422, '')) as { message?: string }).toMatchObject({ message: expect.stringContaining('422') });
  });

  async function sendWith(status: number, text: string): Promise<Awaited<ReturnType<ExchangeClient['send']>>> {
    const { exchange } = client(() => new Response(text, { status }));
    return exchange.send(exchange.prepareOrder(order));
  }

  it('a refusal carries how far this clock is from the exchange when the answer is dated', async () => {
    const date = new Date(Date.now() + 60_000).toUTCString();
    const { exchange } = client(() => new Response('{"status":"err","response":"Action already expired"}', { status: 200, headers: { date } }));
    const outcome = await exchange.send(exchange.prepareOrder(order));
    expect(outcome.kind).toBe('rejected');
    expect((outcome as { clockSkewMs?: number }).clockSkewMs).toBeLessThan(-58_000);
    const { exchange: undated } = client(() => new Response('{"status":"err","response":"no"}', { status: 200 }));
    expect(await undated.send(undated.prepareOrder(order))).toEqual({ kind: 'rejected', message: 'no' });
  });

  it('a vault goes out lowercase, and the signature is over the lowercase vault', async () => {
    const vault = '0xABCDEF0123456789ABCDEF0123456789ABCDEF01';
    const { exchange, posts } = client(() => Response.json(ok({ resting: { oid: 1 } })), { vaultAddress: vault });
    const signed = exchange.prepareOrder(order);
    await exchange.send(signed);
    expect(posts[0]!.body['vaultAddress']).toBe(vault.toLowerCase());
    expect(recoverSignerAddress(signed.action, vault.toLowerCase(), signed.nonce, true, signed.signature, signed.expiresAfter)).toBe(signer.address);
  });

  it('without a vault, none is sent and none is signed', async () => {
    const { exchange, posts } = client(() => Response.json(ok({ resting: { oid: 1 } })));
    const signed = exchange.prepareOrder(order);
    await exchange.send(signed);
    expect(posts[0]!.body).not.toHaveProperty('vaultAddress');
    expect(recoverSignerAddress(signed.action, null, signed.nonce, true, signed.signature, signed.expiresAfter)).toBe(signer.address);
  });
});
