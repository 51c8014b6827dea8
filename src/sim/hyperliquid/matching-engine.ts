/**
 * One order of an accepted `order` action, against the simulated book: checks, then fill, rest or
 * a per-order error. Every order with a listed asset gets an oid and a record, so orderStatus by
 * cloid can tell a rejected order from one that never arrived. Depth is not modelled: a crossing
 * order fills in full at the best opposite price.
 *
 * Rules and texts (the texts carry the exchange's " asset=N" suffix, as real replies do):
 * - "Tick and lot size": size to szDecimals ("Order has invalid size."), price at most 5 significant
 *   figures and 6 - szDecimals decimals ("Price must be divisible by tick size.").
 * - "Order types": Ioc cancels what cannot match now ("Order could not immediately match against
 *   any resting orders."); Alo must not match ("Post only order would have immediately matched,
 *   bbo was BID@ASK."); reduce-only only reduces ("Reduce only order would increase position."),
 *   and a reduce-only order larger than the position is cut to the position.
 * - Minimum order value $10 for orders that are not reduce-only; "Insufficient margin to place
 *   order." when the added notional / leverage exceeds what the account can withdraw.
 * Texts not in the docs come from replies captured by SDK users.
 */
import { roundPrice, roundSize } from '../../hyperliquid/rounding.js';
import type { OrderWire } from '../../hyperliquid/signing.js';
import { roundTo, usd, hlDecimal } from './format.js';
import type { Account, Fill, Ledger, OrderRecord, OrderStatus } from './ledger.js';
import type { PerpAsset, SimMarket } from './market.js';
import { accountNumbers, leverageOf } from './views.js';

export type OrderStatusWire =
  | { readonly resting: { readonly oid: number; readonly cloid?: string } }
  | { readonly filled: { readonly totalSz: string; readonly avgPx: string; readonly oid: number; readonly cloid?: string } }
  | { readonly error: string };

export interface OrderOutcome {
  readonly status: OrderStatusWire;
  readonly order?: OrderRecord;
  readonly fill?: Fill;
}

const MIN_ORDER_VALUE = 10;
/** "Order price cannot be more than 80% away from the reference price" (captured reply). */
const MAX_PRICE_DISTANCE = 0.8;

function validNumber(check: () => string, value: number): boolean {
  try {
    return Number(check()) === value;
  } catch {
    return false;
  }
}

export class MatchingEngine {
  constructor(
    private readonly ledger: Ledger,
    private readonly market: SimMarket,
  ) {}

  /** A message the next order that reaches the book gets as its per-order error. */
  private armedRejection: string | undefined;

  rejectNext(message: string): void {
    this.armedRejection = message;
  }

  place(account: Account, wire: OrderWire, now: number): OrderOutcome {
    const asset = this.market.asset(wire.a);
    // Not documented; a listed asset index is the only way an order names its market.
    if (!asset) return { status: { error: `Asset ${wire.a} does not exist.` } };
    // Not documented either: TP/SL trigger orders are outside what depthmux sends.
    if ('trigger' in wire.t) return { status: { error: 'Trigger orders are not simulated.' } };
    const [px, sz] = [Number(wire.p), Number(wire.s)];
    const tif = wire.t.limit.tif;
    const suffix = ` asset=${wire.a}`;
    const order = this.ledger.newOrder(
      { cloid: wire.c ?? null, account: account.address, coin: asset.name, isBuy: wire.b, limitPx: px, origSz: sz, szDecimals: asset.szDecimals, reduceOnly: wire.r, tif, timestamp: now },
      'open',
    );
    const reject = (error: string, status: OrderStatus): OrderOutcome => {
      order.status = status;
      order.sz = 0;
      return { status: { error }, order };
    };
    const forced = this.armedRejection;
    this.armedRejection = undefined;
    if (forced !== undefined) return reject(forced, 'rejected');
    if (sz === 0) return reject('Order has zero size.', 'rejected');
    if (!validNumber(() => roundSize(wire.s, asset.szDecimals), sz)) return reject('Order has invalid size.', 'rejected');
    if (px === 0) return reject('Order has invalid price.', 'rejected');
    if (!validNumber(() => roundPrice(wire.p, asset.szDecimals, true), px)) return reject(`Price must be divisible by tick size.${suffix}`, 'tickRejected');
    const mark = this.market.mark(asset.name);
    if (Math.abs(px - mark) / mark > MAX_PRICE_DISTANCE) return reject('Order price cannot be more than 80% away from the reference price', 'rejected');

    const held = account.positions.get(asset.name)?.szi ?? 0;
    let size = sz;
    if (wire.r) {
      if (held === 0 || held > 0 === wire.b) return reject(`Reduce only order would increase position.${suffix}`, 'reduceOnlyRejected');
      size = Math.min(sz, Math.abs(held));
    } else if (sz * px < MIN_ORDER_VALUE) {
      return reject(`Order must have minimum value of $10.${suffix}`, 'minTradeNtlRejected');
    }

    const bbo = this.market.bbo(asset.name);
    const crosses = wire.b ? px >= bbo.ask : px <= bbo.bid;
    if (crosses && tif === 'Alo') return reject(`Post only order would have immediately matched, bbo was ${bbo.bidText}@${bbo.askText}.${suffix}`, 'badAloPxRejected');
    if (!crosses && tif === 'Ioc') return reject(`Order could not immediately match against any resting orders.${suffix}`, 'iocCancelRejected');
    const fillPx = wire.b ? bbo.ask : bbo.bid;
    if (!wire.r && !this.affordable(account, asset, held, size, wire.b, crosses ? fillPx : px)) {
      return reject(`Insufficient margin to place order.${suffix}`, 'perpMarginRejected');
    }
    const cloid = order.cloid === null ? {} : { cloid: order.cloid };
    if (!crosses) return { status: { resting: { oid: order.oid, ...cloid } }, order };

    const fill = this.ledger.fill(account, order, fillPx, roundTo(size, asset.szDecimals), now);
    return { status: { filled: { totalSz: hlDecimal(fill.sz, asset.szDecimals), avgPx: usd(fillPx), oid: order.oid, ...cloid } }, order, fill };
  }

  /** Margin for the part of the order that grows the position, at the account's leverage. */
  private affordable(account: Account, asset: PerpAsset, held: number, size: number, isBuy: boolean, px: number): boolean {
    const after = Math.abs(held + (isBuy ? size : -size));
    const added = Math.max(0, after - Math.abs(held));
    if (added === 0) return true;
    const { accountValue, totalMarginUsed } = accountNumbers(account, this.market);
    return (added * px) / leverageOf(account, asset.name, asset.maxLeverage) <= accountValue - totalMarginUsed;
  }
}
