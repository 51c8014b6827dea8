/**
 * One ladder row as one Text: price, size, running total, a bar, and where the size sits — venue
 * tags in the venue list's order, or a size column per venue on a wide terminal.
 */
import React from 'react';
import { Text } from 'ink';
import type { MergedLevel } from '../../book/merge-depth.js';
import type { SizeClass } from '../layout.js';
import { bar, formatPrice, formatSize, padLeft, padRight } from '../format.js';
import { paint } from '../paint.js';
import { theme, venueColor, venueTag } from '../theme.js';

export interface LadderColumns {
  readonly price: number;
  readonly size: number;
  readonly total: number;
  readonly bar: number;
  /** Width of the `where` tags (narrow, medium); 0 on wide, which has a column per venue. */
  readonly where: number;
  /** Width of each venue's size column on wide; 0 otherwise. */
  readonly perVenue: number;
}

export function ladderColumns(size: SizeClass): LadderColumns {
  switch (size) {
    case 'narrow':
      return { price: 9, size: 7, total: 7, bar: 6, where: 5, perVenue: 0 };
    case 'medium':
      return { price: 9, size: 7, total: 7, bar: 6, where: 8, perVenue: 0 };
    case 'wide':
      return { price: 10, size: 8, total: 8, bar: 8, where: 0, perVenue: 7 };
    default:
      throw new Error(`unknown size ${JSON.stringify(size satisfies never)}`);
  }
}

/**
 * The pane's outer width: borders, a margin each side, the columns and the spaces between them.
 * The right margin keeps a full `where` column ("BN+10") off the border.
 */
export function ladderWidth(columns: LadderColumns, venueCount: number): number {
  const where = columns.perVenue > 0 ? columns.perVenue * venueCount : 1 + columns.where;
  return 2 + 1 + columns.price + 1 + columns.size + 1 + columns.total + 1 + columns.bar + where + 1;
}

export interface LadderRowProps {
  readonly level: MergedLevel;
  readonly total: number;
  readonly side: 'bid' | 'ask';
  readonly decimals: number;
  readonly maxSize: number;
  readonly columns: LadderColumns;
  /** Every venue, in the venue list's order: the order tags and size columns follow. */
  readonly order: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

export const LadderRow = React.memo(function LadderRow(props: LadderRowProps): React.JSX.Element {
  return <Text wrap="truncate-end">{ladderRowText(props)}</Text>;
});

/**
 * The row's text with its colours in it: one Ink node instead of one per span (price, total, bar
 * and a span per venue), which is what a frame of the ladder costs Ink and React.
 */
export function ladderRowText({ level, total, side, decimals, maxSize, columns, order, tags }: LadderRowProps): string {
  const color = side === 'bid' ? theme.bid : theme.ask;
  const price = paint(padLeft(formatPrice(level.price, decimals), columns.price), color);
  const size = padLeft(formatSize(level.size), columns.size);
  const running = paint(padLeft(formatSize(total), columns.total), theme.dim);
  const depthBar = paint(padRight(bar(level.size / maxSize, columns.bar), columns.bar), color);
  const where = columns.perVenue > 0 ? perVenueText(level, order, columns.perVenue) : whereText(level, order, tags, columns.where);
  return ` ${price} ${size} ${running} ${depthBar}${where}`;
}

/** Each venue's size at the level in its own column, `·` where it has none. */
function perVenueText(level: MergedLevel, order: readonly string[], width: number): string {
  let text = '';
  for (const venue of order) {
    const size = sizeOf(level, venue);
    text += paint(padLeft(size === undefined ? '·' : formatSize(size), width), venueColor(venue));
  }
  return text;
}

/** The tags of the venues at the level, in the venue list's order, as many as fit, then "+n". */
function whereText(level: MergedLevel, order: readonly string[], tags: Readonly<Record<string, string>>, width: number): string {
  const present: string[] = [];
  const presentTags: string[] = [];
  for (const venue of order) {
    if (sizeOf(level, venue) === undefined) continue;
    present.push(venue);
    presentTags.push(venueTag(venue, tags));
  }
  const shown = tagsThatFit(presentTags, width);
  const rest = present.length - shown;
  let text = ' ';
  for (let index = 0; index < shown; index++) {
    text += paint(`${index > 0 ? '+' : ''}${presentTags[index]!}`, venueColor(present[index]!));
  }
  return rest > 0 ? text + paint(`+${rest}`, theme.dim) : text;
}

/** The venue's size at the level, if it has any there. Per row and venue: a loop, no callback made anew (see FrameClock.ladder). */
function sizeOf(level: MergedLevel, venue: string): number | undefined {
  for (const [id, size] of level.venues) {
    if (id === venue) return size;
  }
  return undefined;
}

/** How many tags fit in `width` with "+n" for the rest: all of them, or as many as leave room. */
export function tagsThatFit(tags: readonly string[], width: number): number {
  for (let shown = tags.length; shown > 0; shown--) {
    const rest = tags.length - shown;
    const length = tags.slice(0, shown).join('+').length + (rest > 0 ? `+${rest}`.length : 0);
    if (length <= width) return shown;
  }
  return 0;
}
