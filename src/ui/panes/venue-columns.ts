/**
 * The venue table's columns, most important first: a narrow pane keeps the state glyph, tag,
 * bid, ask and reconnects; a wider one adds the rest in order until it is full. A venue the user
 * left out of the merged book keeps its state glyph and numbers, its tag and prices dimmed and
 * its state "not merged". Pure, so what each width shows is testable.
 */
import type { VenueRow } from '../../store/app-store.js';
import { formatAge, formatLatency, formatVenuePrice } from '../format.js';
import { STATE_COLOR, STATE_GLYPH, theme, venueColor, venueTag } from '../theme.js';

export interface Cell {
  readonly text: string;
  readonly color?: string;
}

export interface VenueColumn {
  readonly id: string;
  readonly title: string;
  readonly width: number;
  readonly align: 'left' | 'right';
  cell(row: VenueRow): Cell;
}

/** Recent errors are marked in the row and shown under it while younger than this. */
export const RECENT_ERROR_S = 60;

export function hasRecentError(row: VenueRow): boolean {
  return row.lastError !== undefined && row.errorAgeS !== undefined && row.errorAgeS < RECENT_ERROR_S;
}

export function stateText(row: VenueRow): string {
  if (row.notListed) return 'not listed';
  if (row.state === 'down' && row.retryInS !== undefined) return `down, ${row.retryInS}s`;
  return row.state;
}

function stateColor(row: VenueRow): string {
  return row.notListed ? theme.dim : STATE_COLOR[row.state];
}

/** The quote most venues use: rows quoting another one show theirs. */
export function commonQuote(rows: readonly VenueRow[]): string | undefined {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.quote, (counts.get(row.quote) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The columns that fit `width` characters, in display order. */
export function venueColumns(rows: readonly VenueRow[], width: number, tags: Readonly<Record<string, string>>, omitted: readonly string[] = []): VenueColumn[] {
  const colorIfMerged = (row: VenueRow, color: string): string => (omitted.includes(row.id) ? theme.dim : color);
  const priceWidth = Math.max(3, ...rows.flatMap((row) => [formatVenuePrice(row.bestBid, row.priceDecimals).length, formatVenuePrice(row.bestAsk, row.priceDecimals).length]));
  const nameWidth = Math.max(5, ...rows.map((row) => row.name.length));
  const common = commonQuote(rows);
  const quotesDiffer = rows.some((row) => row.quote !== common);
  const all: Array<VenueColumn & { readonly priority: number }> = [
    { id: 'glyph', title: ' ', width: 1, align: 'left', priority: 0, cell: (row) => ({ text: STATE_GLYPH[row.notListed ? 'not-listed' : row.state], color: stateColor(row) }) },
    { id: 'tag', title: '  ', width: 2, align: 'left', priority: 0, cell: (row) => ({ text: venueTag(row.id, tags), color: colorIfMerged(row, venueColor(row.id)) }) },
    { id: 'name', title: 'venue', width: nameWidth, align: 'left', priority: 6, cell: (row) => ({ text: row.name }) },
    { id: 'state', title: 'state', width: 12, align: 'left', priority: 1, cell: (row) => (omitted.includes(row.id) && !row.notListed ? { text: 'not merged', color: theme.dim } : { text: stateText(row), color: stateColor(row) }) },
    { id: 'bid', title: 'bid', width: priceWidth, align: 'right', priority: 0, cell: (row) => ({ text: formatVenuePrice(row.bestBid, row.priceDecimals), color: colorIfMerged(row, theme.bid) }) },
    { id: 'ask', title: 'ask', width: priceWidth, align: 'right', priority: 0, cell: (row) => ({ text: formatVenuePrice(row.bestAsk, row.priceDecimals), color: colorIfMerged(row, theme.ask) }) },
    ...(quotesDiffer ? [{ id: 'quote', title: 'in', width: 4, align: 'left' as const, priority: 0.5, cell: (row: VenueRow) => ({ text: row.quote === common ? '' : row.quote, color: theme.warn }) }] : []),
    { id: 'rate', title: 'msg/s', width: 5, align: 'right', priority: 2, cell: (row) => ({ text: String(row.msgsPerSec) }) },
    { id: 'age', title: 'age', width: 4, align: 'right', priority: 3, cell: (row) => ({ text: formatAge(row.ageS) }) },
    { id: 'latency', title: 'lat', width: 6, align: 'right', priority: 4, cell: (row) => ({ text: formatLatency(row.latencyMs), ...(row.latencyMs !== undefined && row.latencyMs < 0 ? { color: theme.warn } : {}) }) },
    { id: 'reconnects', title: 'rc', width: 3, align: 'right', priority: 0, cell: (row) => ({ text: String(row.reconnects), ...(row.reconnects > 0 ? { color: theme.warn } : {}) }) },
    { id: 'resyncs', title: 'rs', width: 3, align: 'right', priority: 5, cell: (row) => ({ text: String(row.resyncs), ...(row.resyncs > 0 ? { color: theme.warn } : {}) }) },
  ];
  // Each column is preceded by a space; the row starts with a margin and the selection mark, and
  // ends a space short of the border (a full row would touch it).
  const used = (columns: readonly VenueColumn[]): number => 2 + columns.reduce((sum, column) => sum + column.width + 1, 0) + 1;
  const chosen = all.filter((column) => column.priority === 0);
  for (const column of [...all].filter((c) => c.priority > 0).sort((a, b) => a.priority - b.priority)) {
    if (used([...chosen, column]) <= width) chosen.push(column);
  }
  return all.filter((column) => chosen.includes(column));
}
