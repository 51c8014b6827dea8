/** The screen on a seeded store: what a trader reads, and what keys ask of the runtime. */
import React from 'react';
import { renderScreen } from '../helpers/render-screen.js';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { createAppStore, type AppStore, type VenueRow } from '../../src/store/app-store.js';
import type { ActionId } from '../../src/ui/keymap.js';

const venues: VenueRow[] = [
  { id: 'binance', name: 'Binance', market: 'spot', state: 'live', notListed: false, bestBid: 67250.5, bestAsk: 67251, msgsPerSec: 10, ageS: 0, latencyMs: 12, reconnects: 0, resyncs: 1, upForS: 95 },
  { id: 'hyperliquid', name: 'Hyperliquid', market: 'perp', state: 'down', notListed: false, msgsPerSec: 0, reconnects: 3, resyncs: 0, retryInS: 7, lastError: 'connection closed (1006)' },
];

function seededStore(): AppStore {
  const store = createAppStore({ symbol: 'BTC', depth: 3, venueTags: { binance: 'BN', hyperliquid: 'HL' } });
  store.setState({
    venues,
    ladder: {
      symbol: 'BTC',
      tick: 1,
      included: ['binance', 'hyperliquid'],
      bestBid: 67250.5,
      bestAsk: 67251,
      asks: [
        { price: 67251, size: 1.5, venues: [['binance', 1], ['hyperliquid', 0.5]] },
        { price: 67252, size: 2, venues: [['binance', 2]] },
      ],
      bids: [
        { price: 67250, size: 3.25, venues: [['hyperliquid', 3], ['binance', 0.25]] },
        { price: 67249, size: 0.75, venues: [['binance', 0.75]] },
      ],
    },
  });
  return store;
}

describe('App', () => {
  let unmount: (() => void) | undefined;
  afterEach(() => unmount?.());

  function show(store: AppStore, dispatched: ActionId[] = []) {
    const screen = renderScreen(<App runtime={{ store, dispatch: (action) => void dispatched.push(action) }} demo />);
    unmount = screen.unmount;
    return screen;
  }

  it('draws the ladder asks over bids with spread and mid, and a row per venue', () => {
    const { lastFrame } = show(seededStore());
    const frame = lastFrame();
    const lines = frame.split('\n');
    const row = (price: string) => lines.findIndex((line) => new RegExp(`^│\\s+${price}\\s`).test(line));
    const spreadRow = lines.findIndex((line) => line.includes('spread'));
    expect(row('67252')).toBeGreaterThan(0);
    expect(row('67252')).toBeLessThan(row('67251'));
    expect(row('67251')).toBeLessThan(spreadRow);
    expect(spreadRow).toBeLessThan(row('67250'));
    expect(row('67250')).toBeLessThan(row('67249'));
    expect(frame).toContain('spread 0.50 (0.07 bp) · mid 67250.75');
    expect(lines[row('67250')]).toContain('HL+BN');
    expect(lines[row('67250')]).toContain('3.250');
    expect(frame).toMatch(/Binance\s+live\s+67250\.5\s+67251\s+10\s+<1s\s+12ms\s+0\s+1/);
    expect(frame).toMatch(/Hyperliquid\s+down, 7s/);
    expect(frame).toContain('DEMO');
    expect(frame).toContain('1/2 live');
  });

  it('shows the selected venue details and its last error', () => {
    const store = seededStore();
    store.setState((state) => ({ ui: { ...state.ui, selectedVenue: 1 } }));
    const frame = show(store).lastFrame();
    expect(frame).toContain('▸ Hyperliquid');
    expect(frame).toContain('last error: connection closed (1006)');
    expect(frame).toContain('next try in 7s');
  });

  it('shows a recent error under its venue row, selected or not', () => {
    const store = seededStore();
    store.setState((state) => ({
      venues: state.venues.map((row) => (row.id === 'binance' ? { ...row, lastError: 'unparseable frame: {"this is not": json', errorAgeS: 3 } : row)),
      ui: { ...state.ui, selectedVenue: 1 },
    }));
    const lines = show(store).lastFrame().split('\n');
    const binance = lines.findIndex((line) => line.includes('Binance     live'));
    expect(lines[binance + 1]).toContain('⚠ 3s ago: unparseable frame: {"this is not": json');
    expect(lines[binance]).toMatch(/Binance\s+live/);
  });

  it('says it is waiting rather than drawing an empty ladder', () => {
    const store = createAppStore({ symbol: 'ETH', depth: 3 });
    const frame = show(store).lastFrame();
    expect(frame).toContain('waiting for a book in sync');
    expect(frame).toContain('Depth ETH');
  });

  it('turns keys into runtime actions through the keymap', async () => {
    const dispatched: ActionId[] = [];
    const screen = show(seededStore(), dispatched);
    for (const key of ['r', '\u001B[B', '+', '?', 'q']) await screen.press(key);
    expect(dispatched).toEqual(['reconnect-venue', 'select-down', 'tick-up', 'help', 'quit']);
  });

  it('fits a 120x40 terminal with the positions pane: no line wider than the screen', () => {
    const store = seededStore();
    store.setState({
      positions: {
        account: '0x14791697260e4c9a71f18484c9f997b308e59325',
        network: 'testnet',
        status: 'ready',
        summary: { accountValue: 24_985.22, withdrawable: 19_050.7, totalMarginUsed: 5_934.52, totalNtlPos: 40_000 },
        positions: [
          { coin: 'BTC', side: 'long', size: '0.25', entryPx: 66_981, markPx: 67_251.1, positionValue: 16_812, unrealizedPnl: 67.53, roe: 0.04, liquidationPx: 60_123, leverage: 10, leverageType: 'cross', marginUsed: 1_681.28 },
        ],
        updatedAt: 1,
        stream: 'live',
        error: undefined,
      },
    });
    store.setState((state) => ({ ui: { ...state.ui, focus: 'positions' } }));
    const frame = show(store).lastFrame();
    const lines = frame.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(frame).toContain('▸ BTC   long');
    expect(frame).toMatch(/uPnL\s+\+67\.53\s+\+4\.0%/);
    expect(frame).not.toContain('…│');
  });

  it('shows the help overlay from the keymap in help mode', () => {
    const store = seededStore();
    store.setState((state) => ({ ui: { ...state.ui, mode: 'help' } }));
    const frame = show(store).lastFrame();
    expect(frame).toContain('reconnect the selected venue now');
    expect(frame).toMatch(/1–9\s+jump to that symbol of the watchlist/);
    expect(frame).toMatch(/y\s+send the close order/);
    expect(frame).toContain('q or Ctrl-C quits');
  });
});

describe('a short terminal', () => {
  it('shows fewer levels rather than scrolling the top of the screen away', () => {
    const store = createAppStore({ symbol: 'BTC', depth: 15 });
    store.setState({
      ladder: {
        symbol: 'BTC',
        tick: 1,
        included: ['binance'],
        bestBid: 100,
        bestAsk: 101,
        asks: Array.from({ length: 15 }, (_, i) => ({ price: 101 + i, size: 1, venues: [['binance', 1]] as const })),
        bids: Array.from({ length: 15 }, (_, i) => ({ price: 100 - i, size: 1, venues: [['binance', 1]] as const })),
      },
    });
    const screen = renderScreen(<App runtime={{ store, dispatch: () => {} }} />, 100, 24);
    try {
      const lines = screen.lastFrame().split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      expect(lines[0]).toContain('depthmux BTC');
      const levels = lines.filter((line) => /^│\s+\d+\s+1\.000/.test(line));
      expect(levels).toHaveLength(2 * 8);
    } finally {
      screen.unmount();
    }
  });
});
