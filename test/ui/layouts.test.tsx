/**
 * The screen at every terminal size a trader uses, with all eleven venues, read as text: nothing
 * wider or taller than the terminal, nothing cut mid-number, the selected venue always on
 * screen, and below the minimum a notice instead of a broken screen.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import type { AppStore } from '../../src/store/app-store.js';
import { renderScreen, type Screen } from '../helpers/render-screen.js';
import { TAGS, seededStore } from './seed-store.js';

const SIZES = [
  [80, 24],
  [100, 30],
  [120, 40],
  [200, 60],
] as const;

let screen: Screen | undefined;
afterEach(() => {
  screen?.unmount();
  screen = undefined;
});

function show(store: AppStore, columns: number, rows: number): string[] {
  screen = renderScreen(<App runtime={{ store, dispatch: () => {} }} demo />, columns, rows);
  return screen.lastFrame().split('\n');
}

/** A digit next to an ellipsis (a number that did not fit and was cut), shortened addresses aside. */
const CUT_NUMBER = /\d…|…\d/;
const withoutAddresses = (line: string): string => line.replace(/0x[0-9a-f]+…[0-9a-f]+/g, '');

describe.each(SIZES)('at %i×%i', (columns, rows) => {
  it('fits the terminal and cuts no number', () => {
    const lines = show(seededStore(), columns, rows);
    expect(lines.length).toBeLessThan(rows);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
    expect(lines.find((line) => CUT_NUMBER.test(withoutAddresses(line)))).toBeUndefined();
    expect(lines[0]).toContain('depthmux BTC');
    expect(lines.at(-1)).toMatch(/q quit \? help/);
  });

  it('draws asks over the spread over bids, and the liquidity line', () => {
    const frame = show(seededStore(), columns, rows).join('\n');
    expect(frame).toMatch(/67251 .*\n(.*\n)*.*spread 0\.10 \(0\.01 bp\) · mid 67250\.55(.*\n)+.*67250 /);
    expect(frame).toMatch(/BTC within 10bp 812\.5\/790\.3 50bp 2450\/2381 100bp 4100\/3990/);
    expect(frame).toMatch(/fill 1 BTC buy 67250\.71 \+0\.02bp sell 67250\.39 \+0\.02bp/);
  });

  it('keeps the selected venue on screen, whichever it is', () => {
    for (const selected of [0, 5, 10]) {
      const store = seededStore();
      store.setState((state) => ({ ui: { ...state.ui, selectedVenue: selected } }));
      const lines = show(store, columns, rows);
      const tag = Object.values(TAGS)[selected]!;
      expect(lines.some((line) => new RegExp(`▸ \\S ${tag} `).test(line)), `${tag} selected`).toBe(true);
      screen?.unmount();
    }
  });

  it('shows the help from the keymap, fitting, and scrolls it', () => {
    const store = seededStore();
    store.setState((state) => ({ ui: { ...state.ui, mode: 'help' } }));
    const top = show(store, columns, rows);
    expect(top.length).toBeLessThan(rows);
    expect(top.join('\n')).toMatch(/q \/ Ctrl-C\s+quit depthmux/);
    screen?.unmount();
    store.setState((state) => ({ ui: { ...state.ui, scroll: 100 } }));
    const bottom = show(store, columns, rows).join('\n');
    expect(bottom).toContain('CROSSED: one venue bids above another asks');
    expect(bottom).toMatch(rows < 60 ? /▲ \d+ above · end/ : /top · end/);
  });

  it('shows a close being confirmed whole: which position, the order, the keys', () => {
    const store = seededStore();
    const confirm = { coin: 'ETH', side: 'short', size: '3.0', estimatedPrice: 3480.18, slippageBound: '3515', slippage: 0.01 } as const;
    store.setState((state) => ({ ui: { ...state.ui, mode: 'confirm-close', focus: 'positions', selectedPosition: 1, confirm } }));
    const lines = show(store, columns, rows);
    expect(lines.length).toBeLessThan(rows);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
    // Each part of it on screen, in order, read across the lines it wraps onto.
    const box = lines.map((line) => /║ (.*?) *║/.exec(line)?.[1]).filter((text) => text !== undefined).join(' ');
    expect(box).toMatch(/^Close ETH short 3\.0\? buy 3\.0 ETH near 3480\.2, at most 3515 \(1% slippage\) .*y to send, n\/Esc to cancel$/);
    expect(lines.filter((line) => line.includes('╔')).length).toBe(1);
    expect(lines.some((line) => line.includes('Venues'))).toBe(true);
    // Where rows are left under it, the positions stay in sight, the one being closed selected.
    const below = lines.slice(lines.findIndex((line) => line.includes('╚')) + 1).join('\n');
    if (rows >= 40) expect(below).toMatch(/Positions(.*\n)+.*▸ ETH +short +3\.0 /);
  });
});

describe('eleven venues', () => {
  it('all fit at 120×40 and 200×60, in the list order, Coinbase and Kraken marked USD', () => {
    for (const [columns, rows] of [[120, 40], [200, 60]] as const) {
      const frame = show(seededStore(), columns, rows).join('\n');
      for (const tag of Object.values(TAGS)) expect(frame, `${tag} at ${columns}`).toMatch(new RegExp(`● ${tag} `));
      expect(frame).toMatch(/CB .*67250\.67 USD /);
      expect(frame).toMatch(/KR .*67250\.9 USD /);
      screen?.unmount();
    }
  });

  it('scrolls at 80×24 when a line more is taken, and says which rows are shown', () => {
    const store = seededStore();
    store.setState((state) => ({ ui: { ...state.ui, selectedVenue: 10, selfHealth: true } }));
    const frame = show(store, 80, 24).join('\n');
    expect(frame).toMatch(/▲ \d+ more/);
    expect(frame).toMatch(/▸ ● HL/);
  });

  it('says how many positions do not fit at 80×24 rather than hiding them', () => {
    const frame = show(seededStore(), 80, 24).join('\n');
    const listed = ['BTC', 'ETH', 'SOL'].filter((coin) => new RegExp(`[•\\s]${coin} +[LS] `).test(frame)).length;
    expect(listed).toBeLessThan(3);
    expect(frame).toContain(`▼ ${3 - listed} more · Tab, ↑↓`);
  });

  it('prints each venue price at its own tick, trailing zeros kept', () => {
    const frame = show(seededStore(), 120, 40).join('\n');
    expect(frame).toMatch(/BN .*67250\.50 +67250\.60/);
    expect(frame).toMatch(/HL .*67250 +67251 /);
  });

  it('gives every venue a size column on a wide terminal, and tags in list order on a narrow one', () => {
    const wide = show(seededStore(), 200, 60);
    expect(wide.find((line) => line.includes('price'))).toMatch(/BN\s+BF\s+AS\s+BY\s+BL\s+OK\s+OS\s+CB\s+KR\s+BX\s+HL/);
    screen?.unmount();
    const narrow = show(seededStore(), 80, 24);
    expect(narrow.find((line) => line.includes('67252 '))).toMatch(/BN\+\d+/);
  });
});

describe('below the minimum size', () => {
  it('asks for a larger terminal instead of drawing a cut screen', () => {
    const lines = show(seededStore(), 60, 20);
    const frame = lines.join('\n');
    expect(frame).toContain('Make the terminal at least 80×24');
    expect(frame).toContain('it is 60×20 now');
    expect(lines.length).toBeLessThan(20);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
  });
});
