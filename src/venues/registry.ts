/**
 * The venue registry: one descriptor per venue, the only table that lists them. The CLI, the
 * demo, the connection limiter, the screen's tags and the test matrices all read it, so adding
 * a venue is its codec, its simulator, its fixtures and one line here.
 */
import { aster } from '../feeds/venues/aster.js';
import { binanceSpot } from '../feeds/venues/binance-spot.js';
import { binanceUsdm } from '../feeds/venues/binance-usdm.js';
import { hyperliquid } from '../feeds/venues/hyperliquid.js';
import { FALLBACK_BUDGET, type ConnectBudget } from '../pool/connect-limiter.js';
import { asterProtocol } from '../sim/venues/aster.js';
import { binanceSpotProtocol } from '../sim/venues/binance-spot.js';
import { binanceUsdmProtocol } from '../sim/venues/binance-usdm.js';
import { hyperliquidBookProtocol } from '../sim/venues/hyperliquid-book.js';
import type { VenueDescriptor } from './descriptor.js';
import { VENUE_IDS, type VenueId } from './ids.js';

const MINUTE = 60_000;

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
 * - binance-usdm: the USDⓈ-M market-streams page states "10 incoming messages per second" per
 *   connection, "a maximum of 1024 streams" per connection and a 24-hour lifetime, but no count
 *   of new connections per IP (https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams,
 *   read 2026-07-22): FALLBACK_BUDGET. fstream is not the spot host, so it does not share spot's bucket.
 * - aster: documents no connection limit either (only 10 incoming messages per second and 200
 *   streams per connection: asterdex/api-docs aster-finance-futures-api-v3.md, "Websocket Market
 *   Streams", read 2026-07-22): FALLBACK_BUDGET.
 */
const BUDGETS = {
  binance: { connections: 300, perMs: 5 * MINUTE },
  'binance-usdm': FALLBACK_BUDGET,
  aster: FALLBACK_BUDGET,
  hyperliquid: { connections: 30, perMs: MINUTE },
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
  'binance-usdm': {
    id: 'binance-usdm',
    name: 'Binance USDⓈ-M',
    tag: 'BF',
    market: 'perp',
    budget: BUDGETS['binance-usdm'],
    codec: binanceUsdm,
    simulator: (options) => binanceUsdmProtocol(options),
  },
  aster: {
    id: 'aster',
    name: 'Aster',
    tag: 'AS',
    market: 'perp',
    budget: BUDGETS.aster,
    codec: aster,
    simulator: (options) => asterProtocol(options),
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
