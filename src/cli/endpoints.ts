/**
 * Where each venue is reached: `--endpoint VENUE:KEY=URL[,KEY=URL…]` (repeatable, one venue per
 * flag) and `DEPTHMUX_ENDPOINT_<VENUE>_<KEY>` variables, checked and turned into the codecs'
 * VenueEndpoints and the Hyperliquid session's API and user-stream URLs. A flag beats a variable,
 * URL by URL. Users behind a proxy, on a testnet or a regional host, and tests with a fault proxy
 * between depthmux and `depthmux sim`, all come in here.
 *
 * Keys: every venue has `ws` (its market-data WebSocket) and `rest` (its REST base: snapshots,
 * instrument facts); Hyperliquid has `ws` (the book stream), `api` (the base of POST /info and
 * POST /exchange) and `user-ws` (the positions stream).
 */
import { VENUE_IDS, isVenueId, type VenueId } from '../venues/ids.js';
import type { VenueEndpoints } from '../feeds/types.js';
import { UsageError } from './errors.js';

/** Hyperliquid's account side: positions, orders and the user stream. */
export interface AccountEndpoints {
  readonly api?: string;
  readonly ws?: string;
}

export interface EndpointOverrides {
  readonly venues: Readonly<Partial<Record<VenueId, VenueEndpoints>>>;
  readonly hyperliquid?: AccountEndpoints;
}

type Key = 'ws' | 'rest' | 'api' | 'user-ws';
export type EndpointUrls = Partial<Record<Key, string>>;

const VENUE_KEYS: readonly Key[] = ['ws', 'rest'];
const HYPERLIQUID_KEYS: readonly Key[] = ['ws', 'api', 'user-ws'];
const SCHEMES: Record<Key, readonly string[]> = { ws: ['ws:', 'wss:'], 'user-ws': ['ws:', 'wss:'], rest: ['http:', 'https:'], api: ['http:', 'https:'] };
const ENV_PREFIX = 'DEPTHMUX_ENDPOINT_';
const FORM = 'VENUE:KEY=URL[,KEY=URL…], e.g. binance:ws=ws://127.0.0.1:9001,rest=http://127.0.0.1:9001';

function keysOf(venue: VenueId): readonly Key[] {
  return venue === 'hyperliquid' ? HYPERLIQUID_KEYS : VENUE_KEYS;
}

/** DEPTHMUX_ENDPOINT_BINANCE_USDM_WS, DEPTHMUX_ENDPOINT_HYPERLIQUID_USER_WS… */
export function endpointVariable(venue: VenueId, key: Key): string {
  return `${ENV_PREFIX}${venue.toUpperCase().replaceAll('-', '_')}_${key.toUpperCase().replaceAll('-', '_')}`;
}

/** One `--endpoint` value, the way `depthmux sim` prints it. */
export function formatEndpoint(venue: VenueId, urls: EndpointUrls): string {
  const pairs = keysOf(venue).flatMap((key) => (urls[key] !== undefined ? [`${key}=${urls[key]}`] : []));
  return `${venue}:${pairs.join(',')}`;
}

function checkUrl(where: string, key: Key, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('bad-endpoint', `${where}: "${text}" is not a URL: give ${key}=${SCHEMES[key][0]}//host:port…`);
  }
  if (!SCHEMES[key].includes(url.protocol)) {
    throw new UsageError('bad-endpoint', `${where}: ${key} must be a ${SCHEMES[key].map((s) => `${s}//`).join(' or ')} URL, got "${text}"`);
  }
  return text;
}

function parseFlag(value: string): [VenueId, EndpointUrls] {
  const colon = value.indexOf(':');
  const id = (colon < 0 ? value : value.slice(0, colon)).trim().toLowerCase();
  if (colon < 0 || id === '') throw new UsageError('bad-endpoint', `--endpoint "${value}": expected ${FORM}`);
  if (!isVenueId(id)) throw new UsageError('unknown-exchange', `--endpoint: unknown exchange "${id}": valid ids are ${VENUE_IDS.join(', ')}`);
  const where = `--endpoint ${id}`;
  const given: EndpointUrls = {};
  for (const part of value.slice(colon + 1).split(',')) {
    const equals = part.indexOf('=');
    const key = part.slice(0, Math.max(equals, 0)).trim().toLowerCase();
    if (equals < 0 || !(keysOf(id) as readonly string[]).includes(key)) {
      throw new UsageError('bad-endpoint', `${where}: "${part}" is not KEY=URL with KEY one of ${keysOf(id).join(', ')}`);
    }
    if (given[key as Key] !== undefined) throw new UsageError('bad-endpoint', `${where}: ${key} is given twice`);
    given[key as Key] = checkUrl(where, key as Key, part.slice(equals + 1).trim());
  }
  return [id, given];
}

function fromEnvironment(env: Readonly<Record<string, string | undefined>>): Map<VenueId, EndpointUrls> {
  const known = new Map<string, [VenueId, Key]>();
  for (const id of VENUE_IDS) for (const key of keysOf(id)) known.set(endpointVariable(id, key), [id, key]);
  const found = new Map<VenueId, EndpointUrls>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined || value === '') continue;
    const target = known.get(name);
    if (!target) {
      throw new UsageError('bad-endpoint', `unknown variable ${name}: expected ${ENV_PREFIX}<VENUE>_WS or _REST (VENUE one of ${VENUE_IDS.map((id) => id.toUpperCase().replaceAll('-', '_')).join(', ')}), or ${ENV_PREFIX}HYPERLIQUID_API or _USER_WS`);
    }
    const [id, key] = target;
    found.set(id, { ...found.get(id), [key]: checkUrl(name, key, value) });
  }
  return found;
}

/**
 * The endpoints asked for by `--endpoint` values and the environment.
 * A venue with a REST side needs both of its URLs: its snapshot must come from the same place as
 * its stream, or the book would bridge two venues' sequences (the codecs refuse it too).
 */
export function parseEndpoints(flags: readonly string[], env: Readonly<Record<string, string | undefined>>): EndpointOverrides {
  const given = fromEnvironment(env);
  const flagged = new Set<VenueId>();
  for (const value of flags) {
    const [id, urls] = parseFlag(value);
    if (flagged.has(id)) throw new UsageError('bad-endpoint', `--endpoint ${id} is given twice: put all its URLs in one, ${id}:ws=…,rest=…`);
    flagged.add(id);
    given.set(id, { ...given.get(id), ...urls });
  }
  const venues: Partial<Record<VenueId, VenueEndpoints>> = {};
  let hyperliquid: AccountEndpoints | undefined;
  for (const [id, urls] of given) {
    if (id === 'hyperliquid') {
      if (urls.ws !== undefined) venues[id] = { ws: urls.ws };
      if (urls.api !== undefined || urls['user-ws'] !== undefined) {
        hyperliquid = { ...(urls.api !== undefined ? { api: urls.api } : {}), ...(urls['user-ws'] !== undefined ? { ws: urls['user-ws'] } : {}) };
      }
      continue;
    }
    if (urls.ws === undefined || urls.rest === undefined) {
      const missing = urls.ws === undefined ? 'ws' : 'rest';
      throw new UsageError(
        'bad-endpoint',
        `${id}: ${missing} is missing: give both, --endpoint ${id}:ws=…,rest=… (or ${endpointVariable(id, 'ws')} and ${endpointVariable(id, 'rest')}); a book's snapshot must come from where its stream does`,
      );
    }
    venues[id] = { ws: urls.ws, rest: urls.rest };
  }
  return { venues, ...(hyperliquid ? { hyperliquid } : {}) };
}
