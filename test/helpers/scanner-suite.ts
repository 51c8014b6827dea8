/**
 * The checks every venue's frame scanner must pass, against its codec's general path (JSON.parse
 * and guards): each recorded, doc and simulator frame is taken by the scanner and the codec
 * answers exactly as without it, alone and in order; spellings the venue does not send are
 * declined; frames mutated a few characters at a time, or doc frames with one field replaced,
 * get the same answer either way and never throw. The general path's answer is the codec's
 * answer to the frame with a leading blank, which every scanner declines (checked here).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VenueAdapter, VenueEvent } from '../../src/feeds/types.js';
import type { VenueId } from '../../src/venues/ids.js';
import { nearValidFrame } from './fuzz-frames.js';
import { mutatedText } from './scan-frames.js';

const RUNS = { numRuns: 3_000 };

export interface ScannerCase {
  readonly venue: VenueId;
  /** The scanner as the codec calls it: a result when it takes the frame, undefined when it declines. */
  readonly scan: (text: string) => unknown;
  /** A fresh codec in the state a feed's is when book frames arrive (subscribed). */
  readonly codec: () => VenueAdapter;
  /** Frames the scanner must take: recorded, doc and simulator frames. */
  readonly frames: () => Promise<readonly string[]>;
  /** At least this many of them (so an empty fixture list cannot pass). */
  readonly minFrames: number;
  /** Spellings of the first frame the venue does not send, each to be declined. */
  readonly declined: (frame: string) => readonly string[];
  /** The frame as the venue's socket delivers it, when that is not its UTF-8 text (BingX: gzip). */
  readonly wire?: (text: string) => Uint8Array;
}

function answers(codec: VenueAdapter, frames: readonly (string | Uint8Array)[]): (readonly VenueEvent[])[] {
  return frames.map((frame) => codec.decode(frame));
}

export function describeScanner(title: string, spec: ScannerCase): void {
  describe(title, () => {
    let frames: readonly string[] = [];
    const encode = spec.wire ?? ((text: string) => new TextEncoder().encode(text));

    beforeAll(async () => {
      frames = await spec.frames();
    });

    /** The codec's answer to `text` without its scanner, from a codec as fresh as the one compared. */
    const general = (text: string): readonly VenueEvent[] => spec.codec().decode(` ${text}`);

    it('takes every recorded, doc and simulator frame, and the codec answers as without it', () => {
      expect(frames.length).toBeGreaterThanOrEqual(spec.minFrames);
      for (const text of frames) {
        expect(spec.scan(text), `declined: ${text.slice(0, 160)}`).toBeDefined();
        expect(spec.scan(` ${text}`)).toBeUndefined();
        const expected = general(text);
        expect(expected.every((event) => event.type === 'snapshot' || event.type === 'delta'), JSON.stringify(expected).slice(0, 200)).toBe(true);
        expect(spec.codec().decode(text)).toStrictEqual(expected);
        expect(spec.codec().decode(encode(text))).toStrictEqual(expected);
      }
    });

    it('answers as without it over the frames in order, through one codec', () => {
      expect(answers(spec.codec(), frames)).toStrictEqual(answers(spec.codec(), frames.map((text) => ` ${text}`)));
    });

    it('declines what the venue does not send, leaving it to the general path', () => {
      const [first] = frames;
      for (const text of spec.declined(first!)) {
        expect(text).not.toBe(first);
        expect(spec.scan(text), text).toBeUndefined();
      }
    });

    it('answers as without it, or declines, for frames mutated a few characters at a time', () => {
      let taken = 0;
      fc.assert(
        fc.property(mutatedText(frames.slice(0, 40)), (text) => {
          if (spec.scan(text) === undefined) return;
          taken++;
          expect(spec.codec().decode(text)).toStrictEqual(general(text));
        }),
        RUNS,
      );
      // Never vacuous: a share of the mutated frames keep the exact shape (a digit for a digit).
      expect(taken, 'mutated frames the scanner took').toBeGreaterThan(RUNS.numRuns / 100);
    });

    it('answers as without it, or declines, for doc frames with one field replaced', () => {
      fc.assert(
        fc.property(nearValidFrame(spec.venue, { bookOnly: true }), (frame) => {
          const text = typeof frame === 'string' ? frame : new TextDecoder().decode(frame);
          if (spec.scan(text) !== undefined) expect(spec.codec().decode(text)).toStrictEqual(general(text));
        }),
        RUNS,
      );
    });
  });
}
