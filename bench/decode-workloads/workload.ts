/**
 * One venue's ingest workload and how it is timed, shared by every section of the decode bench
 * (bench/decode.ts): (a) the floor any JSON codec pays for the same frames, (b) the venue codec's
 * decode, (c) decode + Book.apply into the books a feed would hold, (p) ccxt's handling of the
 * same frames. CPU time per frame, interleaved rounds; ratios are per round against (a) of the
 * same round, reported as median and min–max.
 */
import type { Book } from '../../src/book/book.js';
import type { Frame, VenueAdapter } from '../../src/feeds/types.js';
import { timeInterleaved, type Batch } from '../measure.js';
import { pairedRow, type Section } from '../result.js';

export interface Workload {
  readonly adapter: VenueAdapter;
  readonly frames: readonly Frame[];
  /** The book each frame's deltas or snapshot land in (one feed = one book). */
  readonly books: readonly Book[];
  /** Replays of `frames` per timed batch. */
  readonly replays: number;
  /**
   * (a): bare JSON.parse of the frame text, unless the venue's frames need more before any JSON
   * reader can start (BingX: gunzip first). The figure every other row is divided by.
   */
  readonly floor?: { readonly label: string; readonly read: (frame: Frame) => unknown };
  /**
   * Called before each replay of `frames` in (b) and (c): a codec that refuses a stream going
   * back in time (an older book, a sequence number already seen) is subscribed afresh, as after a reconnect.
   */
  readonly rewind?: () => void;
  /** ccxt's handling of frame i, or undefined when ccxt is absent. */
  readonly peer?: (i: number) => void;
  /** The codec's frame scanner on a frame's text, if it has one: the notes say how many frames it takes. */
  readonly scan?: (frame: Frame) => unknown;
  readonly notes: readonly string[];
}

export interface MeasureOptions {
  readonly rounds: number;
  /** Why (p) is missing on every venue (ccxt not installed). */
  readonly peerMissing: string | undefined;
}

let sink = 0;

/** Frames consumed so far: a bench that decoded nothing must not report a figure. */
export function framesSeen(): number {
  return sink;
}

const bareParse = { label: 'JSON.parse only', read: (frame: Frame): unknown => JSON.parse(frame as string) };

/** How many of the frames the codec reads straight from the text, the rest going through JSON.parse. */
function scannedShare(frames: readonly Frame[], scan: (frame: Frame) => unknown): string {
  const taken = frames.filter((frame) => scan(frame) !== undefined).length;
  return `${taken} of ${frames.length} frames read by the codec's scanner, without JSON.parse (the rest: JSON.parse and guards)`;
}

export function measure(title: string, workload: Workload, options: MeasureOptions): Section {
  const { adapter, frames, books, replays, peer } = workload;
  const floor = workload.floor ?? bareParse;
  const rewind = workload.rewind ?? (() => {});
  const ops = frames.length * replays;
  const batches: Record<string, Batch> = {
    parse: () => {
      for (let r = 0; r < replays; r++) for (const frame of frames) sink += floor.read(frame) === null ? 0 : 1;
      return ops;
    },
    decode: () => {
      for (let r = 0; r < replays; r++) {
        rewind();
        for (const frame of frames) sink += adapter.decode(frame).length;
      }
      return ops;
    },
    apply: () => {
      for (let r = 0; r < replays; r++) {
        rewind();
        for (let i = 0; i < frames.length; i++) {
          for (const event of adapter.decode(frames[i]!)) {
            if (event.type === 'delta') books[i]!.apply(event.bids, event.asks);
            else if (event.type === 'snapshot') books[i]!.replace(event.bids, event.asks);
            else throw new Error(`bench: a ${adapter.id} depth frame decoded to ${event.type}${event.type === 'error' ? `: ${event.message}` : ''}`);
          }
        }
      }
      return ops;
    },
  };
  if (peer) {
    batches['ccxt'] = () => {
      for (let r = 0; r < replays; r++) for (let i = 0; i < frames.length; i++) peer(i);
      return ops;
    };
  }
  const ns = timeInterleaved(batches, options.rounds);
  const parse = { samples: ns['parse']!, name: '(a) same round' };
  return {
    title,
    rows: [
      pairedRow(`(a) ${floor.label}`, ns['parse']!, 'ns/frame'),
      pairedRow('(b) adapter.decode', ns['decode']!, 'ns/frame', parse),
      pairedRow('(c) decode + into the book (goal ≤ ×1.25)', ns['apply']!, 'ns/frame', parse),
      ...(ns['ccxt'] ? [pairedRow(`(p) ccxt: ${floor === bareParse ? 'JSON.parse' : floor.label} + its book handler`, ns['ccxt'], 'ns/frame', parse)] : []),
    ],
    notes: [
      ...workload.notes,
      workload.scan ? scannedShare(frames, workload.scan) : 'the codec has no frame scanner: every frame goes through JSON.parse and guards',
      `CPU time (process.cpuUsage) of ${options.rounds} interleaved rounds of ${ops} frames each, a forced GC before each batch; median and min–max over rounds`,
      options.peerMissing ?? '(p) calls ccxt.pro\'s own handler on the parsed frame; like (c) it checks no sequence ids (the feed does that, outside this figure)',
    ],
  };
}
