/**
 * PlannedSwap: make-before-break for venues that end every connection after a fixed lifetime
 * (Binance spot, USDⓈ-M and Aster: 24 hours, types.ts `connectionLifetimeMs`). Shortly before the
 * cut-off it opens a standby connection to the same stream, decodes it with a codec of its own
 * (a codec may keep per-connection state), and holds the standby's diffs while the current
 * connection keeps the book. Once a standby diff meets the book (the book is exactly at its end,
 * or it applies on the book), the standby's later diffs continue the book: the feed adopts the
 * standby and ends the old connection. No REST snapshot, no state change, no reconnect counted.
 *
 * Only rest-snapshot venues are swapped here: their diffs carry the update ids that prove where
 * two connections' streams meet. A ws-snapshot venue would build a second book from the
 * standby's snapshot and swap it in once in sync; a full-snapshot venue would switch at the
 * standby's first whole book. None of those venues announces a lifetime today.
 *
 * If the old connection dies before the standby meets the book (a book that does not move for
 * the whole lead), the standby is dropped and the feed reconnects as after any loss.
 *
 * Owns its timer, its standby link and the diffs held for it; stop() ends them (the connection
 * was lost), close() ends them for good. No swap is planned on a replay (its connections are
 * scripted) or while recording (a record names no connection, so two at once would mix).
 */
import type { ConnectGate } from './connect-request.js';
import type { StreamMeeting } from './snapshot-sync.js';
import { StandbyLink } from './standby-link.js';
import { TimerSlot } from './timer-slot.js';
import type { FeedTransport } from './transport.js';
import type { DeltaEvent, Frame, VenueAdapter, VenueEvent } from './types.js';

/** The standby opens this share of the lifetime before the cut-off, but not more than LEAD_MAX_MS. */
const LEAD_SHARE = 0.25;
/**
 * Room for a slow handshake, a quiet book's next diff and a few retries, well inside the cut-off;
 * the jitter (up to half of it) keeps many feeds from swapping in the same second.
 */
const LEAD_MAX_MS = 15 * 60_000;
/** Tries within one lead: a failed standby is tried again after this share of the lead. */
const RETRY_SHARE = 1 / 8;
/** A standby this far ahead of a book that does not catch up is given up and tried again. */
const MAX_HELD = 10_000;

/** A standby diff held until the streams meet, with when it came. */
export interface HeldDiff {
  readonly event: DeltaEvent;
  readonly receivedAt: number;
}

export interface SwapHost {
  /** Where a standby diff meets the book (BookSync.meet). */
  meet(event: DeltaEvent): StreamMeeting | undefined;
  /** Adopt `link` as the current connection, decode with `codec` from now on, apply `held` in order. */
  takeOver(link: StandbyLink, codec: VenueAdapter, held: readonly HeldDiff[]): void;
}

export interface SwapParts {
  readonly adapter: VenueAdapter;
  /** Makes a codec of the same venue for the standby. */
  readonly makeCodec: () => VenueAdapter;
  readonly transport: FeedTransport;
  readonly gate: ConnectGate | undefined;
  readonly handshakeTimeoutMs: number;
  /** The venue's symbol the feed is subscribed to. */
  readonly symbol: () => string;
  readonly host: SwapHost;
}

interface Standby {
  readonly link: StandbyLink;
  readonly codec: VenueAdapter;
  held: HeldDiff[];
}

export class PlannedSwap {
  private readonly timer: TimerSlot;
  private standby: Standby | undefined;
  /** When the venue will end the current connection. */
  private cutoffAt: number | undefined;
  private closed = false;

  private constructor(
    private readonly parts: SwapParts,
    private readonly lifetimeMs: number,
  ) {
    this.timer = new TimerSlot(parts.transport.clock);
  }

  /** A swap for a feed whose venue ends connections at a known lifetime, given a codec factory. */
  static plan(parts: Omit<SwapParts, 'makeCodec'> & { readonly makeCodec: (() => VenueAdapter) | undefined }): PlannedSwap | undefined {
    const { adapter, makeCodec, transport } = parts;
    const lifetime = adapter.connectionLifetimeMs;
    if (lifetime === undefined || !makeCodec || adapter.sync !== 'rest-snapshot') return undefined;
    if (transport.scripted || transport.oneConnection) return undefined;
    return new PlannedSwap({ ...parts, makeCodec }, lifetime);
  }

  private get leadMs(): number {
    return Math.min(this.lifetimeMs * LEAD_SHARE, LEAD_MAX_MS);
  }

  /** The current connection opened at `since`: plan its replacement before the cut-off. */
  connected(since: number): void {
    if (this.closed) return;
    this.stop();
    this.cutoffAt = since + this.lifetimeMs;
    const lead = this.leadMs;
    const startAt = this.cutoffAt - lead + Math.random() * (lead / 2);
    this.schedule(startAt - this.now());
  }

  /** The current connection moved the book: a held standby diff may meet it now. */
  bookMoved(): void {
    if (this.standby && this.standby.held.length > 0) this.tryJoin();
  }

  /** The current connection is gone: the standby goes with it, and the next connection plans anew. */
  stop(): void {
    this.timer.clear();
    this.cutoffAt = undefined;
    this.dropStandby();
  }

  close(): void {
    this.closed = true;
    this.stop();
  }

  private now(): number {
    return this.parts.transport.clock.now();
  }

  private schedule(delayMs: number): void {
    this.timer.after(Math.max(0, delayMs), () => this.open());
  }

  private open(): void {
    if (this.closed || this.standby) return;
    const { parts } = this;
    const codec = parts.makeCodec();
    const symbol = parts.symbol();
    const link: StandbyLink = new StandbyLink(codec.url(symbol), parts.transport, parts.handshakeTimeoutMs, {
      opened: () => {
        for (const frame of codec.subscribe(symbol)) link.send(frame);
      },
      frame: (frame, at) => this.onFrame(link, frame, at),
      failed: () => this.retry(link),
    });
    this.standby = { link, codec, held: [] };
    link.start(parts.gate);
  }

  /** The standby failed or fell too far behind: drop it, and try again while there is time. */
  private retry(link: StandbyLink): void {
    if (this.standby && this.standby.link !== link) return;
    this.dropStandby();
    if (this.closed || this.cutoffAt === undefined) return;
    const delay = this.leadMs * RETRY_SHARE;
    if (this.now() + delay < this.cutoffAt) this.schedule(delay);
  }

  private dropStandby(): void {
    const standby = this.standby;
    this.standby = undefined;
    standby?.link.close();
  }

  /** A standby frame; nothing thrown here may reach the socket's event handler. */
  private onFrame(link: StandbyLink, frame: Frame, receivedAt: number): void {
    const standby = this.standby;
    if (!standby || standby.link !== link) return;
    try {
      if (!this.hold(standby, standby.codec.decode(frame), receivedAt)) return this.retry(link);
    } catch {
      return this.retry(link);
    }
    this.tryJoin();
  }

  /** Holds the frame's diffs and answers its pings; false when the standby is of no more use. */
  private hold(standby: Standby, events: readonly VenueEvent[], receivedAt: number): boolean {
    for (const event of events) {
      switch (event.type) {
        case 'delta':
          standby.held.push({ event, receivedAt });
          break;
        case 'ping':
          standby.link.send(event.reply);
          break;
        case 'error':
          // The venue is closing the standby too, or refuses it: try another.
          if (event.reconnect || event.notListed) return false;
          break;
        // A rest-snapshot stream sends no snapshot; liveness and acks need nothing.
        case 'snapshot':
        case 'pong':
        case 'subscribed':
        case 'ignored':
          break;
        default:
          throw new Error(`unhandled venue event ${JSON.stringify(event satisfies never)}`);
      }
    }
    return standby.held.length <= MAX_HELD;
  }

  /** Drops held diffs the book is past; hands the standby over once one meets the book. */
  private tryJoin(): void {
    const standby = this.standby;
    if (!standby) return;
    const { held } = standby;
    let from = 0;
    let meets = false;
    for (; from < held.length; from++) {
      const meeting = this.parts.host.meet(held[from]!.event);
      if (meeting === 'passed') continue;
      meets = meeting === 'at' || meeting === 'next';
      // The book is already at the end of an `at` diff: only the ones after it are news.
      if (meeting === 'at') from++;
      break;
    }
    if (!meets) {
      if (from > 0) standby.held = held.slice(from);
      return;
    }
    this.standby = undefined;
    // Planned first: if taking over loses the connection, the loss stops this plan too.
    this.connected(standby.link.openedAt ?? this.now());
    this.parts.host.takeOver(standby.link, standby.codec, held.slice(from));
  }
}
