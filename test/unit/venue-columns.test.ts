/** The venue table's cells for a venue the user left out of the merged book, against one merged. */
import { describe, expect, it } from 'vitest';
import type { VenueRow } from '../../src/store/app-store.js';
import { venueTable } from '../../src/ui/panes/venue-columns.js';
import { theme, venueColor } from '../../src/ui/theme.js';

const row = (id: string): VenueRow => ({ id, name: id, market: 'spot', quote: 'USDT', state: 'live', notListed: false, bestBid: 100, bestAsk: 101, msgsPerSec: 10, reconnects: 0, failedAttempts: 0, resyncs: 0 });

describe('venue columns', () => {
  const rows = [row('binance'), row('okx')];
  const { columns, context } = venueTable(rows, 120, { binance: 'BN', okx: 'OK' }, ['okx']);
  const cell = (id: string, venue: VenueRow) => columns.find((column) => column.id === id)!.cell(venue, context);

  it('dims the tag and prices of a venue left out and says "not merged" where its state goes', () => {
    expect(cell('tag', rows[1]!).color).toBe(theme.dim);
    expect(cell('bid', rows[1]!)).toEqual({ text: '100', color: theme.dim });
    expect(cell('ask', rows[1]!)).toEqual({ text: '101', color: theme.dim });
    expect(cell('state', rows[1]!)).toEqual({ text: 'not merged', color: theme.dim });
    expect(cell('glyph', rows[1]!).text).toBe(cell('glyph', rows[0]!).text);
  });

  it('draws a merged venue in its own colours and state', () => {
    expect(cell('tag', rows[0]!).color).toBe(venueColor('binance'));
    expect(cell('bid', rows[0]!).color).toBe(theme.bid);
    expect(cell('state', rows[0]!).text).toBe('live');
  });

  it('keeps the glyph, tag, prices and reconnects on a narrow pane and adds the rest in order as it widens', () => {
    const ids = (width: number) => venueTable(rows, width, {}).columns.map((column) => column.id);
    expect(ids(20)).toEqual(['glyph', 'tag', 'bid', 'ask', 'reconnects']);
    expect(ids(40)).toEqual(['glyph', 'tag', 'state', 'bid', 'ask', 'rate', 'reconnects']);
    expect(ids(200)).toEqual(['glyph', 'tag', 'name', 'state', 'bid', 'ask', 'rate', 'age', 'latency', 'reconnects', 'resyncs']);
  });

  it('adds a quote column only when a venue quotes another currency than most, and fills it for that venue alone', () => {
    const usd = { ...row('coinbase'), quote: 'USD' };
    const table = venueTable([...rows, usd], 200, {});
    const quote = table.columns.find((column) => column.id === 'quote')!;
    expect(quote.cell(usd, table.context).text).toBe('USD');
    expect(quote.cell(rows[0]!, table.context).text).toBe('');
  });
});
