/**
 * Decoders fuzzed: every codec (Binance's stream and REST snapshot, Hyperliquid's
 * l2Book, the generic test venue) is fed arbitrary frames (text, bytes, any JSON) and frames
 * one field away from valid. Decoding never throws; arbitrary frames become an `error` or an
 * `ignored` event; whatever decodes as a book holds only levels a Book can take. The feed-level
 * half (a real VenueFeed taking such frames on its socket) is test/integration/faults-fuzz.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import type { Frame, VenueAdapter, VenueEvent } from '../../src/feeds/types.js';
import { FAULT_VENUES, codecFor, guardProcess, type FaultVenue } from '../helpers/fault-kit.js';
import { anyFrame, nearValidFrame } from '../helpers/fuzz-frames.js';

guardProcess();

const endpoints = { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:1' };
const ADAPTERS = new Map<FaultVenue, VenueAdapter>(FAULT_VENUES.map((venue) => [venue, codecFor(venue)(endpoints)]));
const TYPES = new Set(['snapshot', 'delta', 'ping', 'pong', 'subscribed', 'error', 'ignored']);
const RUNS = { numRuns: 2_000 };

/** A reason the event is malformed, or undefined when it is fine (and its levels fit a Book). */
function malformed(event: VenueEvent): string | undefined {
  if (!TYPES.has(event.type)) return `unknown type ${String(event.type)}`;
  if (event.type === 'error' && typeof event.message !== 'string') return 'error without a message';
  if (event.type === 'ping' && typeof event.reply !== 'string') return 'ping without a reply';
  if (event.type !== 'snapshot' && event.type !== 'delta') return undefined;
  for (const [price, size] of [...event.bids, ...event.asks]) {
    if (typeof price !== 'string' || typeof size !== 'string') return `level [${String(price)}, ${String(size)}] is not text`;
    if (!Number.isFinite(Number(price)) || !Number.isFinite(Number(size)) || Number(size) < 0) return `level [${price}, ${size}] is not a finite price and size`;
  }
  const seqs = event.type === 'snapshot' ? [event.seq] : [event.firstSeq, event.lastSeq, event.prevSeq];
  for (const seq of seqs) {
    if (seq !== undefined && !Number.isSafeInteger(seq)) return `sequence id ${seq} is not an exact integer`;
  }
  const book = new Book();
  book.apply(event.bids, event.asks);
  return undefined;
}

function decodeAll(venue: FaultVenue, frame: Frame): readonly VenueEvent[] {
  const events = ADAPTERS.get(venue)!.decode(frame);
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) expect(malformed(event), JSON.stringify(event).slice(0, 300)).toBeUndefined();
  return events;
}

describe.each(FAULT_VENUES)('%s decoder', (venue) => {
  it('turns arbitrary frames into an error or an ignored event, never a throw', () => {
    fc.assert(
      fc.property(anyFrame(), (frame) => {
        for (const event of decodeAll(venue, frame)) {
          // A few bare JSON frames are legal messages (Hyperliquid's {"channel":"pong"}); the
          // arbitraries here cannot build those, so anything else is a decoder accepting junk.
          expect(['error', 'ignored']).toContain(event.type);
        }
      }),
      RUNS,
    );
  });

  it('decodes frames one field away from valid into well-formed events only', () => {
    fc.assert(fc.property(nearValidFrame(venue), (frame) => void decodeAll(venue, frame)), RUNS);
  });
});

describe('binance REST snapshot decoder', () => {
  const decode = ADAPTERS.get('binance')!.restSnapshot!.decode;

  it('never throws and yields a well-formed snapshot or an error', () => {
    fc.assert(
      fc.property(fc.oneof(anyFrame().map(String), nearValidFrame('binance-rest')), (body) => {
        const event = decode(typeof body === 'string' ? body : new TextDecoder().decode(body));
        expect(['snapshot', 'error']).toContain(event.type);
        expect(malformed(event)).toBeUndefined();
      }),
      RUNS,
    );
  });
});
