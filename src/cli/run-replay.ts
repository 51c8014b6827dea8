/**
 * `depthmux replay FILE`: a recording played through the real feeds (record/replayer.ts). With
 * --json it plays to the end as fast as asked and prints one JSON report; otherwise the screen
 * shows it at the recorded pace. Venues this build cannot read are named, not fatal; malformed
 * lines are reported on stderr with their line number and skipped.
 */
import { isVenueId } from '../venues/ids.js';
import { venue } from '../venues/registry.js';
import type { VenueAdapter, VenueEndpoints } from '../feeds/types.js';
import { readRecording, RecordingError, type Recording } from '../record/recording-file.js';
import { Replayer } from '../record/replayer.js';
import { replayReport } from '../record/replay-report.js';
import { UsageError } from './errors.js';
import type { Logger } from './log.js';
import type { ReplayConfig } from './replay-config.js';

/** The registry's codec for a recorded venue id, or why there is none. */
export function replayCodec(id: string, endpoints: VenueEndpoints): VenueAdapter | string {
  if (!isVenueId(id)) return 'not a venue depthmux knows';
  return venue(id).codec(endpoints);
}

function open(file: string): Recording {
  try {
    return readRecording(file);
  } catch (error) {
    if (error instanceof RecordingError) throw new UsageError('bad-recording', error.message);
    throw error;
  }
}

export async function runReplay(config: ReplayConfig, logger: Logger): Promise<number> {
  const recording = open(config.file);
  for (const { file, line, error } of recording.malformed) process.stderr.write(`depthmux: ${file} line ${line}: ${error}; skipped\n`);
  for (const what of recording.unreadable) process.stderr.write(`depthmux: ${what}; skipped\n`);
  const replayer = new Replayer({ recording, codec: replayCodec });
  for (const what of replayer.unsupported) process.stderr.write(`depthmux: ${what}\n`);
  logger.info(`replay ${recording.files.join(' + ')}: ${recording.entries.length} records, ${replayer.feeds.length} feed(s)`);
  if (!config.json) {
    if (!process.stdout.isTTY) throw new UsageError('not-a-terminal', 'stdout is not a terminal: use depthmux replay FILE --json for a report');
    const { runReplayTui } = await import('./run-replay-tui.js');
    return runReplayTui(replayer, config, logger);
  }
  const stop = (): void => replayer.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await replayer.play(config.speed);
    const report = replayReport(replayer, { files: recording.files, malformed: recording.malformed }, config.depth);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    replayer.close();
  }
  return 0;
}
