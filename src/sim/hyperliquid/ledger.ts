/**
 * The simulated exchange's books of record: accounts (USDC and one-way cross positions), approved
 * agents, orders by oid and by (account, cloid), fills. Pure state, no I/O, no timers; the order
 * rules live in matching-engine.ts, the wire views in views.ts.
 *
 * Positions and PnL follow docs "Trading > Entry price and pnl": adding to a position averages the
 * entry price; reducing keeps it and realises (exit - entry) * size into USDC; a flip opens the
 * remainder at the fill price.
 */
import { roundTo } from './format.js';

export type OrderStatus =
  | 'open'
  | 'filled'
  | 'rejected'
  | 'reduceOnlyRejected'
  | 'minTradeNtlRejected'
  | 'badAloPxRejected'
  | 'iocCancelRejected'
  | 'perpMarginRejected'
  | 'tickRejected';

export interface Position {
  szi: number;
  entryPx: number;
}

export interface Account {
  readonly address: string;
  usdc: number;
  readonly positions: Map<string, Position>;
  /** Cross leverage per coin; kept while flat, as the exchange keeps the user's setting. */
  readonly leverage: Map<string, number>;
  readonly fills: Fill[];
}

export interface OrderRecord {
  readonly oid: number;
  readonly cloid: string | null;
  readonly account: string;
  readonly coin: string;
  readonly isBuy: boolean;
  readonly limitPx: number;
  readonly origSz: number;
  readonly szDecimals: number;
  readonly reduceOnly: boolean;
  readonly tif: 'Alo' | 'Ioc' | 'Gtc';
  readonly timestamp: number;
  /** Size still open. */
  sz: number;
  status: OrderStatus;
  statusTimestamp: number;
}

export interface Fill {
  readonly coin: string;
  readonly px: number;
  readonly sz: number;
  readonly szDecimals: number;
  readonly isBuy: boolean;
  readonly time: number;
  readonly startPosition: number;
  readonly dir: string;
  readonly closedPnl: number;
  readonly oid: number;
  readonly tid: number;
  readonly fee: number;
  readonly cloid: string | null;
}

export interface NewPosition {
  readonly coin: string;
  readonly szi: number;
  readonly entryPx: number;
  readonly leverage?: number;
}

/** Taker fee of the base tier (docs "Trading > Fees": 0.045% taker). */
const TAKER_FEE = 0.00045;

function direction(start: number, end: number, isBuy: boolean): string {
  if (start === 0 || (start > 0 && isBuy) || (start < 0 && !isBuy)) return isBuy ? 'Open Long' : 'Open Short';
  if (start > 0) return end >= 0 ? 'Close Long' : 'Long > Short';
  return end <= 0 ? 'Close Short' : 'Short > Long';
}

export class Ledger {
  private readonly accounts = new Map<string, Account>();
  private readonly agents = new Map<string, string>();
  private readonly byOid = new Map<number, OrderRecord>();
  private readonly byCloid = new Map<string, OrderRecord>();
  private nextOid = 9_100_000_000;
  private nextTid = 400_000_000_000_000;

  createAccount(address: string, usdc: number, positions: readonly NewPosition[], szDecimals: (coin: string) => number): Account {
    const account: Account = { address, usdc, positions: new Map(), leverage: new Map(), fills: [] };
    for (const p of positions) {
      const szi = roundTo(p.szi, szDecimals(p.coin));
      if (szi !== 0) account.positions.set(p.coin, { szi, entryPx: p.entryPx });
      if (p.leverage !== undefined) account.leverage.set(p.coin, p.leverage);
    }
    this.accounts.set(address, account);
    return account;
  }

  approveAgent(agent: string, account: string): void {
    this.agents.set(agent, account);
  }

  account(address: string): Account | undefined {
    return this.accounts.get(address);
  }

  /** The account a signer trades for: itself if it is an account, else the one that approved it. */
  accountFor(signer: string): Account | undefined {
    return this.accounts.get(signer) ?? this.accounts.get(this.agents.get(signer) ?? '');
  }

  newOrder(fields: Omit<OrderRecord, 'oid' | 'sz' | 'status' | 'statusTimestamp'>, status: OrderStatus): OrderRecord {
    const order: OrderRecord = { ...fields, oid: this.nextOid++, sz: fields.origSz, status, statusTimestamp: fields.timestamp };
    this.byOid.set(order.oid, order);
    if (order.cloid !== null) this.byCloid.set(`${order.account}:${order.cloid}`, order);
    return order;
  }

  /** An order of `account` by oid or cloid; orders belong to the account, never to its agent. */
  order(account: string, id: number | string): OrderRecord | undefined {
    const order = typeof id === 'number' ? this.byOid.get(id) : this.byCloid.get(`${account}:${id}`);
    return order?.account === account ? order : undefined;
  }

  orders(account?: string): OrderRecord[] {
    return [...this.byOid.values()].filter((o) => account === undefined || o.account === account);
  }

  /** Execute `order` in full at `px`: move the position, realise PnL and the fee into USDC. */
  fill(account: Account, order: OrderRecord, px: number, sz: number, time: number): Fill {
    const { coin, isBuy, szDecimals } = order;
    const held = account.positions.get(coin);
    const start = held?.szi ?? 0;
    const end = roundTo(start + (isBuy ? sz : -sz), szDecimals);
    let entryPx = held?.entryPx ?? px;
    let closedPnl = 0;
    if (start === 0 || start > 0 === isBuy) {
      entryPx = (Math.abs(start) * entryPx + sz * px) / (Math.abs(start) + sz);
    } else {
      closedPnl = Math.min(sz, Math.abs(start)) * (px - entryPx) * Math.sign(start);
      if (sz > Math.abs(start)) entryPx = px;
    }
    const fee = sz * px * TAKER_FEE;
    account.usdc += closedPnl - fee;
    if (end === 0) account.positions.delete(coin);
    else account.positions.set(coin, { szi: end, entryPx });
    const dir = direction(start, end, isBuy);
    const fill: Fill = { coin, px, sz, szDecimals, isBuy, time, startPosition: start, dir, closedPnl, oid: order.oid, tid: this.nextTid++, fee, cloid: order.cloid };
    account.fills.push(fill);
    order.sz = 0;
    order.status = 'filled';
    order.statusTimestamp = time;
    return fill;
  }
}
