import React from 'react';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { PositionRow, PositionsView } from '../../src/hyperliquid/positions-view.js';
import { ConfirmClose, confirmCloseRows } from '../../src/ui/overlays/confirm-close.js';
import { PositionsPane, type PositionsPaneProps } from '../../src/ui/panes/positions-pane.js';

const ACCOUNT = '0x14791697260e4c9a71f18484c9f997b308e59325';

const BTC: PositionRow = {
  coin: 'BTC',
  side: 'long',
  size: '0.5',
  entryPx: 67_000,
  markPx: 67_250,
  positionValue: 33_625,
  unrealizedPnl: 125,
  roe: 0.0746,
  liquidationPx: 61_234.5,
  leverage: 20,
  leverageType: 'cross',
  marginUsed: 1_681.25,
};

const ETH: PositionRow = {
  coin: 'ETH',
  side: 'short',
  size: '2.1',
  entryPx: 3_400,
  markPx: 3_480,
  positionValue: 7_308,
  unrealizedPnl: -168,
  roe: -0.235,
  liquidationPx: undefined,
  leverage: 10,
  leverageType: 'isolated',
  marginUsed: 730.8,
};

const READY: PositionsView = {
  account: ACCOUNT,
  network: 'mainnet',
  status: 'ready',
  summary: { accountValue: 13_109.48, withdrawable: 10_697.43, totalMarginUsed: 2_412.05, totalNtlPos: 40_933 },
  positions: [BTC, ETH],
  updatedAt: 1,
  stream: 'live',
  error: undefined,
};

const base: PositionsPaneProps = { view: READY, selected: 0, focused: false, highlightCoin: 'ETH', status: undefined, hint: undefined };

const rendered: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

function frame(element: React.ReactElement): string {
  const r = render(element);
  rendered.push(r);
  return r.lastFrame() ?? '';
}

function line(text: string, containing: string): string {
  const found = text.split('\n').find((l) => l.includes(containing));
  if (found === undefined) throw new Error(`no line with "${containing}" in:\n${text}`);
  return found;
}

describe('PositionsPane', () => {
  it('account value and withdrawable on top, then each position on two lines with every field', () => {
    const text = frame(<PositionsPane {...base} />);
    expect(text).toContain('0x1479…9325 · mainnet · stream live');
    expect(line(text, 'Account')).toMatch(/Account \$13,109\.48 · withdrawable \$10,697\.43 · margin used \$2,412\.05/);
    const lines = text.split('\n');
    const btc = lines.findIndex((l) => l.includes('BTC'));
    expect(lines[btc]).toMatch(/BTC\s+long\s+0\.5 entry\s+67000\.0 mark\s+67250\.0 uPnL\s+\+125\.00\s+\+7\.5%/);
    expect(lines[btc + 1]).toMatch(/liq 61234\.5 {2}20x cross {2}margin \$1,681\.25/);
    const eth = lines.findIndex((l) => l.includes('ETH'));
    expect(lines[eth]).toMatch(/ETH\s+short\s+2\.1 entry\s+3400\.0 mark\s+3480\.0 uPnL\s+-168\.00\s+-23\.5%/);
    expect(lines[eth + 1]).toMatch(/liq — {2}10x isolated {2}margin \$730\.80/);
    // Beside the ladder on a 120-column terminal the pane has 72 columns inside its border.
    for (const row of lines.filter((l) => l.startsWith('│'))) expect(row.trimEnd().replace(/│$/, '').trimEnd().length).toBeLessThanOrEqual(73);
  });

  it('marks the symbol on screen, and the selected row only while focused', () => {
    const unfocused = frame(<PositionsPane {...base} selected={1} />);
    expect(line(unfocused, 'ETH').trimStart().startsWith('│• ETH')).toBe(true);
    expect(line(unfocused, 'BTC')).not.toContain('▸');
    const focused = frame(<PositionsPane {...base} selected={0} focused />);
    expect(line(focused, 'BTC')).toContain('▸ BTC');
  });

  it('too short for every position: unfocused it shows the symbol on screen, focused the selection', () => {
    const SOL: PositionRow = { ...BTC, coin: 'SOL', size: '40', entryPx: 160, markPx: 162 };
    // Two lines inside the border: one compact position and the "more" line.
    const short = { ...base, view: { ...READY, positions: [BTC, ETH, SOL] }, compact: true, height: 5, selected: 0 };
    const unfocused = frame(<PositionsPane {...short} />);
    expect(line(unfocused, 'ETH')).toContain('• ETH');
    expect(unfocused).not.toMatch(/BTC|SOL/);
    expect(unfocused).toContain('▼ 2 more');
    const focused = frame(<PositionsPane {...short} focused />);
    expect(line(focused, 'BTC')).toContain('▸ BTC');
    expect(focused).not.toMatch(/ETH|SOL/);
    const noPositionOnScreen = frame(<PositionsPane {...short} highlightCoin="DOGE" selected={2} />);
    expect(noPositionOnScreen).toContain('SOL');
    expect(noPositionOnScreen).not.toMatch(/BTC|ETH/);
  });

  it('no address configured: says how to set one', () => {
    const text = frame(<PositionsPane {...base} view={undefined} />);
    expect(text).toContain('No Hyperliquid account configured.');
    expect(text).toContain('Pass --hl-address 0x… or set HYPERLIQUID_ADDRESS to see positions.');
  });

  it('loading, then flat, states', () => {
    expect(frame(<PositionsPane {...base} view={{ ...READY, status: 'loading', summary: undefined, positions: [] }} />)).toContain('loading positions…');
    const flat = frame(<PositionsPane {...base} view={{ ...READY, positions: [] }} />);
    expect(flat).toContain('No open positions.');
    expect(flat).toContain('Account $13,109.48');
  });

  it('shows a read error under the last known rows, and the status and hint lines', () => {
    const text = frame(
      <PositionsPane
        {...base}
        view={{ ...READY, error: 'info clearinghouseState: no answer within 5000 ms' }}
        status="BTC long closed: 0.5 at avg 67248.0"
        hint="close disabled: set HYPERLIQUID_PRIVATE_KEY or pass --hl-key-file PATH"
      />,
    );
    expect(text).toContain('⚠ info clearinghouseState: no answer within 5000 ms');
    expect(line(text, 'BTC  ')).toContain('long');
    expect(text).toContain('BTC long closed: 0.5 at avg 67248.0');
    expect(text).toContain('close disabled: set HYPERLIQUID_PRIVATE_KEY or pass --hl-key-file PATH');
  });
});

describe('ConfirmClose', () => {
  it('asks before sending: position, size, price near the mid, the worst price, the keys', () => {
    const text = frame(<ConfirmClose coin="BTC" side="long" size="0.5" estimatedPrice={67_250.5} slippageBound="66578" slippage={0.01} />);
    expect(text).toContain('Close BTC long 0.5?');
    expect(text).toContain('sell 0.5 BTC near 67251, at least 66578 (1% slippage)');
    expect(text).toContain('reduce-only');
    expect(text).toContain('y to send, n/Esc to cancel');
  });

  it('short of rows, leaves out the note before anything about the order', () => {
    const props = { coin: 'ETH', side: 'short', size: '3.0', estimatedPrice: 3_480.18, slippageBound: '3515', slippage: 0.01 } as const;
    const whole = confirmCloseRows(props, 38);
    const text = frame(<ConfirmClose {...props} width={38} height={whole - 1} />);
    expect(text).not.toContain('reduce-only');
    expect(text).toMatch(/Close ETH short 3\.0\?/);
    expect(text).toContain('y to send');
    expect(text.split('\n').length).toBe(whole - 3); // the note took three rows at this width
  });

  it('a short is closed by buying, at most the bound', () => {
    const text = frame(<ConfirmClose coin="ETH" side="short" size="2.1" estimatedPrice={3_480} slippageBound="3514.8" />);
    expect(text).toContain('buy 2.1 ETH near 3480, at most 3514.8');
  });
});
