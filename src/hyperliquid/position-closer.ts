/**
 * Closes one position, with every guard in order: (1) one close per coin in this process;
 * (2) the cross-process lock file; (3) a fresh position read, so a flat position sends nothing;
 * (4) the journal intent written and fsynced before the order leaves; (5) "Reduce only order would
 * increase position" read as "already closed"; (6) a partial fill reports what remains; (7) no
 * answer is never retried: the order is looked up by cloid and the position re-read (reconcile.ts).
 * Positions are read for the account; the signer may be an agent (docs "Nonces and API wallets").
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { errorMessage } from '../wire/json.js';
import { CloseJournal } from './close-journal.js';
import { CloseLock } from './close-lock.js';
import { absDecimal, newCloid, planClose, subtractDecimal, type ClosePlan } from './close-plan.js';
import { EXPIRED_REJECTION, NO_KEY_HINT, REDUCE_ONLY_REJECTION, type CloseResult } from './close-result.js';
import type { ExchangeClient, SignedOrder } from './exchange-client.js';
import type { InfoClient } from './info-client.js';
import type { HyperliquidNetwork } from './network.js';
import type { ClosePreview } from './positions-view.js';
import { reconcile, type ReconcileTiming } from './reconcile.js';
import type { PerpAsset, Read } from './wire.js';

export interface PositionCloserOptions {
  readonly account: string;
  readonly network: HyperliquidNetwork;
  readonly info: InfoClient;
  /** Undefined without a key: every close answers `no-key`. */
  readonly exchange: ExchangeClient | undefined;
  /** State dir (state-dir.ts): locks in <dir>/locks, the journal in <dir>/close-journal.jsonl. */
  readonly stateDir: string;
  /** Fraction of the mid the close may cost at worst; default DEFAULT_CLOSE_SLIPPAGE. */
  readonly slippage?: number;
  readonly lockStaleMs?: number;
  readonly reconcile?: Partial<ReconcileTiming>;
  /** Progress lines while a close runs ("sending…", "no answer: checking…"). */
  readonly onProgress?: (coin: string, message: string) => void;
  readonly now?: () => number;
}

/** 1 %: an IOC fills at the book's prices, so the bound only matters in a thin or fast book. */
const DEFAULT_CLOSE_SLIPPAGE = 0.01;

type Planned = Read<{ plan: ClosePlan }> & { flat?: true };

export class PositionCloser {
  private readonly closing = new Set<string>();
  private readonly journal: CloseJournal;
  private assets: readonly PerpAsset[] | undefined;

  constructor(private readonly options: PositionCloserOptions) {
    this.journal = new CloseJournal(options.stateDir, options.now);
  }

  get canClose(): boolean {
    return this.options.exchange !== undefined;
  }

  get slippage(): number {
    return this.options.slippage ?? DEFAULT_CLOSE_SLIPPAGE;
  }

  isClosing(coin: string): boolean {
    return this.closing.has(coin);
  }

  /** What a close would send now, for the confirm overlay; a CloseResult when there is nothing to confirm. */
  async preview(coin: string): Promise<{ readonly ok: true; readonly preview: ClosePreview } | { readonly ok: false; readonly result: CloseResult }> {
    if (!this.options.exchange) return { ok: false, result: { kind: 'no-key', coin, message: NO_KEY_HINT } };
    // A second x while the first close is on its way: say so before asking anything.
    if (this.closing.has(coin)) return { ok: false, result: { kind: 'already-closing', coin, message: `${coin}: already closing…` } };
    const planned = await this.plan(coin);
    if (planned.ok) {
      const { side, size, mid, price, slippage } = planned.value.plan;
      return { ok: true, preview: { coin, side, size, estimatedPrice: mid, slippageBound: price, slippage } };
    }
    return { ok: false, result: planned.flat ? alreadyClosed(coin) : { kind: 'not-sent', coin, message: `${coin}: ${planned.error}; nothing sent` } };
  }

  /**
   * Closes `coin`. With `confirmed` (the preview the user said yes to), the order keeps the bound
   * the user accepted even if the mid moved meanwhile (the tighter of the two is sent), and a
   * position that changed side since is not touched.
   */
  async close(coin: string, confirmed?: Pick<ClosePreview, 'side' | 'slippageBound'>): Promise<CloseResult> {
    const exchange = this.options.exchange;
    if (!exchange) return { kind: 'no-key', coin, message: NO_KEY_HINT };
    if (this.closing.has(coin)) return { kind: 'already-closing', coin, message: `${coin}: already closing…` };
    this.closing.add(coin);
    try {
      let attempt: Awaited<ReturnType<typeof CloseLock.acquire>>;
      try {
        attempt = await this.lock(coin);
      } catch (err) {
        return { kind: 'not-sent', coin, message: `${coin}: could not take the close lock (${errorMessage(err)}); nothing sent` };
      }
      if (!attempt.ok) {
        const pid = attempt.owner?.pid;
        return { kind: 'locked-by-other', coin, pid, message: `${coin} is being closed by another depthmux${pid !== undefined ? ` (pid ${pid})` : ''}` };
      }
      try {
        return await this.closeLocked(coin, exchange, confirmed);
      } finally {
        // A lock left behind is taken over once stale; failing to remove it must not hide the result.
        await attempt.lock.release().catch(() => undefined);
      }
    } finally {
      this.closing.delete(coin);
    }
  }

  /**
   * At start: every close the journal says was sent but never heard back (the process died in
   * between) is looked up by cloid under the coin's lock, and its outcome journaled and returned
   * for the user to read. A close another live depthmux is running (its lock held) is left to it;
   * entries of other accounts or networks are left for the depthmux that runs them.
   */
  async recoverInterrupted(): Promise<CloseResult[]> {
    const { account, network } = this.options;
    const mine = (await this.journal.unfinished()).filter((entry) => entry.network === network && entry.account.toLowerCase() === account.toLowerCase());
    const results: CloseResult[] = [];
    for (const entry of mine) {
      const attempt = await this.lock(entry.coin);
      if (!attempt.ok) continue;
      try {
        const why = `a close sent at ${new Date(entry.nonce).toISOString()} was interrupted before its answer`;
        // One look-up is enough for an order past its expiry: the exchange's answer is final.
        const result = await reconcile({ info: this.options.info, account, coin: entry.coin, cloid: entry.cloid, why, expiresAfter: entry.expiresAfter, timing: { ...this.options.reconcile, timeoutMs: 0 } });
        await this.journal.outcome({ cloid: entry.cloid, coin: entry.coin, result: result.kind, message: result.message, ...details(result) });
        results.push(result);
      } finally {
        await attempt.lock.release().catch(() => undefined);
      }
    }
    return results;
  }

  private lock(coin: string): ReturnType<typeof CloseLock.acquire> {
    return CloseLock.acquire({
      dir: join(this.options.stateDir, 'locks'),
      name: `close-${this.options.network}-${this.options.account}-${coin}`,
      staleMs: this.options.lockStaleMs,
      now: this.options.now,
    });
  }

  private async closeLocked(coin: string, exchange: ExchangeClient, confirmed: Pick<ClosePreview, 'side' | 'slippageBound'> | undefined): Promise<CloseResult> {
    const planned = await this.plan(coin);
    if (!planned.ok) return planned.flat ? alreadyClosed(coin) : { kind: 'not-sent', coin, message: `${coin}: ${planned.error}; nothing sent` };
    if (confirmed && confirmed.side !== planned.value.plan.side) {
      return { kind: 'not-sent', coin, message: `${coin}: the position is ${planned.value.plan.side} now, not ${confirmed.side} as confirmed; nothing sent` };
    }
    const plan = confirmed ? withinBound(planned.value.plan, confirmed.slippageBound) : planned.value.plan;
    const cloid = newCloid(randomBytes);
    const { account, network } = this.options;
    let signed: SignedOrder;
    try {
      signed = exchange.prepareOrder({ a: plan.asset, b: plan.isBuy, p: plan.price, s: plan.size, r: true, t: { limit: { tif: 'Ioc' } }, c: cloid });
      await this.journal.intent({ cloid, network, account, signer: exchange.signerAddress, coin, side: plan.isBuy ? 'buy' : 'sell', size: plan.size, price: plan.price, nonce: signed.nonce, expiresAfter: signed.expiresAfter });
    } catch (err) {
      return { kind: 'not-sent', coin, message: `${coin}: ${errorMessage(err)}; nothing sent` };
    }
    this.options.onProgress?.(coin, `${coin}: sending close ${plan.isBuy ? 'buy' : 'sell'} ${plan.size} (limit ${plan.price})…`);
    const outcome = await exchange.send(signed);
    const result = await this.interpret(coin, cloid, plan, outcome, signed.expiresAfter);
    await this.journal.outcome({ cloid, coin, result: result.kind, message: result.message, ...details(result) }).catch(() => undefined);
    return result;
  }

  private async interpret(coin: string, cloid: string, plan: ClosePlan, outcome: Awaited<ReturnType<ExchangeClient['send']>>, expiresAfter: number): Promise<CloseResult> {
    switch (outcome.kind) {
      case 'filled': {
        const after = await this.options.info.clearinghouseState(this.options.account);
        const position = after.ok ? after.value.positions.find((p) => p.coin === coin) : undefined;
        const remaining = after.ok ? absDecimal(position?.szi ?? '0') : nonNegative(subtractDecimal(plan.size, outcome.totalSz));
        const rest = Number(remaining) === 0 ? '' : ` — ${remaining} ${coin} still open`;
        const filled = outcome.totalSz === plan.size ? `${outcome.totalSz}` : `${outcome.totalSz} of ${plan.size}`;
        return { kind: 'closed', coin, cloid, filledSz: outcome.totalSz, avgPx: outcome.avgPx, remaining, message: `${coin} ${plan.side} closed: ${filled} at avg ${outcome.avgPx}${rest}` };
      }
      case 'rejected':
        if (outcome.message.startsWith(REDUCE_ONLY_REJECTION)) return alreadyClosed(coin);
        if (outcome.message.startsWith(EXPIRED_REJECTION)) {
          return { kind: 'rejected', coin, cloid, exchangeMessage: outcome.message, message: `${coin} close refused as already expired: ${clockAdvice(outcome.clockSkewMs)}` };
        }
        return { kind: 'rejected', coin, cloid, exchangeMessage: outcome.message, message: `${coin} close rejected: ${outcome.message}` };
      case 'resting':
      case 'unknown': {
        const why = outcome.kind === 'unknown' ? `no answer (${outcome.reason})` : `order ${outcome.oid} resting`;
        this.options.onProgress?.(coin, `${coin}: ${why}; checking order ${cloid}…`);
        return reconcile({ info: this.options.info, account: this.options.account, coin, cloid, why, expiresAfter, timing: this.options.reconcile });
      }
      default:
        throw new Error(`unhandled order outcome ${JSON.stringify(outcome satisfies never)}`);
    }
  }

  /** Fresh position, asset and mid: the close is planned from what the exchange says now. */
  private async plan(coin: string): Promise<Planned> {
    const { info, account } = this.options;
    const [state, mids, asset] = await Promise.all([info.clearinghouseState(account), info.allMids(), this.asset(coin)]);
    if (!state.ok) return { ok: false, error: `could not read the position (${state.error})` };
    const position = state.value.positions.find((p) => p.coin === coin && Number(p.szi) !== 0);
    if (!position) return { ok: false, error: 'flat', flat: true };
    if (!asset.ok) return asset;
    if (!mids.ok) return { ok: false, error: `could not read the mid price (${mids.error})` };
    const mid = mids.value.get(coin);
    if (mid === undefined) return { ok: false, error: 'no mid price' };
    const plan = planClose(position, asset.value, mid, this.slippage);
    return plan.ok ? { ok: true, value: { plan: plan.value } } : plan;
  }

  private async asset(coin: string): Promise<Read<PerpAsset>> {
    let found = this.assets?.find((a) => a.name === coin);
    if (!found) {
      const meta = await this.options.info.meta();
      if (!meta.ok) return { ok: false, error: `could not read the asset list (${meta.error})` };
      this.assets = meta.value;
      found = meta.value.find((a) => a.name === coin);
    }
    return found ? { ok: true, value: found } : { ok: false, error: 'not a Hyperliquid perp' };
  }
}

/** The tighter limit: a sell takes the higher floor, a buy the lower ceiling. Both are valid prices already. */
function withinBound(plan: ClosePlan, bound: string): ClosePlan {
  const tighter = plan.isBuy ? Number(bound) < Number(plan.price) : Number(bound) > Number(plan.price);
  return tighter ? { ...plan, price: bound } : plan;
}

/**
 * Why an order that had just been signed can be refused as expired: its `expiresAfter` is this
 * computer's time plus seconds, so the exchange's clock is that far ahead of ours. Said with the
 * measured offset when the answer's Date header gave one (whole seconds).
 */
function clockAdvice(skewMs: number | undefined): string {
  if (skewMs === undefined || Math.abs(skewMs) < 2_000) return "this computer's clock is probably off; set it right (turn on NTP) and try again";
  const seconds = Math.round(Math.abs(skewMs) / 1_000);
  const amount = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
  return `this computer's clock is about ${amount} ${skewMs < 0 ? 'behind' : 'ahead of'} the exchange's; set it right (turn on NTP) and try again`;
}

function alreadyClosed(coin: string): CloseResult {
  return { kind: 'already-closed', coin, message: `${coin}: already closed (no open position)` };
}

function nonNegative(text: string): string {
  return text.startsWith('-') ? '0' : text;
}

function details(result: CloseResult): Record<string, string> {
  const out: Record<string, string> = {};
  if ('filledSz' in result && result.filledSz !== undefined) out['filledSz'] = result.filledSz;
  if ('avgPx' in result) out['avgPx'] = result.avgPx;
  if ('remaining' in result && result.remaining !== undefined) out['remaining'] = result.remaining;
  if ('orderStatus' in result && result.orderStatus !== undefined) out['orderStatus'] = result.orderStatus;
  return out;
}
