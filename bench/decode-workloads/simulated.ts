/**
 * Workloads for the venues without a recording in the protocol our codec speaks: the frames our
 * simulator sends a feed of BTC as the seeded market moves (test/helpers/simulated-feed.ts), only its book
 * frames, into one book as a feed holds it: a snapshot replaces it, deltas change it.
 */
import { Book } from '../../src/book/book.js';
import type { Frame, VenueAdapter } from '../../src/feeds/types.js';
import type { SimProtocol } from '../../src/sim/venue-server.js';
import type { Ccxt, CcxtExchange } from '../ccxt-peer.js';
import { SIM_ENDPOINTS, simulatedFeed } from '../../test/helpers/simulated-feed.js';
import { asReceived } from '../as-received.js';
import type { Workload } from './workload.js';

export interface SimulatedVenue {
  readonly protocol: SimProtocol;
  readonly codec: (endpoints: typeof SIM_ENDPOINTS) => VenueAdapter;
  /** Market moves to simulate (100 ms each in the demo). */
  readonly steps: number;
  readonly replays: number;
  /** Whether a frame carries the book (acks, heartbeats and pongs are left out). */
  readonly isBook: (text: string) => boolean;
  /** The frame's text, for `isBook` and for the peer, which pays for it (BingX: gunzipped). */
  readonly text?: (frame: Frame) => string;
  readonly floor?: Workload['floor'];
  /** The codec's frame scanner, on the frame's text. */
  readonly scan?: (text: string) => unknown;
  /** Resubscribe the codec before each replay (it keeps per-connection sequence state). */
  readonly rewind?: boolean;
  /** ccxt.pro's class and its `handleOrderBook(client, message)`, given a client on `url`. */
  readonly ccxt?: { readonly id: string; readonly url: string };
  readonly notes?: readonly string[];
}

/** What ccxt's book handlers read of their client: the URL, the subscriptions, and the futures they resolve. */
function ccxtClient(url: string): object {
  return { url, subscriptions: {}, resolve: () => {}, reject: () => {} };
}

const BASE = 'BTC';

export async function simulatedWorkload(venue: SimulatedVenue, ccxt: Ccxt | undefined): Promise<Workload> {
  const adapter = venue.codec(SIM_ENDPOINTS);
  const feed = await simulatedFeed(venue.protocol, adapter, BASE, venue.steps);
  const textOf = venue.text ?? ((frame: Frame): string => frame as string);
  const frames = feed.frames.filter((frame) => venue.isBook(textOf(frame))).map((frame) => (typeof frame === 'string' ? asReceived(frame) : frame));
  const symbol = adapter.symbolFor(BASE)!;
  const book = new Book();
  if (feed.restSnapshot !== undefined) {
    const snapshot = adapter.restSnapshot!.decode(feed.restSnapshot);
    if (snapshot.type !== 'snapshot') throw new Error(`bench: the ${adapter.id} simulator's snapshot decoded to ${snapshot.type}`);
    book.replace(snapshot.bids, snapshot.asks);
  }
  const exchange = ccxt && venue.ccxt ? (new ccxt.pro[venue.ccxt.id]!() as CcxtExchange & { handleOrderBook(client: object, message: unknown): void }) : undefined;
  const client = venue.ccxt ? ccxtClient(venue.ccxt.url) : undefined;
  const bytes = Math.round(frames.reduce((sum, frame) => sum + (typeof frame === 'string' ? Buffer.byteLength(frame) : frame.byteLength), 0) / frames.length);
  const snapshots = frames.filter((frame) => adapter.decode(frame).some((event) => event.type === 'snapshot')).length;
  adapter.subscribe(symbol);
  return {
    adapter,
    frames,
    books: frames.map(() => book),
    replays: venue.replays,
    ...(venue.floor ? { floor: venue.floor } : {}),
    ...(venue.scan ? { scan: (frame: Frame) => venue.scan!(textOf(frame)) } : {}),
    ...(venue.rewind ? { rewind: () => void adapter.subscribe(symbol) } : {}),
    ...(exchange && client ? { peer: (i: number) => exchange.handleOrderBook(client, JSON.parse(textOf(frames[i]!))) } : {}),
    notes: [
      `our ${adapter.id} simulator's ${frames.length} book frames for ${symbol} over ${venue.steps} steps of the seeded market (${snapshots} whole books, ${frames.length - snapshots} deltas), ~${bytes} B each` +
        (feed.restSnapshot !== undefined ? '; the book seeded from its REST snapshot' : ''),
      ...(venue.notes ?? []),
    ],
  };
}
