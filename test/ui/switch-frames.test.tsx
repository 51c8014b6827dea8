/**
 * Every frame the screen draws across symbol switches, with the real runtime on the simulated
 * venues: no frame shows an empty or half-cleared book, and the first frame of the new symbol
 * already has its book.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppRuntime } from '../../src/cli/runtime.js';
import { parseConfig } from '../../src/cli/config.js';
import { silentLogger } from '../../src/cli/log.js';
import { App } from '../../src/ui/app.js';
import { renderScreen, type Screen } from '../helpers/render-screen.js';
import { waitFor } from '../helpers/wait-for.js';

/** What one frame shows: its symbol and the prices on its ladder. */
function readFrame(frame: string): { symbol: string | undefined; prices: number[]; waiting: boolean } {
  const symbol = /Depth (\w+)/.exec(frame)?.[1];
  const prices = [...frame.matchAll(/^│\s+(\d+(?:\.\d+)?)\s+\d/gm)].map((m) => Number(m[1]));
  return { symbol, prices, waiting: frame.includes('waiting for a book') };
}

const PRICE_RANGE: Record<string, [number, number]> = { BTC: [50_000, 90_000], ETH: [2_500, 4_500], SOL: [100, 250] };

describe('switching symbols, frame by frame', () => {
  let runtime: AppRuntime | undefined;
  let screen: Screen | undefined;
  afterEach(async () => {
    screen?.unmount();
    await runtime?.close();
  });

  it('never draws a blank or mixed ladder, and the new symbol arrives with its book', async () => {
    runtime = await AppRuntime.start(parseConfig({ demo: true, symbols: 'BTC,ETH,SOL', depth: '8' }), silentLogger);
    screen = renderScreen(<App runtime={runtime} demo />);
    const current = () => readFrame(screen!.lastFrame());
    await waitFor('a BTC ladder', () => current().symbol === 'BTC' && current().prices.length === 16, 15_000);
    const firstRecorded = screen.frames.length;

    runtime.dispatch('next-symbol');
    await waitFor('the ETH ladder', () => current().symbol === 'ETH', 15_000);
    runtime.dispatch('next-symbol');
    await waitFor('the SOL ladder', () => current().symbol === 'SOL', 15_000);
    runtime.dispatch('previous-symbol');
    await waitFor('back to ETH', () => current().symbol === 'ETH', 15_000);

    const frames = screen.frames.slice(firstRecorded).map(readFrame);
    expect(frames.length).toBeGreaterThan(3);
    const symbolsSeen: string[] = [];
    for (const frame of frames) {
      expect(frame.waiting, 'a frame says it is waiting for a book').toBe(false);
      expect(frame.prices.length, `a ${frame.symbol} frame with ${frame.prices.length} of 16 levels`).toBe(16);
      const [low, high] = PRICE_RANGE[frame.symbol!]!;
      for (const price of frame.prices) expect(price, `${frame.symbol} frame shows ${price}`).toBeGreaterThan(low);
      for (const price of frame.prices) expect(price).toBeLessThan(high);
      if (symbolsSeen.at(-1) !== frame.symbol) symbolsSeen.push(frame.symbol!);
    }
    expect(symbolsSeen).toEqual(['BTC', 'ETH', 'SOL', 'ETH']);
  }, 60_000);

  it('a typed symbol that no venue lists leaves the view alone and says so', async () => {
    runtime = await AppRuntime.start(parseConfig({ demo: true, symbols: 'BTC,ETH' }), silentLogger);
    screen = renderScreen(<App runtime={runtime} demo />);
    await waitFor('a BTC ladder', () => readFrame(screen!.lastFrame()).prices.length > 0, 15_000);
    runtime.dispatch('open-prompt');
    for (const key of 'zzz') runtime.dispatch('prompt-type', key);
    runtime.dispatch('prompt-submit');
    await waitFor('the not-listed message', () => screen!.lastFrame().includes('ZZZ is not listed on any selected venue'), 15_000);
    expect(readFrame(screen.lastFrame()).symbol).toBe('BTC');
    runtime.dispatch('open-prompt');
    for (const key of 'BTC-USD') runtime.dispatch('prompt-type', key);
    runtime.dispatch('prompt-submit');
    await waitFor('the malformed-symbol message', () => screen!.lastFrame().includes('malformed symbol "BTC-USD"'));
    expect(readFrame(screen.lastFrame()).symbol).toBe('BTC');
  }, 60_000);
});
