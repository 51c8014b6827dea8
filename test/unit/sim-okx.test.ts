/**
 * The simulated OKX (spot and swap) over a real loopback server: its frames have the doc
 * examples' shape, seqIds chain, the doc's merge rule and checksum rebuild the venue's book, swap
 * sizes are contracts of the instrument's ctVal, and it keeps OKX's idle rule and notices.
 * https://www.okx.com/docs-v5/en/ (pages cited in test/fixtures/okx/).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import { okxChecksum } from '../../src/feeds/venues/okx-book.js';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { okxProtocol, type OkxSimOptions } from '../../src/sim/venues/okx.js';
import type { OkxSimInstType } from '../../src/sim/venues/okx-wire.js';
import { venue } from '../../src/venues/registry.js';
import { docExample, shapeErrors } from '../helpers/doc-shape.js';
import { WsInbox } from '../helpers/ws-inbox.js';

type Level = [string, string, string, string];
interface BookData { asks: Level[]; bids: Level[]; ts: string; checksum: number; prevSeqId: number; seqId: number }
interface BookPush { arg: { channel: string; instId: string }; action: 'snapshot' | 'update'; data: BookData[] }

let server: VenueServer | undefined;
const inboxes: WsInbox[] = [];

async function start(instType: OkxSimInstType = 'SPOT', options: OkxSimOptions = {}): Promise<VenueServer> {
  server = await new VenueServer(okxProtocol(instType, options), new MarketModel(7)).listen();
  return server;
}

async function connect(sim: VenueServer, path = '/ws/v5/public'): Promise<WsInbox> {
  const inbox = await WsInbox.open(sim.wsUrl + path);
  inboxes.push(inbox);
  return inbox;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const pushes = (inbox: WsInbox): BookPush[] => inbox.json().filter((frame): frame is BookPush => isRecord(frame) && 'action' in frame);
const events = (inbox: WsInbox, event: string): Record<string, unknown>[] => inbox.json().filter((frame): frame is Record<string, unknown> => isRecord(frame) && frame['event'] === event);

async function subscribed(sim: VenueServer, instId: string): Promise<WsInbox> {
  const inbox = await connect(sim);
  inbox.send({ id: '1512', op: 'subscribe', args: [{ channel: 'books', instId }] });
  await inbox.until(() => pushes(inbox).length >= 1, 'the snapshot');
  return inbox;
}

/** The doc's merge rule ("Merging incremental data into full data"), on the wire strings. */
function rebuild(messages: readonly BookPush[]): Book {
  const book = new Book();
  for (const { action, data } of messages) {
    const [item] = data;
    const levels = (side: Level[]): [string, string][] => side.map(([price, size]) => [price, size]);
    if (action === 'snapshot') book.replace(levels(item!.bids), levels(item!.asks));
    else book.apply(levels(item!.bids), levels(item!.asks));
  }
  return book;
}

async function instruments(sim: VenueServer, query: string): Promise<{ status: number; body: { code: string; msg: string; data: Record<string, unknown>[] } }> {
  const response = await fetch(`${sim.httpUrl}/api/v5/public/instruments?${query}`);
  return { status: response.status, body: (await response.json()) as never };
}

afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
  await server?.close();
  server = undefined;
});

describe('simulated OKX', () => {
  it('is registered as okx and okx-swap, with every fault it can commit', () => {
    expect(venue('okx').simulator().venue).toBe('okx');
    expect(venue('okx-swap').simulator().venue).toBe('okx-swap');
    expect(okxProtocol('SPOT').faults).toEqual(['gap', 'bad-checksum', 'no-pong', 'server-shutdown']);
    expect(okxProtocol('SPOT', { checksums: 'zero' }).faults).toEqual(['gap', 'no-pong', 'server-shutdown']);
  });

  it('acks a subscription, sends the snapshot, then updates whose seqIds chain, all in the docs shape', async () => {
    const sim = await start();
    const inbox = await subscribed(sim, 'BTC-USDT');
    expect(shapeErrors(events(inbox, 'subscribe')[0], docExample('okx', 'subscribe-response'))).toEqual([]);
    for (let i = 0; i < 4; i++) sim.step();
    await inbox.until(() => pushes(inbox).length >= 5, 'four updates');
    const [snapshot, ...updates] = pushes(inbox);
    expect(shapeErrors(snapshot, docExample('okx', 'books-snapshot'))).toEqual([]);
    expect(snapshot!.data[0]!.prevSeqId).toBe(-1);
    let seqId = snapshot!.data[0]!.seqId;
    for (const update of updates) {
      expect(shapeErrors(update, docExample('okx', 'books-update'))).toEqual([]);
      expect(update.data[0]!.prevSeqId).toBe(seqId);
      seqId = update.data[0]!.seqId;
      for (const [price, size] of [...update.data[0]!.asks, ...update.data[0]!.bids]) expect(`${price} ${size}`).not.toMatch(/\.\d*0\b|\.( |$)/);
    }
    expect(seqId).toBe(sim.symbol('BTC')!.seq);
  });

  it('lets the doc merge rule rebuild its book, the checksum of every message matching', async () => {
    const sim = await start();
    const inbox = await subscribed(sim, 'BTC-USDT');
    for (let i = 0; i < 5; i++) sim.step();
    await inbox.until(() => pushes(inbox).length >= 6, 'five updates');
    const messages = pushes(inbox);
    for (let n = 1; n <= messages.length; n++) {
      const checksum = messages[n - 1]!.data[0]!.checksum;
      expect(checksum).not.toBe(0);
      expect(okxChecksum(rebuild(messages.slice(0, n)))).toBe(checksum);
    }
    const book = rebuild(messages);
    const state = sim.symbol('BTC')!.book;
    expect(book.topBids(1000).map(([p, s]) => [Number(p), Number(s)])).toEqual(state.levels('bid').map(([p, s]) => [Number(p), Number(s)]));
    expect(book.topAsks(1000).map(([p, s]) => [Number(p), Number(s)])).toEqual(state.levels('ask').map(([p, s]) => [Number(p), Number(s)]));
  });

  it('writes swap sizes in contracts of the ctVal its instruments endpoint serves', async () => {
    const sim = await start('SWAP');
    const { status, body } = await instruments(sim, 'instType=SWAP&instId=BTC-USDT-SWAP');
    expect(status).toBe(200);
    expect(shapeErrors(body, docExample('okx', 'instruments-spot'))).toEqual([]);
    expect(body.data[0]).toMatchObject({ instId: 'BTC-USDT-SWAP', instType: 'SWAP', ctVal: '0.01', ctValCcy: 'BTC', settleCcy: 'USDT', state: 'live' });
    const inbox = await subscribed(sim, 'BTC-USDT-SWAP');
    const [snapshot] = pushes(inbox);
    const state = sim.symbol('BTC')!.book;
    const [price, contracts] = snapshot!.data[0]!.bids[0]!;
    const [basePrice, baseSize] = state.levels('bid', 1)[0]!;
    expect(Number(price)).toBe(Number(basePrice));
    expect(contracts).toMatch(/^\d+$/);
    expect(Number(contracts) * 0.01).toBeCloseTo(Number(baseSize), 10);
  });

  it('serves spot instruments and says 51001 for one it does not list, 51000 without instType', async () => {
    const sim = await start();
    const listed = await instruments(sim, 'instType=SPOT&instId=BTC-USDT');
    expect(shapeErrors(listed.body, docExample('okx', 'instruments-spot'))).toEqual([]);
    expect(listed.body.data[0]).toMatchObject({ instId: 'BTC-USDT', tickSz: '0.1', lotSz: '0.00000001', ctVal: '' });
    const unknown = await instruments(sim, 'instType=SPOT&instId=NOPE-USDT');
    expect(unknown).toEqual({ status: 200, body: docExample('okx', 'instruments-error-51001') });
    expect((await instruments(sim, 'instType=SWAP&instId=BTC-USDT-SWAP')).body.code).toBe('51001');
    expect(await instruments(sim, 'instId=BTC-USDT')).toMatchObject({ status: 400, body: { code: '51000' } });
  });

  it('answers an unknown instrument with 60018, a malformed request with 60012, and the text ping with pong', async () => {
    const sim = await start();
    const inbox = await connect(sim);
    inbox.send({ op: 'subscribe', args: [{ channel: 'books', instId: 'NOPE-USDT' }] });
    inbox.send('{"op": "subscribe", "argss":[]}');
    inbox.send('ping');
    await inbox.until(() => events(inbox, 'error').length >= 2 && inbox.texts.includes('pong'), 'two errors and a pong');
    const [unknown, invalid] = events(inbox, 'error');
    expect(unknown).toMatchObject({ code: '60018', msg: expect.stringMatching(/^Wrong URL or channel:books,instId:NOPE-USDT doesn't exist/) });
    expect(shapeErrors(unknown, docExample('okx', 'error-60018-unknown-instrument'))).toEqual([]);
    expect(invalid).toMatchObject({ code: '60012', msg: expect.stringMatching(/^Invalid request: /) });
  });

  it('commits gap (a lost update) and bad-checksum (a wrong, never zero, CRC)', async () => {
    const sim = await start();
    const inbox = await subscribed(sim, 'BTC-USDT');
    sim.faults.arm('gap');
    sim.step();
    sim.step();
    sim.faults.arm('bad-checksum');
    sim.step();
    await inbox.until(() => pushes(inbox).length >= 3, 'two updates after the lost one');
    const [snapshot, afterGap, bad] = pushes(inbox);
    expect(afterGap!.data[0]!.prevSeqId).not.toBe(snapshot!.data[0]!.seqId);
    const checksum = bad!.data[0]!.checksum;
    expect(checksum).not.toBe(0);
    expect(checksum).not.toBe(okxChecksum(rebuild([snapshot!, afterGap!, bad!])));
  });

  it('sends checksum 0 in zero mode, as OKX has since the deprecation', async () => {
    const sim = await start('SPOT', { checksums: 'zero' });
    const inbox = await subscribed(sim, 'BTC-USDT');
    sim.step();
    await inbox.until(() => pushes(inbox).length >= 2, 'an update');
    expect(pushes(inbox).map((push) => push.data[0]!.checksum)).toEqual([0, 0]);
  });

  it('announces a service upgrade with notice 64008 on every connection, then closes', async () => {
    const sim = await start('SPOT', { heartbeatEveryMs: 100 });
    const inbox = await subscribed(sim, 'BTC-USDT');
    const other = await subscribed(sim, 'ETH-USDT');
    // Pinging, so that nothing is closed by the idle rule: the close is the upgrade's.
    const pinger = setInterval(() => [inbox, other].forEach((client) => client.send('ping')), 50);
    try {
      sim.faults.arm('server-shutdown');
      sim.step();
      for (const client of [inbox, other]) {
        await client.until(() => events(client, 'notice').length === 1, 'the notice');
        expect(shapeErrors(events(client, 'notice')[0], docExample('okx', 'notice-64008'))).toEqual([]);
        expect(client.closed).toBeUndefined();
      }
      await inbox.until(() => inbox.closed !== undefined, 'the close after the notice', 4_000);
    } finally {
      clearInterval(pinger);
    }
    expect(inbox.closed?.code).toBe(1001);
  });

  describe('idle rule (heartbeatEveryMs 50: 500 ms for the doc\'s 30 s)', () => {
    it('closes a connection that subscribes to nothing', async () => {
      const sim = await start('SPOT', { heartbeatEveryMs: 50 });
      const inbox = await connect(sim);
      await inbox.until(() => inbox.closed !== undefined, 'the idle close');
      expect(inbox.closed).toEqual({ code: 4004, reason: 'No data received in 30s' });
    });

    it('closes a quiet subscription whose client does not ping, and keeps one that does', async () => {
      const sim = await start('SPOT', { heartbeatEveryMs: 50 });
      const silent = await subscribed(sim, 'BTC-USDT');
      const pinging = await subscribed(sim, 'BTC-USDT');
      const pinger = setInterval(() => pinging.send('ping'), 50);
      try {
        await silent.until(() => silent.closed !== undefined, 'the silent client closed', 3_000);
        expect(silent.closed?.code).toBe(4004);
        // Past the keep-alive period (2 x 500 ms): the quiet book's empty update came, the link stayed.
        await pinging.until(() => pushes(pinging).length >= 2, 'the keep-alive update', 3_000);
        expect(pinging.closed).toBeUndefined();
      } finally {
        clearInterval(pinger);
      }
      const [snapshot, keepAlive] = pushes(pinging);
      const { seqId } = snapshot!.data[0]!;
      expect(keepAlive!.data[0]).toMatchObject({ asks: [], bids: [], prevSeqId: seqId, seqId });
    });

    it('does not answer pings while no-pong holds', async () => {
      const sim = await start('SPOT', { heartbeatEveryMs: 50 });
      const inbox = await subscribed(sim, 'BTC-USDT');
      sim.faults.hold('no-pong');
      inbox.send('ping');
      // Requests are answered in order: once this error is here, the ping before it was not answered.
      inbox.send({ op: 'subscribe', args: [{ channel: 'books', instId: 'NOPE-USDT' }] });
      await inbox.until(() => events(inbox, 'error').length === 1, 'the error after the ping');
      expect(inbox.texts).not.toContain('pong');
      sim.faults.clear('no-pong');
      inbox.send('ping');
      await inbox.until(() => inbox.texts.includes('pong'), 'the pong after the fault');
    });
  });
});
