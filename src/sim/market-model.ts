/**
 * One seeded market that drives every simulated venue. Each symbol has one mid price (a random
 * walk), so the venues' books agree the way real venues do; each venue keeps its own
 * authoritative book around that mid, at its own tick size and size precision.
 *
 * The model owns no timer: the demo (or a test) calls step(). Given the same seed and the same
 * calls, it produces the same books.
 */
import { TICKS_BEST_FIRST } from './best-first.js';

export type Side = 'bid' | 'ask';

export interface LevelChange {
  readonly side: Side;
  readonly price: string;
  /** "0" (formatted) removes the level. */
  readonly size: string;
  readonly removed: boolean;
}

export interface BookSpec {
  /** Decimals of the venue's price tick (tick = 10^-priceDecimals * tickMultiple). */
  readonly priceDecimals: number;
  readonly tickMultiple?: number;
  readonly sizeDecimals: number;
  /** Levels kept on each side. */
  readonly depth?: number;
}

interface Instrument {
  readonly base: string;
  readonly startPrice: number;
}

/** The symbols the simulated market trades, with realistic price magnitudes. */
export const SIM_INSTRUMENTS: readonly Instrument[] = [
  { base: 'BTC', startPrice: 67_250 },
  { base: 'ETH', startPrice: 3_480 },
  { base: 'SOL', startPrice: 162.4 },
  { base: 'XRP', startPrice: 0.6215 },
  { base: 'DOGE', startPrice: 0.1542 },
  { base: 'AVAX', startPrice: 36.12 },
  { base: 'LINK', startPrice: 17.35 },
  { base: 'HYPE', startPrice: 28.4 },
];

/**
 * How far the mid may move in one step (100 ms in the demo), and how close to it a venue may
 * quote. Chosen together: a mid that moves less in Hyperliquid's 0.5 s between book pushes than
 * two venues' half-spreads add up to keeps two venues' books from crossing but for rare moments
 * (test/unit/market-model-arbitrage.test.ts measures how often). With all eleven merged, about
 * one frame in twenty shows CROSSED by a tick, nearly always a venue that pushes on a cadence
 * (BingX every 300 ms) against the rest: what a merged book of real venues shows as well.
 */
const MAX_STEP_BPS = 0.08;
const MIN_HALF_SPREAD_BPS = 0.05;

/** mulberry32: small, fast, good enough for a simulation, and reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A venue's authoritative book for one symbol. Prices are integer tick counts inside. */
export class SimBook {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  private readonly tick: number;
  private readonly depth: number;
  private readonly random: () => number;

  constructor(
    readonly base: string,
    private readonly spec: BookSpec,
    seed: number,
    mid: number,
  ) {
    this.tick = 10 ** -spec.priceDecimals * (spec.tickMultiple ?? 1);
    this.depth = spec.depth ?? 60;
    this.random = seededRandom(seed);
    this.moveTo(mid);
  }

  /**
   * Follow the market's mid: levels that would cross go, new levels fill in, sizes churn. Every
   * venue quotes at least MIN_HALF_SPREAD_BPS away from the shared mid, so two venues' books
   * cross only when one of them shows a mid that has moved that far since (Hyperliquid pushes
   * its book every 0.5 s): rare and short, as between real venues that arbitrageurs keep in line.
   */
  moveTo(mid: number): LevelChange[] {
    const changes: LevelChange[] = [];
    const midTicks = mid / this.tick;
    const minHalfSpread = (mid * MIN_HALF_SPREAD_BPS) / 10_000 / this.tick;
    const halfSpread = Math.max(minHalfSpread, 0.5 + Math.floor(this.random() * 2));
    const bestBid = Math.floor(midTicks - halfSpread);
    const bestAsk = Math.max(bestBid + 1, Math.ceil(midTicks + halfSpread));
    this.reshape('bid', bestBid, changes);
    this.reshape('ask', bestAsk, changes);
    this.churn(changes);
    return changes;
  }

  /** The whole book, best first, as the venue would print it. */
  levels(side: Side, limit = Number.POSITIVE_INFINITY): Array<[string, string]> {
    const map = side === 'bid' ? this.bids : this.asks;
    const ticks = [...map.keys()].sort(TICKS_BEST_FIRST[side]);
    const levels: Array<[string, string]> = [];
    for (const t of ticks.slice(0, limit)) levels.push([this.formatPrice(t), this.formatSize(map.get(t)!)]);
    return levels;
  }

  get tickSize(): number {
    return this.tick;
  }

  formatPrice(ticks: number): string {
    return (ticks * this.tick).toFixed(this.spec.priceDecimals);
  }

  formatSize(size: number): string {
    return size.toFixed(this.spec.sizeDecimals);
  }

  /**
   * Near the top the book is dense; further out levels are sparse, spread over about 0.3 % of the
   * price, as on a real venue. Levels stay where they are until the market crosses them, so a
   * step changes a few levels, not the whole side.
   */
  private reshape(side: Side, best: number, changes: LevelChange[]): void {
    const map = side === 'bid' ? this.bids : this.asks;
    const away = side === 'bid' ? -1 : 1;
    const span = Math.max(this.depth, Math.round(best * 0.003));
    const worst = best + away * span;
    const [low, high] = side === 'bid' ? [worst, best] : [best, worst];
    for (const t of [...map.keys()]) {
      if (t < low || t > high) this.remove(side, t, changes);
    }
    if (!map.has(best)) this.set(side, best, this.randomSize(0), changes);
    for (let i = 1; i < Math.min(8, span); i++) {
      const t = best + away * i;
      if (!map.has(t) && this.random() < 0.35) this.set(side, t, this.randomSize(i), changes);
    }
    for (let guard = 0; map.size < this.depth && guard < this.depth * 4; guard++) {
      const offset = 1 + Math.floor(this.random() ** 2 * span);
      const t = best + away * offset;
      if (!map.has(t)) this.set(side, t, this.randomSize(offset / (span / this.depth)), changes);
    }
  }

  private churn(changes: LevelChange[]): void {
    const count = 1 + Math.floor(this.random() * 4);
    for (let n = 0; n < count; n++) {
      const side: Side = this.random() < 0.5 ? 'bid' : 'ask';
      const map = side === 'bid' ? this.bids : this.asks;
      const keys = [...map.keys()];
      const t = keys[Math.floor(this.random() * keys.length)];
      if (t === undefined) continue;
      if (this.random() < 0.15 && map.size > this.depth / 2) this.remove(side, t, changes);
      else this.set(side, t, this.randomSize(3), changes);
    }
  }

  private randomSize(distanceFromTop: number): number {
    const unit = 10 ** -this.spec.sizeDecimals;
    const raw = (0.05 + this.random() * 3) * (1 + distanceFromTop / 10);
    return Math.max(unit, Math.round(raw / unit) * unit);
  }

  private set(side: Side, t: number, size: number, changes: LevelChange[]): void {
    (side === 'bid' ? this.bids : this.asks).set(t, size);
    changes.push({ side, price: this.formatPrice(t), size: this.formatSize(size), removed: false });
  }

  private remove(side: Side, t: number, changes: LevelChange[]): void {
    (side === 'bid' ? this.bids : this.asks).delete(t);
    changes.push({ side, price: this.formatPrice(t), size: this.formatSize(0), removed: true });
  }
}

export class MarketModel {
  private readonly mids = new Map<string, number>();
  private readonly random: () => number;

  constructor(readonly seed = 1) {
    this.random = seededRandom(seed);
    for (const instrument of SIM_INSTRUMENTS) this.mids.set(instrument.base, instrument.startPrice);
  }

  lists(base: string): boolean {
    return this.mids.has(base);
  }

  mid(base: string): number {
    const mid = this.mids.get(base);
    if (mid === undefined) throw new Error(`the simulated market does not trade ${base}`);
    return mid;
  }

  /** A fresh book for one venue, seeded from the venue key so venues differ but replay alike. */
  openBook(venueKey: string, base: string, spec: BookSpec): SimBook {
    return new SimBook(base, spec, hashString(`${this.seed}:${venueKey}:${base}`), this.mid(base));
  }

  /** Move every mid one step of a random walk (at most MAX_STEP_BPS a step). */
  step(): void {
    for (const [base, mid] of this.mids) {
      const move = (this.random() - 0.5) * 2 * (MAX_STEP_BPS / 10_000) * mid;
      this.mids.set(base, mid + move);
    }
  }
}
