/** The soak's judge: it must flag a frozen live book and must not flag a book that is merely in flight. */
import { describe, expect, it } from 'vitest';
import { BookHistory } from '../helpers/soak/book-history.js';
import { checkSoak, type FaultEvent, type VenueSample } from '../helpers/soak/soak-checker.js';

// The venue's top moves every 100 ms: bid 100, 101, 102…; ask one above.
const history = BookHistory.of({ v: Array.from({ length: 200 }, (_, i) => ({ at: i * 100, bid: 100 + i, ask: 101 + i })) });

/** Samples every 100 ms from `from` to `to`, showing the top `lagMs` old, or frozen at `frozenAt`. */
function samples(to: number, show: (at: number) => { bid: number; ask: number; state?: string }): VenueSample[] {
  const out: VenueSample[] = [];
  for (let at = 50; at <= to; at += 100) {
    const { bid, ask, state = 'live' } = show(at);
    out.push({ at, state, bid, ask, reconnects: 0, resyncs: 0, msgsPerSec: 10 });
  }
  return out;
}
const topAt = (at: number) => ({ bid: 100 + Math.max(0, Math.floor(at / 100)), ask: 101 + Math.max(0, Math.floor(at / 100)) });
const check = (list: VenueSample[], faults: FaultEvent[] = []) =>
  checkSoak({ samples: new Map([['v', list]]), history, faults, inFlightMs: 500, thresholdMs: () => 3_000 });

describe('checkSoak', () => {
  it('does not flag a book that lags by less than a message in flight', () => {
    const verdict = check(samples(19_000, (at) => topAt(at - 450)));
    expect(verdict.episodes).toEqual([]);
    expect(verdict.liveSamples).toBe(verdict.samples);
  });

  it('flags a book frozen while live, from the fault, and passes it while under the threshold', () => {
    const frozenFrom = 5_000;
    const frozenFor = (ms: number) => samples(19_000, (at) => (at >= frozenFrom && at < frozenFrom + ms ? topAt(frozenFrom) : topAt(at)));
    const blackhole = { at: 4_990, venue: 'v', kind: 'blackhole' };
    const short = check(frozenFor(2_000), [blackhole]);
    expect(short.episodes).toHaveLength(1);
    expect(short.episodes[0]!.fault).toEqual(blackhole);
    expect(short.violations).toEqual([]);
    const long = check(frozenFor(5_000), [blackhole]);
    expect(long.violations).toHaveLength(1);
    // Wrong from the first sample older than the in-flight allowance until the book moves again.
    expect(long.violations[0]!.to - long.violations[0]!.from).toBe(4_400);
    expect(long.kinds.get('blackhole')).toMatchObject({ thrown: 1, atLive: 1, noticed: 0, wrongEpisodes: 1, worstWrongMs: 4_400 });
  });

  it('never judges a venue that is not live, and times how soon a fault was noticed', () => {
    const list = samples(19_000, (at) => (at >= 5_000 && at < 12_000 ? { bid: 1, ask: 2, state: 'reconnecting' } : topAt(at)));
    const verdict = check(list, [{ at: 4_800, venue: 'v', kind: 'reset' }]);
    expect(verdict.episodes).toEqual([]);
    expect(verdict.kinds.get('reset')).toMatchObject({ atLive: 1, noticed: 1, worstNoticeMs: 250 });
  });

  it('flags a live book that was never the venue\'s', () => {
    const verdict = check(samples(19_000, (at) => (at === 7_050 ? { bid: 170, ask: 170.5 } : topAt(at))));
    expect(verdict.episodes.map((e) => [e.from, e.to])).toEqual([[7_050, 7_150]]);
  });
});
