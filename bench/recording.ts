/**
 * Reads a cryptofeed recording (test/fixtures/recorded/README.md, "Format"): received frames as
 * `T: frame`, REST answers as `URL -> T: body`; connection and sent lines are skipped.
 */
import { readFileSync } from 'node:fs';
import { asReceived } from './as-received.js';
import { fixturePath } from './fixtures.js';

export interface RestAnswer {
  readonly url: string;
  readonly body: string;
}

/** The received frames of a `.ws.txt` file, in order, exactly as the exchange sent them and the client holds them. */
export function recordedFrames(name: string): string[] {
  const frames: string[] = [];
  for (const line of readLines(name)) {
    if (line.includes(' <-> ') || line.includes(' <- ')) continue;
    const colon = line.indexOf(': ');
    if (colon > 0) frames.push(asReceived(line.slice(colon + 2)));
  }
  return frames;
}

/** The REST answers of a `.rest.txt` file. */
export function recordedRest(name: string): RestAnswer[] {
  const answers: RestAnswer[] = [];
  for (const line of readLines(name)) {
    const arrow = line.indexOf(' -> ');
    if (arrow < 0) continue;
    const rest = line.slice(arrow + 4);
    answers.push({ url: line.slice(0, arrow), body: rest.slice(rest.indexOf(': ') + 2) });
  }
  return answers;
}

function readLines(name: string): string[] {
  return readFileSync(fixturePath(`recorded/${name}`), 'utf8').split('\n').filter((line) => line !== '');
}
