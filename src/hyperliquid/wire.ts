/**
 * Hyperliquid's account answers as declared types, checked at runtime: clearinghouseState (from
 * POST /info and the `clearinghouseState` WebSocket channel), meta, allMids and orderStatus.
 * Nothing here throws: a shape the docs do not describe is an `{ ok: false }` naming the field.
 * Prices and sizes stay the strings the exchange wrote; the docs' WebSocket typedefs show numbers
 * for the same fields, so a finite number is accepted and kept as its decimal text.
 *
 * Docs: "Info endpoint" (allMids, orderStatus) and "Info endpoint > Perpetuals" (meta,
 * clearinghouseState), https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 */
import { isRecord } from '../wire/json.js';

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** "leverage": {"type": "isolated", "value": 20, "rawUsd": "-95.059824"} or {"type": "cross", "value": 20} */
export interface WireLeverage {
  readonly type: 'cross' | 'isolated';
  readonly value: number;
}

/** One `assetPositions[i].position`. `liquidationPx` is null when no price would liquidate it. */
export interface WirePosition {
  readonly coin: string;
  /** Signed size: negative is short. */
  readonly szi: string;
  readonly entryPx: string | null;
  readonly positionValue: string;
  readonly unrealizedPnl: string;
  readonly returnOnEquity: string;
  readonly liquidationPx: string | null;
  readonly marginUsed: string;
  readonly leverage: WireLeverage;
}

export interface WireMarginSummary {
  readonly accountValue: string;
  readonly totalNtlPos: string;
  readonly totalMarginUsed: string;
}

export interface ClearinghouseState {
  readonly positions: readonly WirePosition[];
  readonly marginSummary: WireMarginSummary;
  readonly withdrawable: string;
  /** Exchange time of the state, when sent (the info answer has it). */
  readonly time: number | undefined;
}

export interface PerpAsset {
  readonly name: string;
  /** Index in the universe = the asset id orders carry (docs "Asset IDs"). */
  readonly asset: number;
  readonly szDecimals: number;
}

/** orderStatus -> "order": the order as it stands now; `sz` is what is left of `origSz`. */
export interface WireOrderStatus {
  readonly coin: string;
  readonly side: string;
  readonly limitPx: string;
  readonly sz: string;
  readonly origSz: string;
  readonly oid: number;
  readonly cloid: string | null;
  /** open, filled, canceled, rejected, iocCancelRejected, reduceOnlyRejected, ... */
  readonly status: string;
  readonly statusTimestamp: number;
}

/** {"status": "unknownOid"} is the docs' "Missing Order" answer. */
export type OrderStatusAnswer = { readonly found: false } | { readonly found: true; readonly order: WireOrderStatus };

const SIGNED_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A decimal as text: the exchange's string, or a finite number's shortest form. */
export function decimal(value: unknown): string | undefined {
  if (typeof value === 'string') return SIGNED_DECIMAL.test(value) ? value : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

function readLeverage(value: unknown): WireLeverage | undefined {
  if (!isRecord(value)) return undefined;
  const type = value['type'];
  const lev = value['value'];
  if ((type !== 'cross' && type !== 'isolated') || typeof lev !== 'number' || !(lev > 0)) return undefined;
  return { type, value: lev };
}

function readPosition(entry: unknown): Read<WirePosition> {
  const p = isRecord(entry) ? entry['position'] : undefined;
  if (!isRecord(p) || typeof p['coin'] !== 'string') return fail('assetPositions entry without position.coin');
  const coin = p['coin'];
  const szi = decimal(p['szi']);
  const fields = ['positionValue', 'unrealizedPnl', 'returnOnEquity', 'marginUsed'] as const;
  const values = fields.map((name) => decimal(p[name]));
  const leverage = readLeverage(p['leverage']);
  const entryPx = p['entryPx'] === null || p['entryPx'] === undefined ? null : decimal(p['entryPx']);
  const liquidationPx = p['liquidationPx'] === null || p['liquidationPx'] === undefined ? null : decimal(p['liquidationPx']);
  const [positionValue, unrealizedPnl, returnOnEquity, marginUsed] = values;
  if (szi === undefined) return fail(`${coin}: szi is not a decimal`);
  if (positionValue === undefined || unrealizedPnl === undefined || returnOnEquity === undefined || marginUsed === undefined) {
    return fail(`${coin}: ${fields[values.indexOf(undefined)]} is not a decimal`);
  }
  if (!leverage) return fail(`${coin}: leverage is not {type, value}`);
  if (entryPx === undefined || liquidationPx === undefined) return fail(`${coin}: entryPx/liquidationPx is not a decimal`);
  return { ok: true, value: { coin, szi, entryPx, positionValue, unrealizedPnl, returnOnEquity, liquidationPx, marginUsed, leverage } };
}

/**
 * "Retrieve user's perpetuals account summary": {assetPositions, marginSummary, withdrawable, time, ...}.
 * The WebSocket channel wraps the same object as {dex, user, clearinghouseState} (nktkas/hyperliquid
 * subscription/clearinghouseState.ts); both forms are read.
 */
export function readClearinghouseState(value: unknown): Read<ClearinghouseState> {
  const state = isRecord(value) && isRecord(value['clearinghouseState']) ? value['clearinghouseState'] : value;
  if (!isRecord(state)) return fail('clearinghouseState is not an object');
  const rawPositions = state['assetPositions'];
  if (!Array.isArray(rawPositions)) return fail('assetPositions is not an array');
  const positions: WirePosition[] = [];
  for (const entry of rawPositions as readonly unknown[]) {
    const read = readPosition(entry);
    if (!read.ok) return read;
    positions.push(read.value);
  }
  const summary = state['marginSummary'];
  const accountValue = isRecord(summary) ? decimal(summary['accountValue']) : undefined;
  const totalNtlPos = isRecord(summary) ? decimal(summary['totalNtlPos']) : undefined;
  const totalMarginUsed = isRecord(summary) ? decimal(summary['totalMarginUsed']) : undefined;
  if (accountValue === undefined || totalNtlPos === undefined || totalMarginUsed === undefined) return fail('marginSummary is incomplete');
  const withdrawable = decimal(state['withdrawable']);
  if (withdrawable === undefined) return fail('withdrawable is not a decimal');
  const time = typeof state['time'] === 'number' ? state['time'] : undefined;
  return { ok: true, value: { positions, marginSummary: { accountValue, totalNtlPos, totalMarginUsed }, withdrawable, time } };
}

/** "Retrieve perpetuals metadata": {"universe": [{"name": "BTC", "szDecimals": 5, "maxLeverage": 50}, ...]} */
export function readMeta(value: unknown): Read<readonly PerpAsset[]> {
  const universe = isRecord(value) ? value['universe'] : undefined;
  if (!Array.isArray(universe)) return fail('meta.universe is not an array');
  const assets: PerpAsset[] = [];
  for (const [asset, item] of (universe as readonly unknown[]).entries()) {
    if (!isRecord(item) || typeof item['name'] !== 'string' || !Number.isSafeInteger(item['szDecimals'])) {
      return fail(`meta.universe[${asset}] has no name/szDecimals`);
    }
    assets.push({ name: item['name'], asset, szDecimals: item['szDecimals'] as number });
  }
  return { ok: true, value: assets };
}

/** "Retrieve mids for all coins": {"APE": "4.33245", "ARB": "1.21695"}. Non-decimal entries are dropped. */
export function readMids(value: unknown): Read<ReadonlyMap<string, string>> {
  if (!isRecord(value)) return fail('allMids is not an object');
  const mids = new Map<string, string>();
  for (const [coin, px] of Object.entries(value)) {
    const text = decimal(px);
    if (text !== undefined) mids.set(coin, text);
  }
  return { ok: true, value: mids };
}

/** "Query order status by oid or cloid": {"status": "order", "order": {"order": {...}, "status", "statusTimestamp"}}. */
export function readOrderStatus(value: unknown): Read<OrderStatusAnswer> {
  if (!isRecord(value)) return fail('orderStatus is not an object');
  if (value['status'] === 'unknownOid') return { ok: true, value: { found: false } };
  const wrapper = value['order'];
  const order = isRecord(wrapper) ? wrapper['order'] : undefined;
  if (value['status'] !== 'order' || !isRecord(wrapper) || !isRecord(order)) return fail(`orderStatus status "${String(value['status'])}"`);
  const sz = decimal(order['sz']);
  const origSz = decimal(order['origSz']);
  const limitPx = decimal(order['limitPx']);
  const { coin, side, oid, cloid } = order;
  const { status, statusTimestamp } = wrapper;
  if (typeof coin !== 'string' || typeof side !== 'string' || typeof oid !== 'number' || typeof status !== 'string') {
    return fail('orderStatus order without coin/side/oid/status');
  }
  if (sz === undefined || origSz === undefined || limitPx === undefined) return fail('orderStatus order sizes are not decimals');
  return {
    ok: true,
    value: {
      found: true,
      order: {
        coin,
        side,
        limitPx,
        sz,
        origSz,
        oid,
        cloid: typeof cloid === 'string' ? cloid : null,
        status,
        statusTimestamp: typeof statusTimestamp === 'number' ? statusTimestamp : 0,
      },
    },
  };
}
