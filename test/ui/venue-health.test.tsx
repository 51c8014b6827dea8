/**
 * The venue table's health figures on a seeded store: latency under clock skew shown as skew and
 * never wider than its column, and reconnects that succeeded apart from attempts that failed.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { formatLatency } from '../../src/ui/format.js';
import type { AppStore, VenueRow } from '../../src/store/app-store.js';
import { renderScreen, type Screen } from '../helpers/render-screen.js';
import { seededStore } from './seed-store.js';

let screen: Screen | undefined;
afterEach(() => {
  screen?.unmount();
  screen = undefined;
});

function show(store: AppStore, columns = 200, rows = 60): string[] {
  screen = renderScreen(<App runtime={{ store, dispatch: () => {} }} demo />, columns, rows);
  return screen.lastFrame().split('\n');
}

/** The seeded store with some venues' rows changed. */
function seeded(changes: Readonly<Record<string, Partial<VenueRow>>>, selectedVenue = 0): AppStore {
  const store = seededStore();
  store.setState((state) => ({
    venues: state.venues.map((row) => ({ ...row, ...changes[row.id] })),
    ui: { ...state.ui, selectedVenue },
  }));
  return store;
}

/** A venue's row in the table, by its tag. */
const rowOf = (lines: readonly string[], tag: string): string => lines.find((line) => new RegExp(`\\S ${tag} [a-z]`).test(line))!;

describe('formatLatency', () => {
  it.each([
    [12, '12ms'],
    [-3, '-3ms'],
    [999, '999ms'],
    [-999.4, '-999ms'],
    [-999.6, '-1.0s'],
    [3_600, '3.6s'],
    [9_999, '9.9s'],
    [-3_600, '-3.6s'],
    [36_000, '36s'],
    [3_600_040, '60m'],
    [-3_600_040, '-60m'],
    [6_000_000, '1h'],
    [400_000_000, '4d'],
    [Date.now(), '999d+'],
    [-Date.now(), '-999d+'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
    expect(formatLatency(ms).length).toBeLessThanOrEqual(6);
  });
});

describe('the lat column under clock skew', () => {
  it('an hour behind reads 60m and an hour ahead -60m, in the column, the rc beside it untouched', () => {
    const lines = show(seeded({ binance: { latencyMs: 3_600_040 }, 'binance-usdm': { latencyMs: -3_600_000 } }));
    const header = lines.find((line) => / lat +rc +rs/.test(line))!;
    const latEnd = header.indexOf(' lat') + ' lat'.length;
    const binance = rowOf(lines, 'BN');
    const usdm = rowOf(lines, 'BF');
    // Right-aligned under the title: the figure ends where "lat" ends.
    expect(binance.slice(0, latEnd)).toMatch(/ 60m$/);
    expect(usdm.slice(0, latEnd)).toMatch(/ -60m$/);
    expect(binance.slice(latEnd)).toMatch(/^ +0 +0\b/);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(200);
  });

  it('the selected venue says its clock is ahead, by how much', () => {
    const frame = show(seeded({ binance: { latencyMs: -3_600 } })).join('\n');
    expect(frame).toMatch(/Binance spot USDT · connected 95s · venue clock 3\.6s ahead/);
  });

  it('a venue without a figure shows none', () => {
    const lines = show(seeded({ binance: { state: 'reconnecting', latencyMs: undefined, upForS: undefined } }));
    const header = lines.find((line) => / lat +rc +rs/.test(line))!;
    const latEnd = header.indexOf(' lat') + ' lat'.length;
    expect(rowOf(lines, 'BN').slice(0, latEnd)).toMatch(/ —$/);
  });
});

describe('reconnects and failed attempts', () => {
  it('rc counts reconnects; the selected venue shows its failed attempts apart', () => {
    const lines = show(seeded({}, 3));
    const header = lines.find((line) => / lat +rc +rs/.test(line))!;
    const rcEnd = header.indexOf(' rc') + ' rc'.length;
    expect(rowOf(lines, 'BY').slice(0, rcEnd)).toMatch(/ 2$/);
    expect(lines.join('\n')).toMatch(/Bybit spot USDT · connected 95s · 5 failed attempts/);
  });

  it('a venue with none says nothing of them', () => {
    expect(show(seeded({}, 0)).join('\n')).not.toMatch(/failed attempt/);
  });
});
