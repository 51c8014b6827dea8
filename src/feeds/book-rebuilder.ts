/**
 * How a feed rebuilds a book found wrong, the cheapest way its venue's sync model allows: the next
 * whole book, a REST snapshot on the same socket, or a fresh subscription (on the open socket
 * where the venue allows it, as OKX and Kraken ask clients to). Rebuilds that follow each other
 * back off, so a venue that keeps failing a check is not hammered with requests or
 * subscriptions. Owns the backoff and the timer of a delayed resubscription; cancel() clears it.
 */
import { Backoff, type BackoffPolicy } from './backoff.js';
import type { ResilientSocket } from './connection.js';
import { TimerSlot } from './timer-slot.js';
import type { Clock } from './transport.js';
import type { VenueAdapter } from './types.js';

/** A rebuilt book that stays in sync this long was rebuilt fine: its next failure is news, not a loop. */
const RESYNC_SETTLED_MS = 2_000;

/**
 * A ws-snapshot venue sends the whole book right after a subscribe (OKX "Order book channel":
 * "the first push is a full snapshot"; our other ws-snapshot venues alike). With none this long
 * after subscribing, the subscription was lost on its way (a frame eaten by a faulty link while
 * the socket lived on): the socket is replaced. Without this the feed sat "syncing" with updates
 * flowing until the stall rule gave up on it (OKX: 75 s + 5 s), found by the fault-proxy soak.
 */
export const BOOK_AFTER_SUBSCRIBE_MS = 10_000;

interface RebuildParts {
  readonly adapter: VenueAdapter;
  readonly socket: ResilientSocket;
  readonly clock: Clock;
  readonly backoff: BackoffPolicy;
  /** The venue's symbol the feed is subscribed to. */
  readonly symbol: () => string;
  /** rest-snapshot: ask for a snapshot after `delayMs`. */
  readonly fetchSnapshot: (delayMs: number) => void;
}

export class BookRebuilder {
  /** Book rebuilds so far (gap, checksum, a frame that could not be applied). */
  count = 0;
  private readonly backoff: Backoff;
  /** When the book last came (back) in sync; undefined while it is not. */
  private syncedAt: number | undefined;
  private readonly resubscribeTimer: TimerSlot;
  /** ws-snapshot: armed by a subscribe, cleared by the book it brings. */
  private readonly bookDeadline: TimerSlot;

  constructor(private readonly parts: RebuildParts) {
    this.backoff = new Backoff(parts.backoff);
    this.resubscribeTimer = new TimerSlot(parts.clock);
    this.bookDeadline = new TimerSlot(parts.clock);
  }

  /** The book is in sync (again). */
  synced(): void {
    this.syncedAt ??= this.parts.clock.now();
    this.bookDeadline.clear();
  }

  /** The feed subscribed: a ws-snapshot venue's book must follow within BOOK_AFTER_SUBSCRIBE_MS. */
  subscribed(): void {
    if (this.parts.adapter.sync !== 'ws-snapshot') return;
    this.bookDeadline.after(BOOK_AFTER_SUBSCRIBE_MS, () => {
      this.parts.socket.reconnect(`no book ${BOOK_AFTER_SUBSCRIBE_MS / 1000} s after subscribing`);
    });
  }

  /** The book is out of sync for a reason that needs no rebuild (the connection went). */
  cancel(): void {
    this.syncedAt = undefined;
    this.resubscribeTimer.clear();
    this.bookDeadline.clear();
  }

  /**
   * A book that had stayed in sync a while is rebuilt at once; one that fails again right after
   * its rebuild (a check that can never pass, a codec bug) waits the backoff first.
   */
  rebuild(reason: string): void {
    const now = this.parts.clock.now();
    if (this.syncedAt !== undefined && now - this.syncedAt >= RESYNC_SETTLED_MS) this.backoff.reset();
    this.cancel();
    this.count++;
    const first = this.backoff.attempts === 0;
    const wait = this.backoff.next();
    this.start(reason, first ? 0 : wait);
  }

  private start(reason: string, delayMs: number): void {
    const { adapter, socket } = this.parts;
    switch (adapter.sync) {
      // The next message is a whole book.
      case 'full-snapshot':
        return;
      // Rebuilt on the same socket from a REST snapshot, asked at once: a quiet symbol may send
      // no diff for many seconds.
      case 'rest-snapshot':
        return this.parts.fetchSnapshot(delayMs);
      // The venue sends a snapshot on subscribe: subscribe anew, on this socket if it can.
      case 'ws-snapshot': {
        const frames = adapter.resubscribe?.(this.parts.symbol());
        if (!frames) return socket.reconnect(reason, { countAsReconnect: false, immediate: delayMs === 0 });
        const resubscribe = (): void => {
          if (frames.every((frame) => socket.send(frame))) this.subscribed();
          else socket.reconnect(reason, { countAsReconnect: false });
        };
        if (delayMs > 0) this.resubscribeTimer.after(delayMs, resubscribe);
        else resubscribe();
        return;
      }
      default:
        throw new Error(`unknown sync model ${JSON.stringify(adapter.sync satisfies never)}`);
    }
  }
}
