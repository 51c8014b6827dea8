/**
 * Is this connection alive, and is it carrying data? LinkWatch keeps the times that answer it
 * (last frame, last market data, last ping, pong awaited, probe out) and judges them against the
 * venue's heartbeat policy, the protocol-ping probe and the stall thresholds. Pure: no socket,
 * no timer; ResilientSocket ticks it and acts on the verdict.
 *
 * Stale is judged against the feed's own pace: a book that sends ten messages a second and then
 * none for two seconds is not quiet, it is stuck, and must leave the merged ladder long before
 * the venue's worst-case quiet time (`staleAfterMs`) has passed. Reconnecting still waits for
 * that worst case: a pause is no reason to drop a link that answers its probes.
 */
import type { HeartbeatPolicy } from './types.js';

interface WatchThresholds {
  readonly heartbeat: HeartbeatPolicy;
  readonly probe: { readonly idleMs: number; readonly timeoutMs: number };
  /** No market data for this long -> stale. */
  readonly staleAfterMs: number;
  /** Stale for this much longer -> the link is dead. */
  readonly reconnectAfterStaleMs: number;
}

type LinkVerdict =
  | { readonly kind: 'fine' }
  /** Time for a client ping (client-ping policy): send it and tell pingSent(). */
  | { readonly kind: 'ping'; readonly frame: string }
  /** The link has been idle: send a protocol ping and tell probeSent(). */
  | { readonly kind: 'probe' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'dead'; readonly reason: string };

const FINE: LinkVerdict = { kind: 'fine' };
const STALE: LinkVerdict = { kind: 'stale' };
const PROBE: LinkVerdict = { kind: 'probe' };

/** Silence of this many typical gaps between messages makes a busy feed stale. */
const STALE_GAPS = 20;
/** ... but never sooner than this: a loaded machine can hold a busy feed's messages that long. */
const MIN_STALE_MS = 2_000;

export class LinkWatch {
  private lastDataAt = 0;
  private lastFrameAt = 0;
  private lastPingSentAt = 0;
  private awaitingPongSince: number | undefined;
  private probeSentAt: number | undefined;
  /** Smoothed gap between market data messages on this connection, once two were seen. */
  private typicalGapMs: number | undefined;
  private dataSeen = false;

  constructor(private readonly thresholds: WatchThresholds) {}

  /** A new connection opened: every clock starts now. */
  opened(now: number): void {
    this.lastDataAt = now;
    this.lastFrameAt = now;
    this.lastPingSentAt = now;
    this.awaitingPongSince = undefined;
    this.probeSentAt = undefined;
    this.typicalGapMs = undefined;
    this.dataSeen = false;
  }

  /** Any frame, protocol pings included: proof that the link carries something. */
  sawFrame(now: number): void {
    this.lastFrameAt = now;
    this.probeSentAt = undefined;
  }

  /** Market data: proof that the feed is not a zombie. Heartbeats never count here. */
  sawData(now: number): void {
    if (this.dataSeen) {
      const gap = now - this.lastDataAt;
      this.typicalGapMs = this.typicalGapMs === undefined ? gap : this.typicalGapMs * 0.9 + gap * 0.1;
    }
    this.dataSeen = true;
    this.lastDataAt = now;
  }

  probeSent(now: number): void {
    this.probeSentAt ??= now;
  }

  /** No market data for this long is stale: the venue's own bound, or sooner for a busy feed. */
  get staleAfterMs(): number {
    const configured = this.thresholds.staleAfterMs;
    if (this.typicalGapMs === undefined) return configured;
    return Math.min(configured, Math.max(MIN_STALE_MS, this.typicalGapMs * STALE_GAPS));
  }

  sawPong(): void {
    this.awaitingPongSince = undefined;
  }

  pingSent(now: number): void {
    this.lastPingSentAt = now;
    this.awaitingPongSince ??= now;
  }

  /** How often to ask: a fifth of the shortest deadline, between 20 and 250 ms. */
  get checkEveryMs(): number {
    const hb = this.thresholds.heartbeat;
    const heartbeat = hb.kind === 'client-ping' ? Math.min(hb.intervalMs, hb.timeoutMs) : hb.timeoutMs;
    const shortest = Math.min(heartbeat, this.thresholds.staleAfterMs, this.thresholds.probe.timeoutMs);
    return Math.max(20, Math.min(250, Math.floor(shortest / 5)));
  }

  check(now: number): LinkVerdict {
    const heartbeat = this.checkHeartbeat(now);
    if (heartbeat.kind === 'dead') return heartbeat;
    const probe = this.checkProbe(now);
    if (probe.kind === 'dead') return probe;
    const silentFor = now - this.lastDataAt;
    if (silentFor > this.thresholds.staleAfterMs + this.thresholds.reconnectAfterStaleMs) {
      return { kind: 'dead', reason: `stalled: no market data for ${Math.round(silentFor / 1000)} s` };
    }
    if (heartbeat.kind === 'ping') return heartbeat;
    if (probe.kind === 'probe') return probe;
    return silentFor > this.staleAfterMs ? STALE : FINE;
  }

  private checkProbe(now: number): LinkVerdict {
    const { idleMs, timeoutMs } = this.thresholds.probe;
    if (this.probeSentAt !== undefined) {
      return now - this.probeSentAt > timeoutMs ? { kind: 'dead', reason: `link dead: no answer to a ping for ${Math.round((now - this.lastFrameAt) / 100) / 10} s` } : FINE;
    }
    return now - this.lastFrameAt >= idleMs ? PROBE : FINE;
  }

  private checkHeartbeat(now: number): LinkVerdict {
    const hb = this.thresholds.heartbeat;
    switch (hb.kind) {
      case 'client-ping':
        if (this.awaitingPongSince !== undefined && now - this.awaitingPongSince > hb.timeoutMs) {
          return { kind: 'dead', reason: `no pong within ${hb.timeoutMs} ms` };
        }
        return now - this.lastPingSentAt >= hb.intervalMs ? { kind: 'ping', frame: hb.frame } : FINE;
      case 'server-ping':
        return now - this.lastFrameAt > hb.timeoutMs ? { kind: 'dead', reason: `server silent for ${hb.timeoutMs} ms` } : FINE;
      // Any frame proves the link, not only a heartbeat: Kraken sends heartbeats "in the absence
      // of any other channel updates" (docs.kraken.com, spot websocket v2, Heartbeat), so a busy
      // book brings none, and a burst can queue the heartbeats behind the data.
      case 'heartbeat-channel':
        return now - this.lastFrameAt > hb.timeoutMs ? { kind: 'dead', reason: `no heartbeat within ${hb.timeoutMs} ms` } : FINE;
      default:
        throw new Error(`unknown heartbeat policy ${JSON.stringify(hb satisfies never)}`);
    }
  }
}
