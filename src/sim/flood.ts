/**
 * `depthmux sim --rate N`: N depth messages a second on every simulated venue and symbol in use,
 * on top of the market's own pace — a load driven from outside the client. Paced on elapsed
 * time in 10 ms slices; a sender that fell behind (a busy machine) does not make up for it with a
 * wall of messages: it drops what it could not send and counts only what it sent. Owns one timer.
 */
import type { VenueServer } from './venue-server.js';

const SLICE_MS = 10;
/** The most one slice may send, in seconds of the rate. */
const CATCH_UP_S = 0.1;

export class Flood {
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private due = 0;
  /** Messages sent per venue and symbol so far. */
  sent = 0;

  constructor(
    private readonly servers: readonly VenueServer[],
    private readonly rate: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    if (this.timer || this.rate <= 0) return;
    this.startedAt = this.now();
    this.timer = setInterval(() => this.slice(), SLICE_MS);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private slice(): void {
    const target = Math.floor(((this.now() - this.startedAt) / 1000) * this.rate);
    const count = Math.min(target - this.due, Math.ceil(this.rate * CATCH_UP_S));
    this.due = target;
    if (count <= 0) return;
    let made = 0;
    for (const server of this.servers) made = Math.max(made, server.flood(count));
    this.sent += made;
  }
}
