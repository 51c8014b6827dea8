/** The runtime's answers to keys, on the simulated venues: what a key does to feeds and store. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppRuntime } from '../../src/cli/runtime.js';
import { parseConfig } from '../../src/cli/config.js';
import { silentLogger } from '../../src/cli/log.js';
import { waitFor } from '../helpers/wait-for.js';

describe('runtime actions', () => {
  let runtime: AppRuntime | undefined;
  let stateDir: string | undefined;
  const stateHome = process.env.XDG_STATE_HOME;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
    if (stateHome === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = stateHome;
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  async function start(): Promise<AppRuntime> {
    stateDir = mkdtempSync(join(tmpdir(), 'depthmux-actions-'));
    process.env.XDG_STATE_HOME = stateDir;
    runtime = await AppRuntime.start(parseConfig({ demo: true, symbols: 'BTC,ETH', exchanges: 'binance,hyperliquid' }), silentLogger);
    await waitFor('every venue live', () => runtime!.store.getState().venues.length === 2 && runtime!.store.getState().venues.every((v) => v.state === 'live'), 15_000);
    return runtime;
  }

  it('r reconnects the selected venue at once and it comes back live', async () => {
    const app = await start();
    app.dispatch('select-down');
    expect(app.store.getState().ui.selectedVenue).toBe(1);
    app.dispatch('reconnect-venue');
    expect(app.store.getState().ui.message).toBe('reconnecting Hyperliquid…');
    await waitFor('hyperliquid reconnected and live', () => {
      const row = app.store.getState().venues[1]!;
      return row.reconnects === 1 && row.state === 'live';
    });
    expect(app.store.getState().venues[0]!.reconnects).toBe(0);
  });

  it('Space takes the selected venue out of the merged book and back, its feed kept open', async () => {
    const app = await start();
    await waitFor('both venues merged', () => app.store.getState().ladder?.included.length === 2);
    app.dispatch('select-down');
    app.dispatch('toggle-merge');
    expect(app.store.getState().omitted).toEqual(['hyperliquid']);
    expect(app.store.getState().ui.message).toBe('Hyperliquid left out of the merged book');
    expect(app.store.getState().events.at(-1)).toMatchObject({ kind: 'action', venue: 'hyperliquid', text: 'Hyperliquid left out of the merged book' });
    await waitFor('a ladder of Binance alone', () => app.store.getState().ladder?.included.join() === 'binance');
    for (const level of [...app.store.getState().ladder!.bids, ...app.store.getState().ladder!.asks]) expect(level.venues.map(([venue]) => venue)).toEqual(['binance']);
    expect(app.store.getState().venues[1]!.state).toBe('live');
    // It stays out across a symbol switch: the choice is about the venue, not the symbol.
    app.dispatch('next-symbol');
    await waitFor('ETH on screen, Binance alone in its ladder', () => app.store.getState().ladder?.symbol === 'ETH' && app.store.getState().ladder?.included.join() === 'binance');
    app.dispatch('toggle-merge');
    expect(app.store.getState().ui.message).toBe('Hyperliquid back in the merged book');
    await waitFor('both venues merged again', () => app.store.getState().ladder?.included.length === 2);
  });

  it('Space outside the venue list says to select a venue', async () => {
    const app = await start();
    app.store.setState((state) => ({ ui: { ...state.ui, focus: 'positions' } }));
    app.dispatch('toggle-merge');
    expect(app.store.getState().omitted).toEqual([]);
    expect(app.store.getState().ui.message).toBe('select a venue first (Tab)');
  });

  it('+ and - regroup the ladder on the next tick of the 1-2-5 series, 0 goes back to automatic', async () => {
    const app = await start();
    await waitFor('a ladder', () => app.store.getState().ladder !== undefined);
    expect(app.store.getState().ladder!.tick).toBe(1);
    app.dispatch('tick-up');
    await waitFor('a ladder on tick 2', () => app.store.getState().ladder?.tick === 2);
    for (const level of app.store.getState().ladder!.bids) expect(level.price % 2).toBe(0);
    app.dispatch('tick-down');
    app.dispatch('tick-down');
    await waitFor('a ladder on tick 0.5', () => app.store.getState().ladder?.tick === 0.5);
    app.dispatch('tick-auto');
    await waitFor('the automatic tick again', () => app.store.getState().ladder?.tick === 1);
  });

  it('x outside the positions pane explains how to close instead of closing', async () => {
    const app = await start();
    await waitFor('positions loaded', () => app.store.getState().positions?.status === 'ready');
    app.dispatch('close-position');
    expect(app.store.getState().ui.closeStatus).toBe('Tab to the positions pane, pick a position with ↑↓, then x');
    expect(app.store.getState().ui.mode).toBe('normal');
    app.dispatch('toggle-focus');
    app.dispatch('select-down');
    expect(app.store.getState().ui.selectedPosition).toBe(1);
    app.dispatch('close-position');
    await waitFor('the confirmation', () => app.store.getState().ui.mode === 'confirm-close');
    expect(app.store.getState().ui.confirm).toMatchObject({ coin: 'ETH', side: 'short' });
    expect(Number(app.store.getState().ui.confirm!.size)).toBe(3);
    app.dispatch('confirm-no');
    expect(app.store.getState().ui.mode).toBe('normal');
    expect(app.store.getState().ui.closeStatus).toBe('close cancelled');
    expect(app.store.getState().positions!.positions.map((p) => p.coin)).toContain('ETH');
  });

  it('Tab into the positions pane selects the position of the symbol on screen', async () => {
    const app = await start();
    await waitFor('positions loaded', () => app.store.getState().positions?.status === 'ready');
    const coins = app.store.getState().positions!.positions.map((p) => p.coin);
    expect(coins.indexOf('ETH')).toBeGreaterThan(0);
    app.dispatch('next-symbol');
    await waitFor('ETH on screen', () => app.store.getState().symbol === 'ETH', 15_000);
    app.dispatch('toggle-focus');
    expect(app.store.getState().ui).toMatchObject({ focus: 'positions', selectedPosition: coins.indexOf('ETH') });
    app.dispatch('toggle-focus');
    app.dispatch('select-down'); // the venue list's selection, not the positions'
    expect(app.store.getState().ui).toMatchObject({ focus: 'venues', selectedPosition: coins.indexOf('ETH') });
  });
});
