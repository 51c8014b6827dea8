/** `depthmux replay` flags -> a typed, validated ReplayConfig; a mistake is one UsageError line. */
import type { ReplaySpeed } from '../record/replayer.js';
import { UsageError } from './errors.js';
import type { RawReplayOptions } from './program.js';

export interface ReplayConfig {
  readonly file: string;
  readonly speed: ReplaySpeed;
  readonly json: boolean;
  readonly depth: number;
  readonly logFile?: string;
}

function parseSpeed(input: string | undefined, json: boolean): ReplaySpeed {
  if (input === undefined) return json ? 'max' : 1;
  if (input === 'max') return 'max';
  const speed = Number(input);
  if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000) {
    throw new UsageError('bad-number', `--speed must be max or a number above 0 and at most 10000 (times the recorded pace), got "${input}"`);
  }
  return speed;
}

export function parseReplayConfig(file: string, raw: RawReplayOptions): ReplayConfig {
  const json = raw.json === true;
  const depth = raw.depth === undefined ? 10 : Number(raw.depth);
  if (!Number.isInteger(depth) || depth < 1 || depth > 200) throw new UsageError('bad-number', `--depth must be a whole number from 1 to 200, got "${raw.depth}"`);
  return { file, speed: parseSpeed(raw.speed, json), json, depth, ...(raw.logFile !== undefined ? { logFile: raw.logFile } : {}) };
}
