/**
 * Opens a recording for replay: depthmux's own record format (format.ts; gzip when the name
 * ends in .gz), or a cryptofeed capture (cryptofeed.ts), whose .ws.txt and .rest.txt halves are
 * read together when both are there. A malformed line is reported with its number and skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readCapture } from './cryptofeed.js';
import { parseRecord, type LineProblem, type RecordEntry } from './format.js';

export interface Recording {
  /** In time order. */
  readonly entries: readonly RecordEntry[];
  readonly malformed: readonly LineProblem[];
  /** What the recording holds that depthmux cannot read, one line each. */
  readonly unreadable: readonly string[];
  /** `base`: symbols are base assets (depthmux's own); `venue`: the venue's symbols (a capture). */
  readonly naming: 'base' | 'venue';
  readonly files: readonly string[];
}

export class RecordingError extends Error {}

function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new RecordingError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!path.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (error) {
    throw new RecordingError(`${path} ends in .gz but is not gzip: ${(error as Error).message}`);
  }
}

/** The .ws.txt and .rest.txt halves of a cryptofeed capture, whichever of them was named. */
function captureFiles(path: string): string[] {
  const halves = /\.(ws|rest)\.txt$/.exec(path);
  if (!halves) return [path];
  const other = path.replace(/\.(ws|rest)\.txt$/, halves[1] === 'ws' ? '.rest.txt' : '.ws.txt');
  return existsSync(other) ? [path, other] : [path];
}

export function readRecording(path: string): Recording {
  const text = readText(path);
  const first = text.split('\n', 20).find((line) => line.trim() !== '');
  if (first === undefined) return { entries: [], malformed: [], unreadable: [], naming: 'base', files: [path] };
  if (first.trimStart().startsWith('{')) return readRecordFormat(path, text);
  const files = captureFiles(path);
  const capture = readCapture(files.map((file) => ({ name: basename(file), text: file === path ? text : readText(file) })));
  const unreadable = [...capture.unknownHosts].map(([host, lines]) => `${host}: ${lines} line(s) from a host depthmux cannot name a venue for`);
  return { entries: capture.entries, malformed: capture.malformed, unreadable, naming: 'venue', files };
}

function readRecordFormat(path: string, text: string): Recording {
  const entries: RecordEntry[] = [];
  const malformed: LineProblem[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const read = parseRecord(line);
    if (read.ok) entries.push(read.entry);
    else malformed.push({ file: basename(path), line: index + 1, error: read.error });
  });
  // Written in arrival order already; a stable sort only mends a file joined from several.
  entries.sort((a, b) => a.t - b.t);
  return { entries, malformed, unreadable: [], naming: 'base', files: [path] };
}
