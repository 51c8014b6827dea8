/**
 * A venue's frames as our simulator sends them (src/sim/venues/*), driven by the seeded market
 * model in this process: no socket, no server, the session's `send` collected, bytes as bytes
 * (BingX's gzip). The codec's own URL and subscribe frames open the session, so the frames are
 * the ones a feed on `--demo` decodes. The decode bench's workloads for the venues without a
 * recording in the protocol our codec speaks, and the scanner tests' gzipped frames.
 */
import type { Frame, VenueAdapter } from '../../src/feeds/types.js';
import { FaultSwitches } from '../../src/sim/faults.js';
import { MarketModel } from '../../src/sim/market-model.js';
import type { SimProtocol, SimSymbol, SimVenueContext } from '../../src/sim/venue-server.js';

/** Where the codec is pointed: only the path of its URLs reaches the simulator. */
export const SIM_ENDPOINTS = { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' } as const;

export interface SimulatedFeed {
  /** Every frame the session sent, in order: acks, snapshot(s), then one or more per market move. */
  readonly frames: readonly Frame[];
  /** The venue's REST answer to the codec's snapshot request at subscribe time, where it has one. */
  readonly restSnapshot?: string;
}

/**
 * The frames `protocol` sends a codec subscribed to `base`'s pair while the market model takes
 * `steps` steps (one per 100 ms in the demo). `ws` is the codec's endpoint with the simulator's path.
 */
export async function simulatedFeed(protocol: SimProtocol, codec: VenueAdapter, base: string, steps: number, seed = 7): Promise<SimulatedFeed> {
  const model = new MarketModel(seed);
  const symbol = codec.symbolFor(base);
  if (symbol === undefined) throw new Error(`bench: ${codec.id} has no pair for ${base}`);
  let state: SimSymbol | undefined;
  const context: SimVenueContext = {
    faults: new FaultSwitches(),
    symbol: (wanted) => {
      if (wanted !== base) return undefined;
      state ??= { base, book: model.openBook(protocol.venue, base, protocol.bookSpec(base)), seq: 1_000_000 };
      return state;
    },
  };
  const frames: Frame[] = [];
  let answer: { readonly body: string } | undefined;
  const session = protocol.connect(new URL(codec.url(symbol)), { send: (data) => void frames.push(data), close: () => {}, ping: () => {} }, context);
  try {
    for (const request of codec.subscribe(symbol)) session.message(request);
    const snapshotUrl = codec.restSnapshot?.url(symbol);
    answer = snapshotUrl && protocol.http ? await protocol.http(new URL(snapshotUrl), '', context) : undefined;
    const book = context.symbol(base)!;
    for (let i = 0; i < steps; i++) {
      model.step();
      const changes = book.book.moveTo(model.mid(base));
      if (changes.length === 0) continue;
      const firstSeq = book.seq + 1;
      book.seq += changes.length;
      session.publish(book, changes, firstSeq);
      // A venue that pushes on a cadence (BingX) sends from a timer: let it fire before the next step.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    session.close();
  }
  return answer === undefined ? { frames } : { frames, restSnapshot: answer.body };
}
