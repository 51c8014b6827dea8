/**
 * Everything depthmux knows about one venue, in one place: the codec the client speaks, the
 * simulator that speaks the same protocol from the other side (an independent reading of the
 * docs, DESIGN.md sim/), and the facts the screen and the connection limiter need. `simulator`
 * is required, so a venue registered without one does not compile.
 */
import type { CodecFactory, Market } from '../feeds/types.js';
import type { ConnectBudget } from '../pool/connect-limiter.js';
import type { SimProtocol, SimulatorOptions } from '../sim/venue-server.js';
import type { VenueId } from './ids.js';

export interface VenueDescriptor {
  readonly id: VenueId;
  /** As the venue calls itself ("Binance USDⓈ-M"). */
  readonly name: string;
  /** Two letters the merged ladder shows beside each price ("BN"). */
  readonly tag: string;
  readonly market: Market;
  /**
   * New connections the venue accepts per IP, as its docs state. Venues that share one limit
   * (one host, one per-IP counter) name the same `sharedLimit`.
   */
  readonly budget: ConnectBudget;
  /** Called once per feed: a codec may keep per-connection state. */
  readonly codec: CodecFactory;
  readonly simulator: (options?: SimulatorOptions) => SimProtocol;
}
