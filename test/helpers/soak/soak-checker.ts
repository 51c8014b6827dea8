/**
 * Judges a soak: did any venue show a wrong book as `live` for longer than depthmux promises to
 * take to notice? Pure: it reads the client's samples, the simulators' history and the faults
 * thrown, and says.
 *
 * What "wrong" means. A sample is the client's `--json` line for one venue at the line's `time`.
 * A `live` sample is right when its best bid and best ask equal a top of book the simulator held
 * at some moment in the last `inFlightMs` before that time: a message takes time to cross the
 * proxy and be applied, Hyperliquid pushes its book only every 0.5 s, and a loaded machine holds
 * a burst's messages in a socket buffer for a while; none of that is a wrong book. A live sample
 * that matches nothing the venue held in that window is wrong: the book shown is older than any
 * honest delay, or was never the venue's at all. A stretch of wrong live samples is an episode;
 * it lasts from its first wrong sample to the first sample after it that is not wrong-and-live.
 * An episode longer than the venue's detection threshold breaks the promise.
 */
import type { BookHistory } from './book-history.js';

export interface VenueSample {
  readonly at: number;
  readonly state: string;
  readonly bid: number | null;
  readonly ask: number | null;
  readonly reconnects: number;
  readonly resyncs: number;
  readonly msgsPerSec: number;
}

export interface FaultEvent {
  readonly at: number;
  readonly venue: string;
  readonly kind: string;
}

export interface WrongEpisode {
  readonly venue: string;
  readonly from: number;
  readonly to: number;
  readonly shown: { readonly bid: number | null; readonly ask: number | null };
  /** The last fault thrown at this venue before the episode began, if any. */
  readonly fault: FaultEvent | undefined;
}

export interface KindReport {
  readonly thrown: number;
  /** Thrown while the venue's last sample was live: the faults that could be noticed. */
  readonly atLive: number;
  /** Of those, the faults after which the client left `live`, reconnected or resynced. */
  readonly noticed: number;
  /** Longest time from a fault to the first sample showing it was noticed. */
  readonly worstNoticeMs: number | undefined;
  readonly wrongEpisodes: number;
  /** Longest wrong-while-live episode after a fault of this kind. */
  readonly worstWrongMs: number | undefined;
}

export interface SoakVerdict {
  readonly samples: number;
  readonly liveSamples: number;
  readonly episodes: readonly WrongEpisode[];
  /** Episodes longer than their venue's threshold: each one breaks the promise. */
  readonly violations: readonly WrongEpisode[];
  readonly kinds: ReadonlyMap<string, KindReport>;
  readonly thresholdMs: ReadonlyMap<string, number>;
}

export interface CheckInput {
  readonly samples: ReadonlyMap<string, readonly VenueSample[]>;
  readonly history: BookHistory;
  readonly faults: readonly FaultEvent[];
  readonly inFlightMs: number;
  readonly thresholdMs: (venue: string, samples: readonly VenueSample[]) => number;
}

const same = (a: number | null, b: number): boolean => a !== null && Math.abs(a - b) <= Math.abs(b) * 1e-12;

export function isWrong(sample: VenueSample, venue: string, history: BookHistory, inFlightMs: number): boolean {
  if (sample.state !== 'live') return false;
  return !history.heldDuring(venue, sample.at - inFlightMs, sample.at).some((top) => same(sample.bid, top.bid) && same(sample.ask, top.ask));
}

function episodesOf(venue: string, samples: readonly VenueSample[], input: CheckInput, faults: readonly FaultEvent[]): WrongEpisode[] {
  const episodes: WrongEpisode[] = [];
  let start: VenueSample | undefined;
  const close = (end: VenueSample): void => {
    const from = start!.at;
    const fault = faults.filter((f) => f.at <= from).at(-1);
    episodes.push({ venue, from, to: end.at, shown: { bid: start!.bid, ask: start!.ask }, fault });
    start = undefined;
  };
  for (const sample of samples) {
    const wrong = isWrong(sample, venue, input.history, input.inFlightMs);
    if (wrong && !start) start = sample;
    else if (!wrong && start) close(sample);
  }
  if (start) close(samples.at(-1)!);
  return episodes;
}

/** When the client first showed it had noticed a fault: left live, reconnected or resynced. */
function noticedAt(fault: FaultEvent, before: VenueSample, samples: readonly VenueSample[], until: number): number | undefined {
  for (const s of samples) {
    if (s.at <= fault.at) continue;
    if (s.at > until) return undefined;
    if (s.state !== 'live' || s.reconnects > before.reconnects || s.resyncs > before.resyncs) return s.at;
  }
  return undefined;
}

export function checkSoak(input: CheckInput): SoakVerdict {
  const episodes: WrongEpisode[] = [];
  const violations: WrongEpisode[] = [];
  const thresholdMs = new Map<string, number>();
  const kinds = new Map<string, { thrown: number; atLive: number; noticed: number; worstNoticeMs: number | undefined; wrongEpisodes: number; worstWrongMs: number | undefined }>();
  const kind = (name: string) => {
    let report = kinds.get(name);
    if (!report) kinds.set(name, (report = { thrown: 0, atLive: 0, noticed: 0, worstNoticeMs: undefined, wrongEpisodes: 0, worstWrongMs: undefined }));
    return report;
  };
  let count = 0;
  let live = 0;
  for (const [venue, samples] of input.samples) {
    count += samples.length;
    live += samples.filter((s) => s.state === 'live').length;
    const threshold = input.thresholdMs(venue, samples);
    thresholdMs.set(venue, threshold);
    const faults = input.faults.filter((f) => f.venue === venue);
    faults.forEach((fault, i) => {
      const report = kind(fault.kind);
      report.thrown++;
      const before = samples.filter((s) => s.at <= fault.at).at(-1);
      if (before?.state !== 'live') return;
      report.atLive++;
      const at = noticedAt(fault, before, samples, faults[i + 1]?.at ?? Number.POSITIVE_INFINITY);
      if (at === undefined) return;
      report.noticed++;
      report.worstNoticeMs = Math.max(report.worstNoticeMs ?? 0, at - fault.at);
    });
    for (const episode of episodesOf(venue, samples, input, faults)) {
      episodes.push(episode);
      const report = kind(episode.fault?.kind ?? 'none');
      report.wrongEpisodes++;
      report.worstWrongMs = Math.max(report.worstWrongMs ?? 0, episode.to - episode.from);
      if (episode.to - episode.from > threshold) violations.push(episode);
    }
  }
  return { samples: count, liveSamples: live, episodes, violations, kinds, thresholdMs };
}
