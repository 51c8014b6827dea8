/**
 * Flags and environment -> a typed, validated Config. Everything a user can get wrong is checked
 * here, before the first render, and reported as one UsageError line.
 */
import { VENUE_IDS, isVenueId, type VenueId } from '../venues/ids.js';
import { parseFaultSpec, type FaultSchedule } from '../sim/faults.js';
import { UsageError } from './errors.js';
import { KeySourceError, hyperliquidSetup, type HyperliquidSetup } from '../hyperliquid/index.js';
import { parseEndpoints, type EndpointOverrides } from './endpoints.js';

export interface Config {
  /** The symbol shown first. */
  readonly symbol: string;
  /** The watchlist `]` and `[` walk through; contains `symbol`. */
  readonly symbols: readonly string[];
  readonly exchanges: readonly VenueId[];
  readonly demo: boolean;
  readonly chaos: boolean;
  readonly faults: readonly FaultSchedule[];
  /** Levels per side merged: the screen shows as many as fit, `--json` prints them all. */
  readonly depth: number;
  readonly fps: number;
  readonly json: boolean;
  readonly once: boolean;
  /** Seconds between `--json` lines. */
  readonly interval: number;
  /** Base units the liquidity line prices a fill of; undefined = about $100k at the mid. */
  readonly fillSize?: number;
  /** NO_COLOR set or --no-color given: no colour and no styles. */
  readonly noColor: boolean;
  readonly logFile?: string;
  /** --record: where every frame, connection and REST answer is written. */
  readonly record?: string;
  /** Account, key and network for positions; with --demo the demo's account replaces it. */
  readonly hyperliquid: HyperliquidSetup;
  /** Close orders accept at most this fraction away from mid (0.01 = 1 %). */
  readonly slippage?: number;
  /** --endpoint and DEPTHMUX_ENDPOINT_*: venues reached somewhere other than their production hosts. */
  readonly endpoints: EndpointOverrides;
}

/** The options as commander hands them over: strings, unvalidated. */
export interface RawOptions {
  readonly symbol?: string;
  readonly symbols?: string;
  readonly exchanges?: string;
  readonly demo?: boolean;
  readonly chaos?: boolean;
  readonly faults?: string;
  readonly depth?: string;
  readonly fps?: string;
  readonly json?: boolean;
  readonly once?: boolean;
  readonly interval?: string;
  readonly size?: string;
  /** commander's `--no-color`: false when given. */
  readonly color?: boolean;
  readonly logFile?: string;
  readonly record?: string;
  readonly hlAddress?: string;
  readonly hlKeyFile?: string;
  readonly testnet?: boolean;
  readonly slippage?: string;
  /** Every `--endpoint` given, in order. */
  readonly endpoint?: readonly string[];
}

export const DEFAULT_WATCHLIST = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'];
/** `--json` prints this many levels per side unless `--depth` says otherwise. */
const JSON_DEPTH = 15;
/** Without `--depth` the screen merges enough levels for the tallest layout and shows what fits. */
const SCREEN_DEPTH = 30;
const SYMBOL = /^[A-Z0-9]{1,15}$/;

/** "btc" -> "BTC"; anything that is not a plain base asset is a usage error. */
export function parseSymbol(input: string): string {
  const symbol = input.trim().toUpperCase();
  if (!SYMBOL.test(symbol)) {
    throw new UsageError('bad-symbol', `malformed symbol "${input}": give a base asset such as BTC or ETH (letters and digits only)`);
  }
  return symbol;
}

function parseExchanges(input: string): VenueId[] {
  const ids = input.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean);
  if (ids.length === 0) throw new UsageError('unknown-exchange', `no exchange given: valid ids are ${VENUE_IDS.join(', ')}`);
  const venues: VenueId[] = [];
  for (const id of ids) {
    if (!isVenueId(id)) {
      throw new UsageError('unknown-exchange', `unknown exchange "${id}": valid ids are ${VENUE_IDS.join(', ')}`);
    }
    if (!venues.includes(id)) venues.push(id);
  }
  return venues;
}

function parseInteger(name: string, input: string | undefined, fallback: number, min: number, max: number): number {
  if (input === undefined) return fallback;
  const value = Number(input);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError('bad-number', `--${name} must be a whole number from ${min} to ${max}, got "${input}"`);
  }
  return value;
}

export interface SimConfig {
  readonly venues: readonly VenueId[];
  readonly faults: readonly FaultSchedule[];
  readonly chaos: boolean;
  /** Depth messages a second per venue on top of the market's own pace; 0 = the venue's pace. */
  readonly rate: number;
}

export function parseSimConfig(raw: { exchanges?: string; faults?: string; chaos?: boolean; rate?: string }): SimConfig {
  const faults = raw.faults !== undefined ? parseFaultSpec(raw.faults) : [];
  if (typeof faults === 'string') throw new UsageError('bad-faults', faults);
  return {
    venues: raw.exchanges !== undefined ? parseExchanges(raw.exchanges) : [...VENUE_IDS],
    faults,
    chaos: raw.chaos === true,
    rate: parseInteger('rate', raw.rate, 0, 0, 1_000_000),
  };
}

export function parseConfig(raw: RawOptions): Config {
  const watchlist = raw.symbols !== undefined ? raw.symbols.split(',').filter((s) => s.trim()).map(parseSymbol) : DEFAULT_WATCHLIST;
  const symbol = raw.symbol !== undefined ? parseSymbol(raw.symbol) : watchlist[0] ?? 'BTC';
  const symbols = watchlist.includes(symbol) ? watchlist : [symbol, ...watchlist];
  const faults = raw.faults !== undefined ? parseFaultSpec(raw.faults) : [];
  if (typeof faults === 'string') throw new UsageError('bad-faults', faults);
  if ((raw.chaos || raw.faults !== undefined) && !raw.demo) {
    throw new UsageError('bad-option', `${raw.chaos ? '--chaos' : '--faults'} injects faults into the simulated venues: add --demo`);
  }
  if (raw.once && !raw.json) throw new UsageError('bad-option', '--once prints one JSON line: add --json');
  if (raw.interval !== undefined && !raw.json) throw new UsageError('bad-option', '--interval sets the time between JSON lines: add --json');
  const fillSize = parsePositive('size', raw.size);
  const slippage = parseSlippage(raw.slippage);
  const endpoints = parseEndpoints(raw.endpoint ?? [], process.env);
  if (raw.demo && (Object.keys(endpoints.venues).length > 0 || endpoints.hyperliquid)) {
    throw new UsageError('bad-option', '--demo runs its own simulated venues, so --endpoint (or DEPTHMUX_ENDPOINT_*) has nothing to point: give one or the other');
  }
  const exchanges = raw.exchanges !== undefined ? parseExchanges(raw.exchanges) : [...VENUE_IDS];
  refuseUnusedEndpoints(raw.endpoint ?? [], exchanges);
  return {
    symbol,
    symbols: [...new Set(symbols)],
    exchanges,
    demo: raw.demo === true,
    chaos: raw.chaos === true,
    faults,
    depth: parseInteger('depth', raw.depth, raw.json ? JSON_DEPTH : SCREEN_DEPTH, 1, 200),
    fps: parseInteger('fps', raw.fps, 10, 1, 20),
    json: raw.json === true,
    once: raw.once === true,
    interval: parseInterval(raw.interval),
    noColor: raw.color === false || (process.env.NO_COLOR ?? '') !== '',
    ...(fillSize !== undefined ? { fillSize } : {}),
    ...(raw.logFile !== undefined ? { logFile: raw.logFile } : {}),
    ...(raw.record !== undefined ? { record: raw.record } : {}),
    hyperliquid: parseHyperliquid(raw),
    ...(slippage !== undefined ? { slippage } : {}),
    endpoints,
  };
}

/**
 * An `--endpoint` for a book venue left out of `--exchanges` would be ignored: most likely a typo
 * in one of the two lists, so it is refused. (DEPTHMUX_ENDPOINT_* variables may stay set for venues
 * not shown; Hyperliquid's account URLs serve the positions pane whatever books are shown.)
 */
function refuseUnusedEndpoints(flags: readonly string[], exchanges: readonly VenueId[]): void {
  for (const flag of flags) {
    const id = flag.slice(0, flag.indexOf(':')) as VenueId;
    if (id !== 'hyperliquid' && !exchanges.includes(id)) {
      throw new UsageError('bad-endpoint', `--endpoint ${id}: ${id} is not in --exchanges (${exchanges.join(',')}): add it there, or leave its --endpoint out`);
    }
  }
}

/** Key and account are read and checked now, so a bad key file stops depthmux before it draws. */
function parseHyperliquid(raw: RawOptions): HyperliquidSetup {
  try {
    return hyperliquidSetup({ env: process.env, address: raw.hlAddress, keyFile: raw.hlKeyFile, testnet: raw.testnet === true });
  } catch (error) {
    if (error instanceof KeySourceError) throw new UsageError('bad-key', `${error.message} (${error.hint})`);
    throw error;
  }
}

function parsePositive(name: string, input: string | undefined): number | undefined {
  if (input === undefined) return undefined;
  const value = Number(input);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError('bad-number', `--${name} must be a number above 0, got "${input}"`);
  return value;
}

/** `--interval` in seconds, from a tenth of a second to an hour; one second by default. */
function parseInterval(input: string | undefined): number {
  if (input === undefined) return 1;
  const value = Number(input);
  if (!Number.isFinite(value) || value < 0.1 || value > 3600) {
    throw new UsageError('bad-number', `--interval must be seconds from 0.1 to 3600, got "${input}"`);
  }
  return value;
}

/** `--slippage` is a percentage: "0.5" means 0.5 %. */
function parseSlippage(input: string | undefined): number | undefined {
  if (input === undefined) return undefined;
  const percent = Number(input.replace(/%$/, ''));
  if (!Number.isFinite(percent) || percent <= 0 || percent > 10) {
    throw new UsageError('bad-number', `--slippage must be a percentage above 0 and at most 10, got "${input}"`);
  }
  return percent / 100;
}
