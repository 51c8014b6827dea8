/**
 * The event log: the selected venue's last error in full on top, then what happened to the feeds
 * and closes, newest first, with times. Long texts wrap rather than being cut.
 */
import React from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { FeedEvent, FeedEventKind } from '../../store/feed-events.js';
import type { VenueRow } from '../../store/app-store.js';
import { formatAge, formatClock, wrapWords } from '../format.js';
import { useRuntime } from '../runtime-context.js';
import { theme, venueColor, venueTag } from '../theme.js';
import { ScrollBox } from './scroll-box.js';

const KIND_COLOR: Record<FeedEventKind, string> = {
  state: 'white',
  reconnect: theme.warn,
  resync: theme.warn,
  error: theme.error,
  close: theme.accent,
  action: theme.dim,
};

/** Time, tag and a space: where wrapped lines of an event start. */
const EVENT_INDENT = 12;

export function logLines(events: readonly FeedEvent[], selected: VenueRow | undefined, tags: Readonly<Record<string, string>>, width: number): React.JSX.Element[] {
  const lines: React.JSX.Element[] = [];
  if (selected) {
    const heading = selected.lastError !== undefined ? `${selected.name}: last error${selected.errorAgeS !== undefined ? `, ${formatAge(selected.errorAgeS)} ago` : ''}` : `${selected.name}: no errors`;
    lines.push(
      <Text key="sel" bold>
        {heading}
      </Text>,
    );
    if (selected.lastError !== undefined) {
      wrapWords(selected.lastError, width - 2).forEach((text, index) =>
        lines.push(
          <Text key={`sel-${index}`} color={theme.error}>
            {'  '}
            {text}
          </Text>,
        ),
      );
    }
    lines.push(<Text key="gap"> </Text>);
  }
  lines.push(
    <Text key="head" bold>
      Events, newest first ({events.length})
    </Text>,
  );
  if (events.length === 0) lines.push(<Text key="none" color={theme.dim}>nothing has happened yet</Text>);
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    const wrapped = wrapWords(event.text, Math.max(10, width - EVENT_INDENT));
    wrapped.forEach((text, index) =>
      lines.push(
        <Text key={`e${i}-${index}`}>
          {index === 0 ? (
            <>
              <Text color={theme.dim}>{formatClock(event.at)} </Text>
              <Text color={event.venue !== undefined ? venueColor(event.venue) : theme.dim}>{(event.venue !== undefined ? venueTag(event.venue, tags) : '··').padEnd(2)} </Text>
            </>
          ) : (
            ' '.repeat(EVENT_INDENT)
          )}
          <Text color={KIND_COLOR[event.kind]}>{text}</Text>
        </Text>,
      ),
    );
  }
  return lines;
}

export function LogOverlay({ height, width }: { readonly height: number; readonly width: number }): React.JSX.Element {
  const runtime = useRuntime();
  const { events, offset, tags, selected } = useStore(
    runtime.store,
    useShallow((state) => ({ events: state.events, offset: state.ui.scroll, tags: state.venueTags, selected: state.venues[state.ui.selectedVenue] })),
  );
  // Border and padding take four columns.
  const lines = logLines(events, selected, tags, width - 4);
  return <ScrollBox title="Event log" mode="log" lines={lines} offset={offset} height={height} borderColor={theme.accent} />;
}
