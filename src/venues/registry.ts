/**
 * The venue registry: one descriptor per venue, the only table that lists them. The CLI, the
 * demo, the connection limiter, the screen's tags and the test matrices all read it, so adding
 * a venue is its codec, its simulator, its fixtures and one line here.
 */
import { binanceSpot } from '../feeds/venues/binance-spot.js';
import { bingx } from '../feeds/venues/bingx.js';
import { coinbase } from '../feeds/venues/coinbase.js';
import { hyperliquid } from '../feeds/venues/hyperliquid.js';
import { FALLBACK_BUDGET, type ConnectBudget } from '../pool/connect-limiter.js';
import { binanceSpotProtocol } from '../sim/venues/binance-spot.js';
import { bingxProtocol } from '../sim/venues/bingx.js';
import { coinbaseProtocol } from '../sim/venues/coinbase.js';
import { hyperliquidBookProtocol } from '../sim/venues/hyperliquid-book.js';
import type { VenueDescriptor } from './descriptor.js';
import { VENUE_IDS, type VenueId } from './ids.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/*
 * Connection budgets, from each venue's docs (a venue that documents none gets
 * FALLBACK_BUDGET in pool/connect-limiter.ts: as strict as the strictest documented one).
 * - binance: "There is a limit of 300 connections per attempt every 5 minutes per IP."
 *   https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 * - hyperliquid: "Maximum of 100 websocket connections" per IP
 *   (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits); later
 *   revisions of that page, as quoted by SDKs, add "30 new connections per minute" and cap
 *   simultaneous connections at 10. We keep the stricter 30 / minute; the pool holds at most 4
 *   sessions (current, pending, 2 warm), under 10.
 * - coinbase: "Advanced Trade API WebSocket connections are rate-limited at 750 per second per IP
 *   address"; "unauthenticated messages are rate-limited at 8 per second per IP address"
 *   (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-rate-limits,
 *   read 2026-07-22; the 8 a second is the message limit, not the connection limit). Each
 *   connection sends two subscribe messages (level2, heartbeats), so the message limit binds
 *   first: 4 connections a second.
 * - bingx: no connection rate is documented; "A single IP is limited to a maximum of 60
 *   websockets" and "A single websocket is limited to a maximum of 200 topics"
 *   (https://bingx-api.github.io/docs/#/en-us/spot/socket/, Connection Limits, read 2026-07-22)
 *   cap how many are open at once, which the pool's few sessions stay far under. The rate is
 *   FALLBACK_BUDGET's, as strict as the strictest documented one.
 */
const BUDGETS = {
  binance: { connections: 300, perMs: 5 * MINUTE },
  hyperliquid: { connections: 30, perMs: MINUTE },
  coinbase: { connections: 4, perMs: SECOND },
  bingx: FALLBACK_BUDGET,
} as const satisfies Partial<Record<VenueId, ConnectBudget>>;

export const VENUES = {
  binance: {
    id: 'binance',
    name: 'Binance',
    tag: 'BN',
    market: 'spot',
    budget: BUDGETS.binance,
    codec: binanceSpot,
    simulator: (options) => binanceSpotProtocol(options),
  },
  coinbase: {
    id: 'coinbase',
    name: 'Coinbase',
    tag: 'CB',
    market: 'spot',
    budget: BUDGETS.coinbase,
    codec: coinbase,
    simulator: (options) => coinbaseProtocol(options),
  },
  bingx: {
    id: 'bingx',
    name: 'BingX',
    tag: 'BX',
    market: 'spot',
    budget: BUDGETS.bingx,
    codec: bingx,
    simulator: (options) => bingxProtocol(options),
  },
  hyperliquid: {
    id: 'hyperliquid',
    name: 'Hyperliquid',
    tag: 'HL',
    market: 'perp',
    budget: BUDGETS.hyperliquid,
    codec: hyperliquid,
    simulator: (options) => hyperliquidBookProtocol(options),
  },
} as const satisfies Partial<Record<VenueId, VenueDescriptor>>;

export type AvailableVenueId = keyof typeof VENUES;

export function isAvailable(id: VenueId): id is AvailableVenueId {
  return id in VENUES;
}

/** The ids with a codec and a simulator, in the order `--exchanges` lists them. */
export const AVAILABLE_VENUES: readonly AvailableVenueId[] = VENUE_IDS.filter(isAvailable);

export function venue(id: AvailableVenueId): VenueDescriptor {
  return VENUES[id];
}

/** Every available venue's connection budget, keyed by id, for the ConnectLimiter. */
export function connectBudgets(): Readonly<Record<string, ConnectBudget>> {
  return Object.fromEntries(AVAILABLE_VENUES.map((id) => [id, VENUES[id].budget]));
}

/** Every venue's short tag, for the screen (which may not import this module). */
export function venueTags(): Readonly<Record<string, string>> {
  return Object.fromEntries(AVAILABLE_VENUES.map((id) => [id, VENUES[id].tag]));
}
