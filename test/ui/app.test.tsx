/** The screen on a seeded store: what a trader reads in each state, and what keys ask of the runtime. */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { createAppStore, type AppStore, type VenueRow } from '../../src/store/app-store.js';
import type { ActionId } from '../../src/ui/keymap.js';
import { renderScreen, type Screen } from '../helpers/render-screen.js';
import { VENUES, seededStore } from './seed-store.js';

let screen: Screen | undefined;
afterEach(() => {
  screen?.unmount();
  screen = undefined;
});

function show(store: AppStore, dispatched: ActionId[] = [], columns = 120, rows = 40): Screen {
  screen = renderScreen(<App runtime={{ store, dispatch: (action) => void dispatched.push(action) }} demo />, columns, rows);
  return screen;
}

/** The ladder pane's text as one line: what it says, however it wrapped. */
function ladderText(frame: string): string {
  return frame
    .split('\n')
    .map((line) => /^│(.*?)│/.exec(line)?.[1] ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

const down: Partial<VenueRow> = { state: 'reconnecting', bestBid: undefined, bestAsk: undefined, retryInS: 4, lastError: 'getaddrinfo ENOTFOUND stream.binance.com: the name does not resolve on this network' };

describe('App', () => {
  it('turns keys into runtime actions through the keymap', async () => {
    const dispatched: ActionId[] = [];
    const { press } = show(seededStore(), dispatched);
    for (const key of ['r', '\u001B[B', '+', '>', 'l', '?', 'q']) await press(key);
    expect(dispatched).toEqual(['reconnect-venue', 'select-down', 'tick-up', 'size-up', 'open-log', 'help', 'quit']);
  });

  it('hints follow the focus: after Tab the hint offers the venues back, and x to close', () => {
    const store = seededStore();
    expect(show(store).lastFrame()).toMatch(/Tab positions r reconnect/);
    screen!.unmount();
    store.setState((state) => ({ ui: { ...state.ui, focus: 'positions' } }));
    const frame = show(store).lastFrame();
    expect(frame).toMatch(/Tab venues x close/);
    expect(frame).not.toContain('r reconnect');
    expect(frame).toContain('▸ BTC   long');
  });

  it('marks a venue left out of the merged book in the list and the ladder title, its prices still shown', () => {
    const store = seededStore();
    const coinbase = VENUES.findIndex((row) => row.id === 'coinbase');
    store.setState((state) => ({ omitted: ['coinbase'], ladder: { ...state.ladder!, included: state.ladder!.included.filter((id) => id !== 'coinbase') }, ui: { ...state.ui, selectedVenue: coinbase } }));
    const frame = show(store).lastFrame();
    expect(frame).toContain('Depth BTC · tick 1 · 10/11 · 1 out');
    expect(frame).toMatch(/▸ ● CB not merged +67250\.43 67250\.67 /);
    expect(frame).toContain('Coinbase not merged (Space: back in) · spot USD');
    expect(frame).toMatch(/Space in\/out/);
    screen!.unmount();
    const narrow = show(store, [], 80, 24).lastFrame();
    expect(narrow).toMatch(/▸ ● CB +67250\.43 +67250\.67 /);
    screen!.unmount();
    expect(show(store, [], 200, 60).lastFrame()).toContain('Depth BTC · tick 1 · 10/11 venues · 1 left out');
  });

  it('labels the demo account demo, not testnet, and says loading rather than "not configured" before it loads', () => {
    expect(show(seededStore()).lastFrame()).toContain('0x1479…9325 · demo · stream live');
    screen!.unmount();
    const store = createAppStore({ symbol: 'BTC', depth: 10, hasAccount: true });
    const frame = show(store).lastFrame();
    expect(frame).toContain('loading positions…');
    expect(frame).not.toContain('No Hyperliquid account configured');
  });

  it('shows a cross clearly, naming the venues, instead of a spread', () => {
    const store = seededStore();
    store.setState((state) => ({ ladder: { ...state.ladder!, bestBid: 67251.2, bestAsk: 67250.6, bids: [{ price: 67251, size: 1, venues: [['hyperliquid', 1]] }, ...state.ladder!.bids] } }));
    const frame = show(store).lastFrame();
    expect(frame).toMatch(/CROSSED 0\.60 \(0\.09bp\) HL bid>\w\w ask /);
    expect(frame).not.toContain('spread');
  });

  it('prints the full error text in the event log, wrapped, never cut', () => {
    const store = seededStore();
    store.setState((state) => ({
      venues: state.venues.map((row, index) => (index === 0 ? { ...row, ...down, errorAgeS: 3 } : row)),
      events: [{ at: Date.UTC(2026, 0, 1, 12, 0, 5), kind: 'error', venue: 'binance', symbol: 'BTC', text: `Binance: ${down.lastError}` }],
      ui: { ...state.ui, mode: 'log' },
    }));
    const frame = show(store, [], 80, 24).lastFrame();
    const text = frame.replace(/[│║\n]/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Binance: last error, 3s ago');
    expect(text).toContain('getaddrinfo ENOTFOUND stream.binance.com: the name does not resolve on this network');
    expect(frame).toMatch(/\d\d:\d\d:\d\d BN Binance: getaddrinfo/);
  });
});

describe('states that cannot heal by waiting say so', () => {
  function ladderless(rows: readonly VenueRow[]): AppStore {
    const store = createAppStore({ symbol: 'ZZZQ', depth: 10 });
    store.setState({ venues: rows });
    return store;
  }

  it('a symbol no venue lists', () => {
    const frame = ladderText(show(ladderless(VENUES.map((row) => ({ ...row, notListed: true, state: 'down' as const, bestBid: undefined, bestAsk: undefined })))).lastFrame());
    expect(frame).toContain('ZZZQ is not listed on any selected venue');
    expect(frame).toContain('press / to pick another symbol');
    expect(frame).not.toContain('waiting');
  });

  it('no venue reachable (offline): says so, when it retries, and the last error', () => {
    const frame = ladderText(show(ladderless(VENUES.map((row) => ({ ...row, ...down })))).lastFrame());
    expect(frame).toContain('no venue reachable — network down or blocked?; next try in 4s');
    expect(frame).toContain('last error: getaddrinfo ENOTFOUND');
    expect(frame).not.toContain('waiting for a book');
  });

  it('venues on their way: says what they are doing', () => {
    const frame = ladderText(show(ladderless(VENUES.map((row, index) => ({ ...row, state: index < 3 ? ('syncing' as const) : ('connecting' as const), bestBid: undefined, bestAsk: undefined })))).lastFrame());
    expect(frame).toContain('waiting for a book in sync… (3 syncing, 8 connecting)');
  });

  it('every venue left out of the merged book: says how to put one back; the ones left out are not waited on', () => {
    const store = ladderless(VENUES);
    store.setState({ omitted: VENUES.map((row) => row.id) });
    const frame = ladderText(show(store).lastFrame());
    expect(frame).toContain('every venue is left out of the merged book');
    expect(frame).toContain('select one and press Space to put it back');
    screen!.unmount();
    const waiting = ladderless(VENUES.map((row, index) => (index < 2 ? row : { ...row, state: 'syncing' as const, bestBid: undefined, bestAsk: undefined })));
    waiting.setState({ omitted: [VENUES[0]!.id, VENUES[1]!.id] });
    expect(ladderText(show(waiting).lastFrame())).toContain('waiting for a book in sync… (9 syncing)');
  });

  it('a switch shows each new venue and ends plainly when the symbol is listed nowhere', () => {
    const store = seededStore();
    store.setState({ switching: { target: 'ZZZQ', live: 0, failed: 11, total: 11, overdue: false, venues: VENUES.map((row) => ({ id: row.id, state: 'down', notListed: true })) } });
    const frame = show(store).lastFrame();
    expect(frame).toMatch(/→ ZZZQ: BN– BF– .* not listed anywhere — \/ for another/);
  });
});
