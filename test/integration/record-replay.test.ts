/**
 * --record then depthmux replay: a demo session of every registered venue, recorded through the
 * recording transport, replays to the very books the live feeds ended with, level by level, with
 * the same counts. The recording is gzip-compressed, as a name ending in .gz asks.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { replayCodec } from '../../src/cli/run-replay.js';
import { VenueFeed } from '../../src/feeds/feed.js';
import { liveTransport } from '../../src/feeds/live-transport.js';
import { parseRecord } from '../../src/record/format.js';
import { Recorder } from '../../src/record/recorder.js';
import { readRecording } from '../../src/record/recording-file.js';
import { Replayer } from '../../src/record/replayer.js';
import { Demo } from '../../src/sim/demo.js';
import { VENUE_IDS } from '../../src/venues/ids.js';
import { venue } from '../../src/venues/registry.js';
import { waitFor } from '../helpers/wait-for.js';

/** Enough changes per venue that a replay which skipped or reordered one would end elsewhere. */
const STATES_PER_VENUE = 30;

interface Picture {
  readonly venue: string;
  readonly bids: readonly (readonly [string, string])[];
  readonly asks: readonly (readonly [string, string])[];
  readonly counts: Readonly<Record<string, number>>;
  readonly resyncs: number;
}

function picture(feed: VenueFeed): Picture {
  return { venue: feed.adapter.id, bids: feed.book.topBids(100_000), asks: feed.book.topAsks(100_000), counts: { ...feed.counts }, resyncs: feed.resyncs };
}

describe('a recorded demo session', () => {
  const dir = mkdtempSync(join(tmpdir(), 'depthmux-record-'));
  let demo: Demo | undefined;
  let recorder: Recorder | undefined;
  let replayer: Replayer | undefined;
  const feeds: VenueFeed[] = [];
  afterEach(async () => {
    for (const feed of feeds.splice(0)) feed.close();
    replayer?.close();
    await recorder?.close();
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays to the same final books as the live run, level by level, for every registered venue', async () => {
    const path = join(dir, 'session.jsonl.gz');
    const problems: string[] = [];
    // Throttled channels push on every step, so each venue changes as often as the market does.
    demo = await Demo.start({ venues: VENUE_IDS.map((id) => ({ id, simulator: () => venue(id).simulator({ minPushIntervalMs: 0 }) })), stepMs: 20 });
    recorder = new Recorder(path, (problem) => problems.push(problem));
    for (const id of VENUE_IDS) {
      feeds.push(new VenueFeed({ adapter: venue(id).codec(demo.endpoints(id)), base: 'BTC', transport: recorder.wrap(liveTransport, id, 'BTC') }));
    }
    for (const feed of feeds) feed.start();
    await waitFor(`every feed live with ${STATES_PER_VENUE} book states`, () => feeds.every((f) => f.health().state === 'live' && f.counts.bookStates >= STATES_PER_VENUE), 20_000, () => feeds.map(picture));
    // Closed feeds hear nothing more, and their sockets record nothing more: the books now are
    // exactly what the recorded frames made.
    for (const feed of feeds) feed.close();
    const live = feeds.map(picture);
    await recorder.close();
    expect(problems).toEqual([]);

    const lines = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n').map((line) => parseRecord(line));
    expect(lines.every((line) => line.ok)).toBe(true);
    const kinds = new Set(lines.map((line) => (line.ok ? `${line.entry.venue} ${line.entry.kind}${line.entry.kind === 'frame' && line.entry.out ? ' out' : ''}` : '')));
    for (const id of VENUE_IDS) {
      const codec = venue(id).codec(demo.endpoints(id));
      const expected = ['connect', 'frame', ...(codec.restSnapshot ? ['rest'] : []), ...(codec.subscribe('BTC').length > 0 ? ['frame out'] : [])];
      for (const kind of expected) expect(kinds).toContain(`${id} ${kind}`);
    }

    const recording = readRecording(path);
    expect(recording.malformed).toEqual([]);
    replayer = new Replayer({ recording, codec: replayCodec });
    await replayer.play('max');
    expect(replayer.unsupported).toEqual([]);
    // Feeds replay in the order their first record came, which is not the order they started in.
    const byVenue = (pictures: readonly Picture[]): Picture[] => [...pictures].sort((a, b) => a.venue.localeCompare(b.venue));
    expect(byVenue(replayer.feeds.map(({ feed }) => picture(feed)))).toEqual(byVenue(live));
    for (const { feed } of replayer.feeds) expect(feed.health().state).toBe('live');
  });
});
