/**
 * The top line: the symbol on screen, the watchlist with its jump keys, how many venues are
 * live, and while a switch is under way, how each venue of the new symbol is getting on — with
 * the end stated plainly when it cannot come (not listed anywhere, no venue reachable).
 */
import React from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppState, SwitchingView } from '../../store/app-store.js';
import { keyFor } from '../keymap.js';
import { useRuntime } from '../runtime-context.js';
import { STATE_COLOR, STATE_GLYPH, theme, venueColor, venueTag } from '../theme.js';

export function Header({ demo }: { readonly demo: boolean }): React.JSX.Element {
  const runtime = useRuntime();
  const { symbol, watchlist, switching, tags } = useStore(
    runtime.store,
    useShallow((state) => ({ symbol: state.symbol, watchlist: state.watchlist, switching: state.switching, tags: state.venueTags })),
  );
  const live = useStore(runtime.store, liveVenues);
  const total = useStore(runtime.store, allVenues);
  return (
    <Text wrap="truncate-end">
      <Text bold color={theme.accent}> depthmux </Text>
      <Text bold>{symbol}</Text>
      <Text color={theme.dim}> │ </Text>
      {switching ? (
        <SwitchingNote switching={switching} tags={tags} />
      ) : (
        watchlist.slice(0, 9).map((item, index) => (
          <Text key={item} color={item === symbol ? theme.accent : theme.dim} bold={item === symbol}>
            {index + 1}:{item}{' '}
          </Text>
        ))
      )}
      <Text color={theme.dim}>│ </Text>
      <Text color={live === total && total > 0 ? theme.bid : theme.warn}>
        {live}/{total} live
      </Text>
      {demo ? <Text color={theme.warn}> │ DEMO</Text> : null}
    </Text>
  );
}

/** Selectors made once: the store changes every frame (see FrameClock.ladder). */
function liveVenues(state: AppState): number {
  let live = 0;
  for (const venue of state.venues) if (venue.state === 'live') live++;
  return live;
}

function allVenues(state: AppState): number {
  return state.venues.length;
}

function SwitchingNote({ switching, tags }: { readonly switching: SwitchingView; readonly tags: Readonly<Record<string, string>> }): React.JSX.Element {
  const venues = switching.venues ?? [];
  const unlisted = switching.failed === switching.total && switching.total > 0;
  const unreachable = switching.overdue && switching.live === 0 && venues.length > 0 && venues.every((venue) => venue.notListed || venue.state === 'down' || venue.state === 'reconnecting');
  const verdict = unlisted
    ? `not listed anywhere — ${keyFor('open-prompt')} for another`
    : unreachable
      ? 'no venue reachable yet, still trying'
      : `${switching.live + switching.failed}/${switching.total} ready`;
  return (
    <Text>
      <Text color={theme.warn}>→ {switching.target}: </Text>
      {venues.map((venue) => (
        <Text key={venue.id}>
          <Text color={venueColor(venue.id)}>{venueTag(venue.id, tags)}</Text>
          <Text color={venue.notListed ? theme.dim : STATE_COLOR[venue.state]}>{STATE_GLYPH[venue.notListed ? 'not-listed' : venue.state]} </Text>
        </Text>
      ))}
      <Text color={unlisted || unreachable ? theme.error : theme.warn}>{verdict} </Text>
    </Text>
  );
}
