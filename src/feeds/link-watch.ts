/**
 * Is this connection alive, and is it carrying data? LinkWatch keeps the times that answer it
 * (last frame, last market data, last ping, pong awaited) and judges them against the venue's
 * heartbeat policy and stall thresholds. Pure: no socket, no timer; ResilientSocket ticks it and
 * acts on the verdict.
 */
import type { HeartbeatPolicy } from './types.js';

interface WatchThresholds {
  readonly heartbeat: HeartbeatPolicy;
  /** No market data for this long -> stale. */
  readonly staleAfterMs: number;
  /** Stale for this much longer -> the link is dead. */
  readonly reconnectAfterStaleMs: number;
}

type LinkVerdict =
  | { readonly kind: 'fine' }
  /** Time for a client ping (client-ping policy): send it and tell pingSent(). */
  | { readonly kind: 'ping'; readonly frame: string }
  | { readonly kind: 'stale' }
  | { readonly kind: 'dead'; readonly reason: string };

const FINE: LinkVerdict = { kind: 'fine' };
const STALE: LinkVerdict = { kind: 'stale' };

export class LinkWatch {
  private lastDataAt = 0;
  private lastFrameAt = 0;
  private lastPingSentAt = 0;
  private awaitingPongSince: number | undefined;

  constructor(private readonly thresholds: WatchThresholds) {}

  /** A new connection opened: every clock starts now. */
  opened(now: number): void {
    this.lastDataAt = now;
    this.lastFrameAt = now;
    this.lastPingSentAt = now;
    this.awaitingPongSince = undefined;
  }

  /** Any frame, protocol pings included: proof that the link carries something. */
  sawFrame(now: number): void {
    this.lastFrameAt = now;
  }

  /** Market data: proof that the feed is not a zombie. Heartbeats never count here. */
  sawData(now: number): void {
    this.lastDataAt = now;
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
    return Math.max(20, Math.min(250, Math.floor(Math.min(heartbeat, this.thresholds.staleAfterMs) / 5)));
  }

  check(now: number): LinkVerdict {
    const heartbeat = this.checkHeartbeat(now);
    if (heartbeat.kind === 'dead') return heartbeat;
    const silentFor = now - this.lastDataAt;
    if (silentFor > this.thresholds.staleAfterMs + this.thresholds.reconnectAfterStaleMs) {
      return { kind: 'dead', reason: `stalled: no market data for ${Math.round(silentFor / 1000)} s` };
    }
    if (heartbeat.kind === 'ping') return heartbeat;
    return silentFor > this.thresholds.staleAfterMs ? STALE : FINE;
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
