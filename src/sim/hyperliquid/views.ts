/**
 * The ledger as the API prints it: clearinghouseState, order status, order updates, fills, open
 * orders. Numbers are strings, as on the wire. Shapes: docs "Info endpoint" (+ "Perpetuals":
 * "Retrieve user's perpetuals account summary"), "Websocket > Subscriptions" (WsOrder, WsUserFills),
 * checked against the official Python SDK's recorded answers (tests/cassettes/info_test) and
 * nktkas/hyperliquid's schemas, which are tested against the live API.
 */
import { hlDecimal, usd } from './format.js';
import type { Account, Fill, OrderRecord, OrderStatus } from './ledger.js';
import type { SimMarket } from './market.js';

export interface WireMarginSummary {
  readonly accountValue: string;
  readonly totalNtlPos: string;
  readonly totalRawUsd: string;
  readonly totalMarginUsed: string;
}

export interface WireAssetPosition {
  readonly type: 'oneWay';
  readonly position: {
    readonly coin: string;
    readonly szi: string;
    readonly leverage: { readonly type: 'cross'; readonly value: number };
    readonly entryPx: string;
    readonly positionValue: string;
    readonly unrealizedPnl: string;
    readonly returnOnEquity: string;
    readonly liquidationPx: string | null;
    readonly marginUsed: string;
    readonly maxLeverage: number;
    readonly cumFunding: { readonly allTime: string; readonly sinceOpen: string; readonly sinceChange: string };
  };
}

export interface WireClearinghouseState {
  readonly marginSummary: WireMarginSummary;
  readonly crossMarginSummary: WireMarginSummary;
  readonly crossMaintenanceMarginUsed: string;
  readonly withdrawable: string;
  readonly assetPositions: readonly WireAssetPosition[];
  readonly time: number;
}

/** WsBasicOrder / OpenOrder: cloid and reduceOnly appear only when set (nktkas OpenOrder schema). */
export interface WireBasicOrder {
  readonly coin: string;
  readonly side: 'B' | 'A';
  readonly limitPx: string;
  readonly sz: string;
  readonly oid: number;
  readonly timestamp: number;
  readonly origSz: string;
  readonly cloid?: string;
  readonly reduceOnly?: true;
}

export interface WireOrderUpdate {
  readonly order: WireBasicOrder;
  readonly status: OrderStatus;
  readonly statusTimestamp: number;
}

/** {"type":"orderStatus"}: the order with its frontend fields, or unknownOid. */
export type WireOrderStatus =
  | {
      readonly status: 'order';
      readonly order: {
        readonly order: Omit<WireBasicOrder, 'cloid' | 'reduceOnly'> & {
          readonly triggerCondition: string;
          readonly isTrigger: boolean;
          readonly triggerPx: string;
          readonly children: readonly never[];
          readonly isPositionTpsl: boolean;
          readonly reduceOnly: boolean;
          readonly orderType: 'Limit';
          readonly tif: 'Alo' | 'Ioc' | 'Gtc';
          readonly cloid: string | null;
        };
        readonly status: OrderStatus;
        readonly statusTimestamp: number;
      };
    }
  | { readonly status: 'unknownOid' };

export interface WireFill {
  readonly coin: string;
  readonly px: string;
  readonly sz: string;
  readonly side: 'B' | 'A';
  readonly time: number;
  readonly startPosition: string;
  readonly dir: string;
  readonly closedPnl: string;
  readonly hash: string;
  readonly oid: number;
  readonly crossed: boolean;
  readonly fee: string;
  readonly tid: number;
  readonly feeToken: 'USDC';
  readonly twapId: null;
  readonly cloid?: string;
}

/** Default cross leverage of a user who never set one: 20x, or the asset's maximum if lower. */
export function leverageOf(account: Account, coin: string, maxLeverage: number): number {
  return account.leverage.get(coin) ?? Math.min(20, maxLeverage);
}

/** Maintenance margin is half the initial margin at max leverage (docs "Trading > Margining"). */
const maintenanceRate = (maxLeverage: number): number => 1 / (2 * maxLeverage);

export interface AccountNumbers {
  readonly accountValue: number;
  readonly totalNtlPos: number;
  readonly totalRawUsd: number;
  readonly totalMarginUsed: number;
  readonly maintenance: number;
}

export function accountNumbers(account: Account, market: SimMarket): AccountNumbers {
  let upnl = 0;
  let ntl = 0;
  let signedNtl = 0;
  let margin = 0;
  let maintenance = 0;
  for (const [coin, p] of account.positions) {
    const mark = market.mark(coin);
    const maxLev = market.asset(market.indexOf(coin))?.maxLeverage ?? 20;
    upnl += p.szi * (mark - p.entryPx);
    ntl += Math.abs(p.szi) * mark;
    signedNtl += p.szi * mark;
    margin += (Math.abs(p.szi) * mark) / leverageOf(account, coin, maxLev);
    maintenance += Math.abs(p.szi) * mark * maintenanceRate(maxLev);
  }
  const accountValue = account.usdc + upnl;
  return { accountValue, totalNtlPos: ntl, totalRawUsd: accountValue - signedNtl, totalMarginUsed: margin, maintenance };
}

/**
 * {"type":"clearinghouseState","user"}. An unknown user (or an agent) gets the empty state, as the
 * exchange answers for any address. liquidationPx is the mark at which the account value equals
 * the maintenance margin of this position, other positions held at their marks; null if none.
 */
export function clearinghouseState(account: Account | undefined, market: SimMarket, time: number): WireClearinghouseState {
  const numbers = account ? accountNumbers(account, market) : { accountValue: 0, totalNtlPos: 0, totalRawUsd: 0, totalMarginUsed: 0, maintenance: 0 };
  const summary: WireMarginSummary = {
    accountValue: usd(numbers.accountValue),
    totalNtlPos: usd(numbers.totalNtlPos),
    totalRawUsd: usd(numbers.totalRawUsd),
    totalMarginUsed: usd(numbers.totalMarginUsed),
  };
  const positions = account ? [...account.positions] : [];
  const assetPositions = positions.map(([coin, p]): WireAssetPosition => {
    const asset = market.asset(market.indexOf(coin));
    const maxLeverage = asset?.maxLeverage ?? 20;
    const leverage = account ? leverageOf(account, coin, maxLeverage) : maxLeverage;
    const mark = market.mark(coin);
    const upnl = p.szi * (mark - p.entryPx);
    const abs = Math.abs(p.szi);
    const others = numbers.accountValue - upnl;
    const liq = (p.szi * p.entryPx - others) / (p.szi - abs * maintenanceRate(maxLeverage));
    return {
      type: 'oneWay',
      position: {
        coin,
        szi: hlDecimal(p.szi, asset?.szDecimals ?? 6),
        leverage: { type: 'cross', value: leverage },
        entryPx: usd(p.entryPx),
        positionValue: usd(abs * mark),
        unrealizedPnl: usd(upnl),
        returnOnEquity: hlDecimal(upnl / ((abs * p.entryPx) / leverage), 8),
        liquidationPx: Number.isFinite(liq) && liq > 0 ? usd(liq) : null,
        marginUsed: usd((abs * mark) / leverage),
        maxLeverage,
        cumFunding: { allTime: '0.0', sinceOpen: '0.0', sinceChange: '0.0' },
      },
    };
  });
  return {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: usd(numbers.maintenance),
    withdrawable: usd(Math.max(0, numbers.accountValue - numbers.totalMarginUsed)),
    assetPositions,
    time,
  };
}

export function basicOrder(o: OrderRecord): WireBasicOrder {
  const order: WireBasicOrder = {
    coin: o.coin,
    side: o.isBuy ? 'B' : 'A',
    limitPx: usd(o.limitPx),
    sz: hlDecimal(o.sz, o.szDecimals),
    oid: o.oid,
    timestamp: o.timestamp,
    origSz: hlDecimal(o.origSz, o.szDecimals),
  };
  return { ...order, ...(o.cloid !== null && { cloid: o.cloid }), ...(o.reduceOnly && { reduceOnly: true as const }) };
}

export function orderUpdate(o: OrderRecord): WireOrderUpdate {
  return { order: basicOrder(o), status: o.status, statusTimestamp: o.statusTimestamp };
}

/** {"type":"orderStatus"} -> {"status":"order","order":{"order":<frontend order>,"status","statusTimestamp"}}. */
export function orderStatusAnswer(o: OrderRecord | undefined): WireOrderStatus {
  if (!o) return { status: 'unknownOid' };
  const order = {
    ...basicOrder(o),
    triggerCondition: 'N/A',
    isTrigger: false,
    triggerPx: '0.0',
    children: [],
    isPositionTpsl: false,
    reduceOnly: o.reduceOnly,
    orderType: 'Limit' as const,
    tif: o.tif,
    cloid: o.cloid,
  };
  return { status: 'order', order: { order, status: o.status, statusTimestamp: o.statusTimestamp } };
}

/** A fill as userFills carries it; hash is a stand-in L1 transaction hash derived from the tid. */
export function wireFill(f: Fill): WireFill {
  const fill: WireFill = {
    coin: f.coin,
    px: usd(f.px),
    sz: hlDecimal(f.sz, f.szDecimals),
    side: f.isBuy ? 'B' : 'A',
    time: f.time,
    startPosition: hlDecimal(f.startPosition, f.szDecimals),
    dir: f.dir,
    closedPnl: usd(f.closedPnl),
    hash: `0x${f.tid.toString(16).padStart(64, '0')}`,
    oid: f.oid,
    crossed: true,
    fee: usd(f.fee),
    tid: f.tid,
    feeToken: 'USDC',
    twapId: null,
  };
  return f.cloid === null ? fill : { ...fill, cloid: f.cloid };
}
