/**
 * After a close order got no usable answer: find out what happened instead of guessing, and never
 * send it again. The order is looked up by its cloid until the exchange reports a final status (or
 * `timeoutMs` passes: an order still on its way shows as unknownOid first), then the position is
 * re-read. An order the exchange still does not know once its `expiresAfter` has passed never
 * will: the exchange refuses expired actions, so the answer is final, not a guess. An order reported as failed has been seen to fill later, so only the exchange's own
 * records decide (notes/hyperliquid.md; docs "Info endpoint" > Query order status by oid or cloid:
 * `sz` is what is left of `origSz`; statuses open, filled, canceled, ...Rejected).
 */
import { absDecimal, subtractDecimal } from './close-plan.js';
import type { CloseResult } from './close-result.js';
import type { InfoClient } from './info-client.js';
import type { WireOrderStatus } from './wire.js';

export interface ReconcileTiming {
  /** How long to keep looking for the order by cloid. */
  readonly timeoutMs: number;
  readonly intervalMs: number;
}

const DEFAULT_RECONCILE: ReconcileTiming = { timeoutMs: 15_000, intervalMs: 500 };

export interface ReconcileInput {
  readonly info: Pick<InfoClient, 'orderStatus' | 'clearinghouseState'>;
  readonly account: string;
  readonly coin: string;
  readonly cloid: string;
  /** Why reconciling ("no answer (no answer within 10000 ms)"), for the message. */
  readonly why: string;
  /** When the exchange stops accepting the order (ms since epoch); the look-up waits past it. */
  readonly expiresAfter?: number;
  readonly now?: () => number;
  readonly timing?: Partial<ReconcileTiming>;
}

export async function reconcile(input: ReconcileInput): Promise<CloseResult> {
  const { info, account, coin, cloid, why, expiresAfter } = input;
  const now = input.now ?? Date.now;
  const timing = { ...DEFAULT_RECONCILE, ...input.timing };
  const order = await findOrder(input, timing);
  const expired = expiresAfter !== undefined && now() > expiresAfter;
  const state = await info.clearinghouseState(account);
  const position = state.ok ? state.value.positions.find((p) => p.coin === coin) : undefined;
  const remaining = state.ok ? absDecimal(position?.szi ?? '0') : undefined;
  const filledSz = order ? nonNegative(subtractDecimal(order.origSz, order.sz)) : undefined;
  const positionNow = remaining === undefined ? 'position could not be re-read' : Number(remaining) === 0 ? 'position is now flat' : `${remaining} ${coin} still open`;
  const what = order
    ? `order ${cloid} ${order.status}, filled ${filledSz} of ${order.origSz}`
    : expired
      ? `order ${cloid} never reached the exchange and has expired: it will not execute`
      : `the exchange has no order ${cloid} after ${duration(timing.timeoutMs)}`;
  return { kind: 'unknown-reconciled', coin, cloid, orderStatus: order?.status, filledSz, remaining, message: `${coin}: ${why}; ${what}; ${positionNow}` };
}

/** The order once its status is final, the last seen status at the deadline, or undefined if never seen. */
async function findOrder(input: ReconcileInput, timing: ReconcileTiming): Promise<WireOrderStatus | undefined> {
  // Past expiresAfter an order that is not there never will be: look until then, at least.
  const deadline = Math.max(Date.now() + timing.timeoutMs, (input.expiresAfter ?? 0) + timing.intervalMs);
  let seen: WireOrderStatus | undefined;
  for (;;) {
    const answer = await input.info.orderStatus(input.account, input.cloid);
    if (answer.ok && answer.value.found) {
      seen = answer.value.order;
      if (seen.status !== 'open') return seen; // IOC orders do not rest: anything else is final
    }
    if (Date.now() + timing.intervalMs > deadline) return seen;
    await new Promise<void>((resolve) => setTimeout(resolve, timing.intervalMs));
  }
}

function duration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)} s`;
}

function nonNegative(text: string): string {
  return text.startsWith('-') ? '0' : text;
}
