/**
 * A recording that cannot be written is reported, once, on the status line and in the log, and
 * the program goes on: an unwritable path and a full disk (/dev/full answers every write with
 * ENOSPC) stop the recording, never the feeds.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cli/config.js';
import type { Logger } from '../../src/cli/log.js';
import { AppRuntime } from '../../src/cli/runtime.js';
import { Recorder } from '../../src/record/recorder.js';
import { waitFor } from '../helpers/wait-for.js';

describe('recording problems', () => {
  let runtime: AppRuntime | undefined;
  let stateDir: string | undefined;
  const stateHome = process.env.XDG_STATE_HOME;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
    if (stateHome === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = stateHome;
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('an unwritable path is told once and nothing throws', async () => {
    const problems: string[] = [];
    const recorder = new Recorder('/nonexistent-depthmux-dir/session.jsonl', (problem) => problems.push(problem));
    await waitFor('the problem to be told', () => problems.length > 0, 5_000);
    expect(problems).toEqual([expect.stringMatching(/^recording to \/nonexistent-depthmux-dir\/session\.jsonl stopped: ENOENT/)]);
    await recorder.close();
    expect(problems).toHaveLength(1);
  });

  it.runIf(existsSync('/dev/full'))('a full disk shows on the status line and in the log; the venues stay live', async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'depthmux-record-'));
    process.env.XDG_STATE_HOME = stateDir;
    const errors: string[] = [];
    const logger: Logger = { info: () => {}, error: (message) => errors.push(message) };
    runtime = await AppRuntime.start(parseConfig({ demo: true, record: '/dev/full' }), logger);
    const app = runtime;
    await waitFor('the status line to tell of the full disk', () => /^recording to \/dev\/full stopped: ENOSPC/.test(app.store.getState().ui.message ?? ''), 10_000);
    expect(errors).toEqual([expect.stringMatching(/^recording to \/dev\/full stopped: ENOSPC/)]);
    await waitFor('every venue live', () => app.store.getState().venues.length > 0 && app.store.getState().venues.every((v) => v.state === 'live'), 15_000);
  });
});
