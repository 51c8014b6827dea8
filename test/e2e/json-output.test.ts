/** `--json`: the runtime without a screen, read the way a script reads it. */
import { describe, expect, it } from 'vitest';
import { VENUE_IDS } from '../../src/venues/ids.js';
import { runCli } from '../helpers/run-cli.js';

interface JsonLine {
  symbol: string;
  venues: Array<{ id: string; state: string; bestBid: number | null; bestAsk: number | null; reconnects: number; resyncs: number; msgsPerSec: number }>;
  merged: { tick: number; bestBid: number; bestAsk: number; bids: Array<{ price: number; size: number; venues: Record<string, number> }>; asks: Array<{ price: number; size: number }> } | null;
}

describe('depthmux --json', () => {
  it('--once prints one line when every venue is live, with the merged top levels', async () => {
    const result = await runCli(['--demo', '--json', '--once', '--symbol', 'eth', '--depth', '5'], { timeoutMs: 40_000 });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as JsonLine;
    expect(line.symbol).toBe('ETH');
    expect(line.venues.map((v) => [v.id, v.state])).toEqual(VENUE_IDS.map((id) => [id, 'live']));
    for (const venue of line.venues) expect(venue.bestBid!).toBeLessThan(venue.bestAsk!);
    expect(line.merged!.bids).toHaveLength(5);
    expect(line.merged!.asks).toHaveLength(5);
    expect(line.merged!.bids[0]!.price).toBeGreaterThan(line.merged!.bids[4]!.price);
    const first = line.merged!.bids[0]!;
    expect(Object.values(first.venues).reduce((a, b) => a + b, 0)).toBeCloseTo(first.size, 8);
  });

  it('reports a symbol a venue does not list as not-listed and still settles', async () => {
    const result = await runCli(['--demo', '--json', '--once', '--symbol', 'HYPE'], { timeoutMs: 40_000 });
    expect(result.code).toBe(0);
    const line = JSON.parse(result.stdout.trim()) as JsonLine;
    expect(line.venues.find((v) => v.id === 'binance')?.state).toBe('not-listed');
    expect(line.venues.find((v) => v.id === 'hyperliquid')?.state).toBe('live');
  });
});
