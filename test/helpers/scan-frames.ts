/**
 * Frames for the frame scanners' differential tests: as recorded, as the docs print them, as our
 * simulators send them, and those texts mutated a few characters at a time. `generalDecode` is
 * the codec's answer without its scanner, for the same message.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { VenueAdapter, VenueEvent } from '../../src/feeds/types.js';
import { MarketModel } from '../../src/sim/market-model.js';
import { VenueServer } from '../../src/sim/venue-server.js';
import type { VenueId } from '../../src/venues/ids.js';
import { simulatorFor } from './fault-kit.js';
import { fixturePath } from './fixtures.js';
import { WsInbox } from './ws-inbox.js';

/** The received frames of a cryptofeed capture (test/fixtures/recorded/README.md, "Format") that contain `marker`. */
export function recordedFrames(file: string, marker: string): string[] {
  return readFileSync(fixturePath(`recorded/${file}`), 'utf8')
    .split('\n')
    .filter((line) => !line.includes(' -> ') && !line.includes(' <-> '))
    .map((line) => line.slice(line.indexOf(': ') + 2))
    .filter((frame) => frame.includes(marker));
}

/** A doc example (test/fixtures/<venue>/<name>.json) as the venue sends it: compact, keys in the doc's order. */
export function docFrame(venue: string, name: string): string {
  const file = JSON.parse(readFileSync(fixturePath(`${venue}/${name}.json`), 'utf8')) as { frame: unknown };
  return JSON.stringify(file.frame);
}

/**
 * The first `count` frames starting with `prefix` that the venue's simulator sends on `path` as
 * its market moves; `request` is sent first and answered with a frame starting `ready`. Server
 * and socket are closed before this returns.
 */
export async function simulatorFrames(
  venue: VenueId,
  path: string,
  prefix: string,
  count: number,
  subscription?: { readonly request: unknown; readonly ready: string },
): Promise<string[]> {
  const server = await new VenueServer(simulatorFor(venue)(), new MarketModel(7)).listen();
  try {
    const inbox = await WsInbox.open(server.wsUrl + path);
    try {
      const starting = (start: string): string[] => inbox.texts.filter((text) => text.startsWith(start));
      if (subscription) {
        inbox.send(subscription.request);
        await inbox.until(() => starting(subscription.ready).length > 0, `the ${venue} simulator's answer to ${JSON.stringify(subscription.request)}`);
      }
      // Not every step of the model moves this book; three per frame wanted is plenty.
      for (let i = 0; i < count * 3; i++) server.step();
      await inbox.until(() => starting(prefix).length >= count, `${count} frames starting ${prefix} from the ${venue} simulator`);
      return starting(prefix).slice(0, count);
    } finally {
      await inbox.close();
    }
  } finally {
    await server.close();
  }
}

/**
 * What the codec's general path makes of `text`: JSON ignores a leading blank, and every scanner
 * declines one (each test checks that), so the frame goes through JSON.parse and the guards.
 */
export function generalDecode(codec: VenueAdapter, text: string): readonly VenueEvent[] {
  return codec.decode(` ${text}`);
}

/** Characters and tokens that break a strict reader: signs, exponents, blanks, escapes, structure. */
const TOKENS = ['0', '1', '9', '.', '-', '+', 'e', 'E', ' ', '\n', '"', '\\', '\\u0031', ',', ':', '[', ']', '{', '}', '\u0000', 'é', '１', 'null', '00', '1e3', '"x"'];

/** One of `texts` with one to three characters replaced, inserted before or deleted. */
export function mutatedText(texts: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.constantFrom(...TOKENS));
  return fc.tuple(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([text, edits]) =>
    edits.reduce((out, [at, kind, token]) => {
      const i = at % (out.length + 1);
      if (kind === 'insert') return out.slice(0, i) + token + out.slice(i);
      return out.slice(0, i) + (kind === 'replace' ? token : '') + out.slice(i + 1);
    }, text),
  );
}
