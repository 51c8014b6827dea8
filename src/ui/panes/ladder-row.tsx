/**
 * One ladder row as one Text with nested spans (Ink's cost grows with nodes and characters, so
 * rows stay flat): price, size, running total, a bar, and where the size sits — venue tags in
 * the venue list's order, or a size column per venue on a wide terminal.
 */
import React from 'react';
import { Text } from 'ink';
import type { MergedLevel } from '../../book/merge-depth.js';
import type { SizeClass } from '../layout.js';
import { bar, formatPrice, formatSize, padLeft, padRight } from '../format.js';
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
      return { price: 9, size: 7, total: 7, bar: 7, where: 8, perVenue: 0 };
    case 'wide':
      return { price: 10, size: 8, total: 8, bar: 8, where: 0, perVenue: 7 };
    default:
      throw new Error(`unknown size ${JSON.stringify(size satisfies never)}`);
  }
}

/** The pane's outer width: borders, a margin, the columns and the spaces between them. */
export function ladderWidth(columns: LadderColumns, venueCount: number): number {
  const where = columns.perVenue > 0 ? columns.perVenue * venueCount : 1 + columns.where;
  return 2 + 1 + columns.price + 1 + columns.size + 1 + columns.total + 1 + columns.bar + where;
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

export const LadderRow = React.memo(function LadderRow({ level, total, side, decimals, maxSize, columns, order, tags }: LadderRowProps): React.JSX.Element {
  const color = side === 'bid' ? theme.bid : theme.ask;
  return (
    <Text wrap="truncate-end">
      {' '}
      <Text color={color}>{padLeft(formatPrice(level.price, decimals), columns.price)}</Text> {padLeft(formatSize(level.size), columns.size)}{' '}
      <Text color={theme.dim}>{padLeft(formatSize(total), columns.total)}</Text> <Text color={color}>{padRight(bar(level.size / maxSize, columns.bar), columns.bar)}</Text>
      {columns.perVenue > 0 ? <PerVenue level={level} order={order} width={columns.perVenue} /> : <Where level={level} order={order} tags={tags} width={columns.where} />}
    </Text>
  );
});

function PerVenue({ level, order, width }: { readonly level: MergedLevel; readonly order: readonly string[]; readonly width: number }): React.JSX.Element {
  const sizes = new Map(level.venues);
  return (
    <>
      {order.map((venue) => {
        const size = sizes.get(venue);
        return (
          <Text key={venue} color={venueColor(venue)}>
            {padLeft(size === undefined ? '·' : formatSize(size), width)}
          </Text>
        );
      })}
    </>
  );
}

function Where({ level, order, tags, width }: { readonly level: MergedLevel; readonly order: readonly string[]; readonly tags: Readonly<Record<string, string>>; readonly width: number }): React.JSX.Element {
  const present = order.filter((venue) => level.venues.some(([id]) => id === venue));
  const shown = tagsThatFit(present.map((venue) => venueTag(venue, tags)), width);
  const rest = present.length - shown;
  return (
    <Text>
      {' '}
      {present.slice(0, shown).map((venue, index) => (
        <Text key={venue} color={venueColor(venue)}>
          {index > 0 ? '+' : ''}
          {venueTag(venue, tags)}
        </Text>
      ))}
      {rest > 0 ? <Text color={theme.dim}>+{rest}</Text> : null}
    </Text>
  );
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
