/**
 * Rows drawn as one string (ladder, venue list) carry their colours in the text: each span must
 * look exactly as Ink's own `<Text color>` draws it, at every colour depth the terminal may have.
 */
import React from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import { paint } from '../../src/ui/paint.js';
import { STATE_COLOR, theme, VENUE_COLOR } from '../../src/ui/theme.js';
import { ladderRowText, ladderColumns } from '../../src/ui/panes/ladder-row.js';

const levelAtStart = chalk.level;
afterEach(() => {
  chalk.level = levelAtStart;
});

function drawn(node: React.JSX.Element): string {
  const { lastFrame, unmount } = render(node);
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
}

const COLOURS = [...new Set([...Object.values(theme), ...Object.values(STATE_COLOR), ...Object.values(VENUE_COLOR), 'white', '#123456', 'no-such-colour'])];

describe('paint', () => {
  for (const level of [0, 1, 2, 3] as const) {
    it(`draws every colour depthmux uses as <Text color> does, at colour level ${level}`, () => {
      chalk.level = level;
      for (const colour of COLOURS) {
        expect(drawn(<Text>{`a${paint(' 12.5 ', colour)}b`}</Text>), colour).toBe(drawn(<Text>a<Text color={colour}> 12.5 </Text>b</Text>));
      }
    });
  }

  it('leaves empty text empty and plain text plain without colours', () => {
    chalk.level = 3;
    expect(paint('', 'green')).toBe('');
    chalk.level = 0;
    expect(paint('67000.5', 'green')).toBe('67000.5');
  });
});

describe('ladder row text', () => {
  const level = { price: 67_000.5, size: 1.5, venues: [['okx', 1], ['binance', 0.5]] as Array<[string, number]> };
  const base = { level, total: 3, decimals: 1, maxSize: 3, order: ['binance', 'bybit', 'okx'], tags: { binance: 'BN', bybit: 'BY', okx: 'OK' } };

  it('colours the price and bar by side, the total dim, each venue in its own colour', () => {
    chalk.level = 1;
    const bid = ladderRowText({ ...base, side: 'bid', columns: ladderColumns('medium') });
    expect(bid).toBe(` ${chalk.green('  67000.5')}   1.500 ${chalk.gray('  3.000')} ${chalk.green('███   ')} ${chalk.yellow('BN')}${chalk.whiteBright('+OK')}`);
    const ask = ladderRowText({ ...base, side: 'ask', columns: ladderColumns('medium') });
    expect(ask).toBe(` ${chalk.red('  67000.5')}   1.500 ${chalk.gray('  3.000')} ${chalk.red('███   ')} ${chalk.yellow('BN')}${chalk.whiteBright('+OK')}`);
  });

  it('ends with "+n" in dim when the tags do not all fit', () => {
    chalk.level = 1;
    const crowded = { ...level, venues: [['binance', 1], ['bybit', 1], ['okx', 1]] as Array<[string, number]> };
    expect(ladderRowText({ ...base, level: crowded, side: 'bid', columns: ladderColumns('narrow') }).endsWith(` ${chalk.yellow('BN')}${chalk.gray('+2')}`)).toBe(true);
  });

  it('gives each venue a column on a wide terminal, with · where it has no size', () => {
    chalk.level = 0;
    const text = ladderRowText({ ...base, side: 'bid', columns: ladderColumns('wide') });
    expect(text.endsWith(`${'0.500'.padStart(7)}${'·'.padStart(7)}${'1.000'.padStart(7)}`)).toBe(true);
  });
});
