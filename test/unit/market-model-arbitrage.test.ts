/**
 * The demo's venues stay in line the way arbitraged venues do: with Hyperliquid's book pushed
 * every 0.5 s (five market steps) and Binance's every step, their books cross rarely and briefly.
 */
import { describe, expect, it } from 'vitest';
import { MarketModel, type SimBook } from '../../src/sim/market-model.js';

const best = (book: SimBook, side: 'bid' | 'ask'): number => Number(book.levels(side, 1)[0]![0]);

describe('the simulated market', () => {
  it('keeps two venues that publish at different rates from crossing, but for rare moments', () => {
    const model = new MarketModel(7);
    const binance = model.openBook('binance', 'BTC', { priceDecimals: 2, sizeDecimals: 5 });
    const hyperliquid = model.openBook('hyperliquid', 'BTC', { priceDecimals: 0, sizeDecimals: 5 });
    let shown = { bid: best(hyperliquid, 'bid'), ask: best(hyperliquid, 'ask') };
    let crossedSteps = 0;
    let crossings = 0;
    let wasCrossed = false;
    const steps = 10_000;
    for (let step = 0; step < steps; step++) {
      model.step();
      binance.moveTo(model.mid('BTC'));
      hyperliquid.moveTo(model.mid('BTC'));
      if (step % 5 === 0) shown = { bid: best(hyperliquid, 'bid'), ask: best(hyperliquid, 'ask') };
      const crossed = shown.bid >= best(binance, 'ask') || best(binance, 'bid') >= shown.ask;
      if (crossed) crossedSteps++;
      if (crossed && !wasCrossed) crossings++;
      wasCrossed = crossed;
    }
    expect(crossedSteps / steps).toBeLessThan(0.02);
    expect(crossedSteps / Math.max(1, crossings)).toBeLessThan(3);
    // Still a market that moves: the mid wanders by more than a few ticks.
    expect(Math.abs(model.mid('BTC') - 67_250)).toBeGreaterThan(0);
  });
});
