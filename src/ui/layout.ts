/**
 * Which layout a terminal gets, from its width and height, and how its rows are shared out.
 * Narrow (under 110 columns): a slim ladder and a compact venue list. Medium: the ladder with a
 * `where` column and the venue health table. Wide (170 and up): a size column per venue in the
 * ladder. Below 80×24 the screen asks for a larger terminal instead of drawing a broken one.
 * Pure arithmetic, so every size can be tested without a terminal.
 */

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export type SizeClass = 'narrow' | 'medium' | 'wide';

export interface ScreenLayout {
  readonly columns: number;
  readonly rows: number;
  readonly size: SizeClass;
  /** Lines of the liquidity block: two, or one when the terminal is wide enough for both. */
  readonly liquidityLines: number;
  /** Rows between the lines on top and the status bar: the panes, or an overlay. */
  readonly bodyRows: number;
  /** Ladder levels per side that fit. */
  readonly levels: number;
}

/** Rows of the ladder pane that are not levels: border, title, column names, spread line. */
export const LADDER_CHROME_ROWS = 5;

export function sizeClass(columns: number): SizeClass {
  if (columns >= 170) return 'wide';
  if (columns >= 110) return 'medium';
  return 'narrow';
}

/** The layout for a terminal, or undefined when it is smaller than the minimum. */
export function screenLayout(columns: number, rows: number, options: { readonly selfHealth?: boolean } = {}): ScreenLayout | undefined {
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return undefined;
  const size = sizeClass(columns);
  const liquidityLines = size === 'wide' ? 1 : 2;
  const topRows = 1 + liquidityLines + (options.selfHealth ? 1 : 0);
  // The last row stays empty: a frame as tall as the terminal makes Ink clear and redraw the
  // whole screen on every frame (ink.js, "isFullscreen"), which flickers and costs CPU.
  const bodyRows = rows - 1 - topRows - 1;
  const levels = Math.max(3, Math.floor((bodyRows - LADDER_CHROME_ROWS) / 2));
  return { columns, rows, size, liquidityLines, bodyRows, levels };
}

/**
 * The first of `count` items to show in `capacity` lines so that `selected` is visible, keeping
 * the selection away from the edges when it can.
 */
export function windowStart(count: number, capacity: number, selected: number): number {
  if (count <= capacity) return 0;
  const centred = selected - Math.floor(capacity / 2);
  return Math.max(0, Math.min(count - capacity, centred));
}
