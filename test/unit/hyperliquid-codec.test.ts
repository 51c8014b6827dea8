import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hyperliquid } from '../../src/feeds/venues/hyperliquid.js';
import { fixturePath } from '../helpers/fixtures.js';

/** A fixture's message: a string is raw text, anything else is JSON. */
function message(file: URL | string): unknown {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { frame?: unknown };
  return parsed.frame ?? parsed;
}
const wire = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
const fixture = (name: string): string => wire(message(new URL(`../fixtures/hyperliquid/${name}.json`, import.meta.url)));
/** Peer examples (test/fixtures/peer-examples) are the bare message, no envelope. */
const peer = (name: string): string => wire(message(fixturePath(`peer-examples/${name}.json`)));

const adapter = hyperliquid();
// A codec is one feed's: it takes books of the coin it subscribed.
adapter.subscribe('BTC');

describe('hyperliquid adapter facts', () => {
  it('uses coin names as symbols and rejects anything else', () => {
    expect(adapter.symbolFor('BTC')).toBe('BTC');
    expect(adapter.symbolFor('ETH')).toBe('ETH');
    for (const bad of ['btc', '', 'BTC-PERP', '@107', 'xyz:TSLA', 'A'.repeat(21)]) {
      expect(adapter.symbolFor(bad)).toBeUndefined();
    }
  });

  it('connects to the ws endpoint and sends the documented l2Book subscribe', () => {
    expect(adapter.id).toBe('hyperliquid');
    expect(adapter.market).toBe('perp');
    expect(adapter.sync).toBe('full-snapshot');
    expect(adapter.sequence).toBeUndefined();
    expect(adapter.restSnapshot).toBeUndefined();
    expect(adapter.url('BTC')).toBe('wss://api.hyperliquid.xyz/ws');
    expect(hyperliquid({ ws: 'ws://127.0.0.1:4200/ws' }).url('BTC')).toBe('ws://127.0.0.1:4200/ws');

    const frames = adapter.subscribe('BTC');
    expect(frames).toEqual(['{"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}}']);
    const doc = JSON.parse(fixture('subscribe-l2book')) as { subscription: { coin: string } };
    doc.subscription.coin = 'BTC';
    expect(JSON.parse(frames[0] ?? '')).toEqual(doc);
  });

  it('pings with the documented frame well inside the 60 s idle limit', () => {
    const { heartbeat } = adapter;
    expect(heartbeat.kind).toBe('client-ping');
    if (heartbeat.kind !== 'client-ping') return;
    expect(JSON.parse(heartbeat.frame)).toEqual(JSON.parse(fixture('ping')));
    expect(heartbeat.intervalMs).toBe(30_000);
    expect(heartbeat.intervalMs + heartbeat.timeoutMs).toBeLessThan(60_000);
  });
});

describe('hyperliquid decode', () => {
  it('decodes the ccxt l2Book push into a snapshot, bids first, strings kept raw', () => {
    expect(adapter.decode(peer('hyperliquid-l2book-push-ccxt'))).toEqual([
      {
        type: 'snapshot',
        bids: [['68674.0', '0.97139']],
        asks: [['68675.0', '0.04396']],
        exchangeTime: 1710131872708,
        symbol: 'BTC',
      },
    ]);
  });

  it('does not apply a book of another coin, or one older than the last book taken', () => {
    const feed = hyperliquid();
    feed.subscribe('BTC');
    const book = (coin: string, time: number): string => JSON.stringify({ channel: 'l2Book', data: { coin, time, levels: [[{ px: '1', sz: '1', n: 1 }], [{ px: '2', sz: '1', n: 1 }]] } });
    expect(feed.decode(book('BTC', 2_000))[0]?.type).toBe('snapshot');
    expect(feed.decode(book('ETH', 3_000))).toEqual([{ type: 'error', message: 'Hyperliquid: l2Book for ETH on the BTC feed: not applied' }]);
    expect(feed.decode(book('BTC', 1_000))[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/older|after one of/) as unknown });
    expect(feed.decode(book('BTC', 2_000))[0]?.type).toBe('snapshot');
    // A new connection starts its own sequence of books.
    feed.subscribe('BTC');
    expect(feed.decode(book('BTC', 1_000))[0]?.type).toBe('snapshot');
  });

  it('decodes a full 20-level book', () => {
    const [event] = adapter.decode(fixture('l2book-order-book-server'));
    expect(event?.type).toBe('snapshot');
    if (event?.type !== 'snapshot') return;
    expect(event.exchangeTime).toBe(1751427259657);
    expect(event.seq).toBeUndefined();
    expect(event.bids).toHaveLength(20);
    expect(event.asks).toHaveLength(20);
    expect(event.bids[0]).toEqual(['106217.0', '0.001']);
    expect(event.bids[19]).toEqual(['105543.0', '0.0197']);
    expect(event.asks[0]).toEqual(['106233.0', '0.26739']);
    expect(event.asks[19]).toEqual(['107675.0', '0.00083']);
  });

  it('decodes pong and subscribe acknowledgements', () => {
    expect(adapter.decode(fixture('pong'))).toEqual([{ type: 'pong' }]);
    expect(adapter.decode(fixture('subscription-response-trades'))).toEqual([{ type: 'subscribed' }]);
    expect(adapter.decode(fixture('subscription-response-l2book-order-book-server'))).toEqual([{ type: 'subscribed' }]);
    // An unsubscribe acknowledgement is not a subscription.
    expect(adapter.decode(peer('hyperliquid-unsubscribe-response-l2book-ccxt'))).toEqual([{ type: 'ignored' }]);
  });

  it('reports an unknown coin as not listed, other errors plainly', () => {
    const [invalid] = adapter.decode(fixture('error-invalid-subscription'));
    expect(invalid?.type).toBe('error');
    if (invalid?.type !== 'error') return;
    expect(invalid.notListed).toBe(true);
    expect(invalid.message).toMatch(/^Hyperliquid: Invalid subscription: .*NOTACOIN/);

    const [already] = adapter.decode(fixture('error-already-subscribed'));
    expect(already?.type).toBe('error');
    if (already?.type !== 'error') return;
    expect(already.notListed).toBeUndefined();
    expect(already.message).toMatch(/^Hyperliquid: Already subscribed/);
  });

  it('ignores the connect greeting and other channels', () => {
    expect(adapter.decode(fixture('connection-greeting'))).toEqual([{ type: 'ignored' }]);
    for (const name of ['hyperliquid-order-updates-push-ccxt', 'hyperliquid-user-fills-push-ccxt', 'hyperliquid-clearinghouse-state-push-ccxt']) {
      expect(adapter.decode(peer(name))).toEqual([{ type: 'ignored' }]);
    }
  });

  it('decodes bytes as well as text', () => {
    expect(adapter.decode(new TextEncoder().encode(fixture('pong')))).toEqual([{ type: 'pong' }]);
  });
});

describe('hyperliquid decode never throws', () => {
  const bad: readonly string[] = [
    '',
    'garbage',
    '[]',
    '{"data":{}}',
    '{"channel":"l2Book"}',
    '{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[]]}}',
    '{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[{"px":68674,"sz":"1","n":1}],[]]}}',
    '{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[{"px":"NaN","sz":"1","n":1}],[]]}}',
    '{"channel":"l2Book","data":{"coin":"BTC","levels":[[],[]]}}',
  ];
  it.each(bad)('turns %j into one error event', (frame) => {
    const events = adapter.decode(frame);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('error');
  });

  it('rejects invalid UTF-8 bytes', () => {
    expect(adapter.decode(new Uint8Array([0xc3, 0x28]))[0]?.type).toBe('error');
  });
});
