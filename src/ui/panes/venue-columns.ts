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

/** What a cell needs besides its row: the same for every row of the table. */
export interface TableContext {
  readonly tags: Readonly<Record<string, string>>;
  /** Venues the user left out of the merged book. */
  readonly omitted: readonly string[];
  readonly commonQuote: string | undefined;
}

export interface VenueColumn {
  readonly id: string;
  readonly title: string;
  readonly width: number;
  readonly align: 'left' | 'right';
  cell(row: VenueRow, context: TableContext): Cell;
}

export interface VenueTable {
  /** In display order. */
  readonly columns: readonly VenueColumn[];
  readonly context: TableContext;
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
  let common: string | undefined;
  let most = 0;
  for (const [quote, count] of counts) {
    if (count > most) [common, most] = [quote, count];
  }
  return common;
}

function colorIfMerged(row: VenueRow, color: string, context: TableContext): string {
  return context.omitted.includes(row.id) ? theme.dim : color;
}

interface ColumnSpec extends Omit<VenueColumn, 'width'> {
  /** 0 always shows; higher numbers give way first when the pane is narrow. */
  readonly priority: number;
  /** A fixed width, or which of the widths read off the rows. */
  readonly width: number | 'name' | 'price';
}

/** Every column, in display order. Made once: the table is drawn every frame. */
const COLUMNS: readonly ColumnSpec[] = [
  { id: 'glyph', title: ' ', width: 1, align: 'left', priority: 0, cell: (row) => ({ text: STATE_GLYPH[row.notListed ? 'not-listed' : row.state], color: stateColor(row) }) },
  { id: 'tag', title: '  ', width: 2, align: 'left', priority: 0, cell: (row, context) => ({ text: venueTag(row.id, context.tags), color: colorIfMerged(row, venueColor(row.id), context) }) },
  { id: 'name', title: 'venue', width: 'name', align: 'left', priority: 6, cell: (row) => ({ text: row.name }) },
  { id: 'state', title: 'state', width: 12, align: 'left', priority: 1, cell: (row, context) => (context.omitted.includes(row.id) && !row.notListed ? { text: 'not merged', color: theme.dim } : { text: stateText(row), color: stateColor(row) }) },
  { id: 'bid', title: 'bid', width: 'price', align: 'right', priority: 0, cell: (row, context) => ({ text: formatVenuePrice(row.bestBid, row.priceDecimals), color: colorIfMerged(row, theme.bid, context) }) },
  { id: 'ask', title: 'ask', width: 'price', align: 'right', priority: 0, cell: (row, context) => ({ text: formatVenuePrice(row.bestAsk, row.priceDecimals), color: colorIfMerged(row, theme.ask, context) }) },
  // Shown only when some venue quotes another currency than the rest.
  { id: 'quote', title: 'in', width: 4, align: 'left', priority: 0.5, cell: (row, context) => ({ text: row.quote === context.commonQuote ? '' : row.quote, color: theme.warn }) },
  { id: 'rate', title: 'msg/s', width: 5, align: 'right', priority: 2, cell: (row) => ({ text: String(row.msgsPerSec) }) },
  { id: 'age', title: 'age', width: 4, align: 'right', priority: 3, cell: (row) => ({ text: formatAge(row.ageS) }) },
  { id: 'latency', title: 'lat', width: 6, align: 'right', priority: 4, cell: (row) => ({ text: formatLatency(row.latencyMs), ...(row.latencyMs !== undefined && row.latencyMs < 0 ? { color: theme.warn } : {}) }) },
  { id: 'reconnects', title: 'rc', width: 3, align: 'right', priority: 0, cell: (row) => ({ text: String(row.reconnects), ...(row.reconnects > 0 ? { color: theme.warn } : {}) }) },
  { id: 'resyncs', title: 'rs', width: 3, align: 'right', priority: 5, cell: (row) => ({ text: String(row.resyncs), ...(row.resyncs > 0 ? { color: theme.warn } : {}) }) },
];

/** The columns that give way when the pane is narrow, the last to give way first. */
const OPTIONAL = COLUMNS.filter((spec) => spec.priority > 0).sort((a, b) => a.priority - b.priority);

interface RowWidths {
  readonly name: number;
  readonly price: number;
}

function columnWidth(spec: ColumnSpec, widths: RowWidths): number {
  return typeof spec.width === 'number' ? spec.width : widths[spec.width];
}

/**
 * The columns that fit `width` characters, in display order, and what their cells need. Per
 * frame: loops and columns made once, no callbacks made anew (see FrameClock.ladder).
 */
export function venueTable(rows: readonly VenueRow[], width: number, tags: Readonly<Record<string, string>>, omitted: readonly string[] = []): VenueTable {
  const context: TableContext = { tags, omitted, commonQuote: commonQuote(rows) };
  let quotesDiffer = false;
  const widths = { name: 5, price: 3 };
  for (const row of rows) {
    widths.name = Math.max(widths.name, row.name.length);
    widths.price = Math.max(widths.price, formatVenuePrice(row.bestBid, row.priceDecimals).length, formatVenuePrice(row.bestAsk, row.priceDecimals).length);
    quotesDiffer ||= row.quote !== context.commonQuote;
  }
  // Each column is preceded by a space; the row starts with a margin and the selection mark, and
  // ends a space short of the border (a full row would touch it).
  let used = 2 + 1;
  const chosen = new Set<ColumnSpec>();
  for (const spec of COLUMNS) {
    if (spec.priority > 0) continue;
    chosen.add(spec);
    used += columnWidth(spec, widths) + 1;
  }
  for (const spec of OPTIONAL) {
    if (spec.id === 'quote' && !quotesDiffer) continue;
    const needs = columnWidth(spec, widths) + 1;
    if (used + needs > width) continue;
    chosen.add(spec);
    used += needs;
  }
  const columns: VenueColumn[] = [];
  for (const spec of COLUMNS) {
    if (chosen.has(spec)) columns.push({ id: spec.id, title: spec.title, width: columnWidth(spec, widths), align: spec.align, cell: spec.cell });
  }
  return { columns, context };
}
