/**
 * `depthmux sim --rate`: the flood sends depth messages at the asked pace, every one with update
 * ids that continue the last (a client must be able to keep its book), and stops on close().
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Flood } from '../../src/sim/flood.js';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import { venue } from '../../src/venues/registry.js';
import { WsInbox } from '../helpers/ws-inbox.js';

interface DepthUpdate {
  readonly e: string;
  readonly U: number;
  readonly u: number;
}

describe('Flood', () => {
  let server: VenueServer | undefined;
  let inbox: WsInbox | undefined;
  let flood: Flood | undefined;
  afterEach(async () => {
    flood?.close();
    await inbox?.close();
    await server?.close();
  });

  it('sends the asked rate of depth diffs with an unbroken U/u chain, and nothing once closed', async () => {
    server = await new VenueServer(venue('binance').simulator(), new MarketModel(3)).listen();
    inbox = await WsInbox.open(`${server.wsUrl}/ws/btcusdt@depth@100ms`);
    const diffs = (): DepthUpdate[] => (inbox!.json() as DepthUpdate[]).filter((m) => m.e === 'depthUpdate');
    await inbox.until(() => server!.seqs()['BTC'] !== undefined, 'the stream to be subscribed');
    const started = performance.now();
    flood = new Flood([server], 2_000);
    flood.start();
    await inbox.until(() => diffs().length >= 300, '300 flooded diffs', 20_000);
    const elapsedS = (performance.now() - started) / 1000;
    flood.close();
    const seen = diffs();
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.U, `diff ${i}`).toBe(seen[i - 1]!.u + 1);
    // Paced, not dumped: no faster than the rate allows (plus one slice's catch-up allowance).
    expect(flood.sent).toBeLessThanOrEqual(2_000 * elapsedS + 200);
    const last = server.seqs()['BTC'];
    await inbox.until(() => diffs().at(-1)!.u === last, 'the diffs sent before close() to arrive');
    expect(server.seqs()['BTC']).toBe(last);
  });
});
