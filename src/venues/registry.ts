/**
 * The venue registry: one descriptor per venue, the only table that lists them. The CLI, the
 * demo, the connection limiter, the screen's tags and the test matrices all read it, so adding
 * a venue is its codec, its simulator, its fixtures and one line here. Every id of ids.ts must
 * have its descriptor: the type below does not compile otherwise.
 */
import { aster } from '../feeds/venues/aster.js';
import { binanceSpot } from '../feeds/venues/binance-spot.js';
import { binanceUsdm } from '../feeds/venues/binance-usdm.js';
import { bingx } from '../feeds/venues/bingx.js';
import { bybitLinear, bybitSpot } from '../feeds/venues/bybit.js';
import { coinbase } from '../feeds/venues/coinbase.js';
import { hyperliquid } from '../feeds/venues/hyperliquid.js';
import { kraken } from '../feeds/venues/kraken.js';
import { okx, okxSwap } from '../feeds/venues/okx.js';
import { FALLBACK_BUDGET, type ConnectBudget } from '../pool/connect-limiter.js';
import { asterProtocol } from '../sim/venues/aster.js';
import { binanceSpotProtocol } from '../sim/venues/binance-spot.js';
import { binanceUsdmProtocol } from '../sim/venues/binance-usdm.js';
import { bingxProtocol } from '../sim/venues/bingx.js';
import { bybitLinearProtocol, bybitSpotProtocol } from '../sim/venues/bybit.js';
import { coinbaseProtocol } from '../sim/venues/coinbase.js';
import { hyperliquidBookProtocol } from '../sim/venues/hyperliquid-book.js';
import { krakenProtocol } from '../sim/venues/kraken.js';
import { okxProtocol } from '../sim/venues/okx.js';
import type { VenueDescriptor } from './descriptor.js';
import { VENUE_IDS, type VenueId } from './ids.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/*
 * Connection budgets, from each venue's docs (a venue that documents none gets
 * FALLBACK_BUDGET in pool/connect-limiter.ts: as strict as the strictest documented one).
 * - binance: "There is a limit of 300 connections per attempt every 5 minutes per IP."
 *   https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 * - binance-usdm: the USDⓈ-M market-streams page states "10 incoming messages per second" per
 *   connection, "a maximum of 1024 streams" per connection and a 24-hour lifetime, but no count
 *   of new connections per IP (https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams,
 *   read 2026-07-22): FALLBACK_BUDGET. fstream is not the spot host, so it does not share spot's limit.
 * - aster: documents no connection limit either (only 10 incoming messages per second and 200
 *   streams per connection: asterdex/api-docs aster-finance-futures-api-v3.md, "Websocket Market
 *   Streams", read 2026-07-22): FALLBACK_BUDGET.
 * - bybit, bybit-linear: "Do not establish more than 500 connections within a 5-minute window.
 *   This limit applies to all connections directed to `stream.bybit.com`" (one shared limit for both;
 *   https://bybit-exchange.github.io/docs/v5/rate-limit, "Websocket IP limit", as of 2026-07-25).
 * - okx, okx-swap: "Connection limit: 3 requests per second (based on IP)"
 *   (https://www.okx.com/docs-v5/en/#overview-websocket-connect, as published 2026-07-08). Spot and
 *   swaps connect to the same public URL from the same IP, so they share the one limit.
 * - coinbase: "Advanced Trade API WebSocket connections are rate-limited at 750 per second per IP
 *   address"; "unauthenticated messages are rate-limited at 8 per second per IP address"
 *   (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-rate-limits,
 *   read 2026-07-22; the 8 a second is the message limit, not the connection limit). Each
 *   connection sends two subscribe messages (level2, heartbeats), so the message limit binds
 *   first: 4 connections a second.
 * - kraken: "Cloudflare imposes a connection/re-connection rate limit (per IP address) of
 *   approximately 150 attempts per rolling 10 minutes. If this is exceeded, the IP is banned for
 *   10 minutes." (https://docs.kraken.com/api/docs/guides/spot-ws-intro, General Considerations;
 *   not found on the 2026 docs.kraken.com/exchange guides, so that documented figure stands).
 * - bingx: no connection rate is documented; "A single IP is limited to a maximum of 60
 *   websockets" and "A single websocket is limited to a maximum of 200 topics"
 *   (https://bingx-api.github.io/docs/#/en-us/spot/socket/, Connection Limits, read 2026-07-22)
 *   cap how many are open at once, which the pool's few sessions stay far under: FALLBACK_BUDGET.
 * - hyperliquid: "Maximum of 100 websocket connections" per IP
 *   (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits); later
 *   revisions of that page, as quoted by SDKs, add "30 new connections per minute" and cap
 *   simultaneous connections at 10. We keep the stricter 30 / minute; the pool holds at most 4
 *   sessions (current, pending, 2 warm), under 10.
 */
const BUDGETS = {
  binance: {
    connections: 300, perMs: 5 * MINUTE,
  },
  binanceUsdm: FALLBACK_BUDGET,
  aster: FALLBACK_BUDGET,
  bybit: {
    connections: 500, perMs: 5 * MINUTE,
    sharedLimit: 'bybit',
  },
  okx: {
    connections: 3, perMs: SECOND,
    sharedLimit: 'okx',
  },
  coinbase: {
    connections: 4, perMs: SECOND,
  },
  kraken: {
    connections: 150, perMs: 10 * MINUTE,
  },
  bingx: FALLBACK_BUDGET,
  hyperliquid: {
    connections: 30, perMs: MINUTE,
  },
} as const satisfies Record<string, ConnectBudget>;

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
    budget: BUDGETS.binanceUsdm,
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
  bybit: {
    id: 'bybit',
    name: 'Bybit',
    tag: 'BY',
    market: 'spot',
    budget: BUDGETS.bybit,
    codec: bybitSpot,
    simulator: (options) => bybitSpotProtocol(options),
  },
  'bybit-linear': {
    id: 'bybit-linear',
    name: 'Bybit Perp',
    tag: 'BL',
    market: 'perp',
    budget: BUDGETS.bybit,
    codec: bybitLinear,
    simulator: (options) => bybitLinearProtocol(options),
  },
  okx: {
    id: 'okx',
    name: 'OKX',
    tag: 'OK',
    market: 'spot',
    budget: BUDGETS.okx,
    codec: okx,
    simulator: (options) => okxProtocol('SPOT', options),
  },
  'okx-swap': {
    id: 'okx-swap',
    name: 'OKX Perpetual',
    tag: 'OS',
    market: 'perp',
    budget: BUDGETS.okx,
    codec: okxSwap,
    simulator: (options) => okxProtocol('SWAP', options),
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
  kraken: {
    id: 'kraken',
    name: 'Kraken',
    tag: 'KR',
    market: 'spot',
    budget: BUDGETS.kraken,
    codec: kraken,
    simulator: (options) => krakenProtocol(options),
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
} as const satisfies { readonly [Id in VenueId]: VenueDescriptor & { readonly id: Id } };

export function venue(id: VenueId): VenueDescriptor {
  return VENUES[id];
}

/** Every venue's connection budget, keyed by id, for the ConnectLimiter. */
export function connectBudgets(): Readonly<Record<string, ConnectBudget>> {
  return Object.fromEntries(VENUE_IDS.map((id) => [id, VENUES[id].budget]));
}

/** Every venue's short tag, for the screen (which may not import this module). */
export function venueTags(): Readonly<Record<string, string>> {
  return Object.fromEntries(VENUE_IDS.map((id) => [id, VENUES[id].tag]));
}
