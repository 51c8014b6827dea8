/** `depthmux --record FILE` and `depthmux replay FILE`, as a user runs them one after the other. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/record/replay-report.js';
import { VENUE_IDS } from '../../src/venues/ids.js';
import { runCli } from '../helpers/run-cli.js';

describe('depthmux --record', () => {
  const dir = mkdtempSync(join(tmpdir(), 'depthmux-record-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a session on exit that depthmux replay plays back live on every venue', async () => {
    const path = join(dir, 'session.jsonl.gz');
    const run = await runCli(['--demo', '--json', '--once', '--record', path], { timeoutMs: 40_000, env: { XDG_STATE_HOME: dir } });
    expect(run.code, run.stderr).toBe(0);
    const replay = await runCli(['replay', path, '--json', '--depth', '3'], { timeoutMs: 40_000 });
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stderr).toBe('');
    const report = JSON.parse(replay.stdout) as ReplayReport;
    // Feeds replay in the order their first record came: compare as a set.
    expect(report.feeds.map((f) => [f.venue, f.symbol, f.state]).sort()).toEqual(VENUE_IDS.map((id) => [id, 'BTC', 'live']).sort());
    for (const feed of report.feeds) {
      expect(feed.bookStates).toBeGreaterThan(0);
      expect(feed.gaps).toBe(0);
      expect(feed.bids).toHaveLength(3);
      expect(Number(feed.bids[0]![0])).toBeLessThan(Number(feed.asks[0]![0]));
    }
  });

  it('refuses a bad --speed in one line', async () => {
    const result = await runCli(['replay', join(dir, 'x.jsonl'), '--speed', 'fast']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('depthmux: --speed must be max or a number above 0 and at most 10000 (times the recorded pace), got "fast"\n');
  });
});
