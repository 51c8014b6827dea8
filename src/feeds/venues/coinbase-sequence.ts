/**
 * Coinbase Advanced Trade numbers every message of a connection with one `sequence_num` counter,
 * shared by all channels (heartbeats and subscription acks included): a gap in it, on any
 * channel, means a message was lost, and the lost one may have been a book update. This tracker
 * turns that connection-wide counter into the per-book chain `BookSync` checks: an `l2_data`
 * update carries as `prevSeq` the sequence number of the previous `l2_data` message only while
 * every message between them arrived in order; after a gap it carries none, which the rule reads
 * as a gap. A new snapshot starts a fresh chain (a gap before it lost nothing of that book).
 *
 * Sources: notes/venues.md ("sequence_num is one counter per connection shared by all channels,
 * heartbeats included", live frames, 2026); WebSocket Overview "Sequence Numbers" ("each new
 * message being exactly one sequence number greater than the one before it"),
 * https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-overview
 * (read 2026-07-22).
 */
import type { SequenceRule } from '../types.js';

export class ConnectionSequence {
  /** `sequence_num` of the last message seen on this connection. */
  private last: number | undefined;
  /** `sequence_num` of the last `l2_data` message, while the chain since it is unbroken. */
  private bookChain: number | undefined;

  /** A new connection: its counter starts afresh and no book chain carries over. */
  reset(): void {
    this.last = undefined;
    this.bookChain = undefined;
  }

  /** `sequence_num` of the last `l2_data` message, or undefined once a message was lost since. */
  get chain(): number | undefined {
    return this.bookChain;
  }

  /** Every sequenced message, of any channel, before it is used. */
  see(seq: number): void {
    if (this.last !== undefined && seq !== this.last + 1) this.bookChain = undefined;
    this.last = seq;
  }

  /** An `l2_data` snapshot: the book is whole at `seq`. */
  snapshot(seq: number): void {
    this.bookChain = seq;
  }

  /** An `l2_data` update at `seq`: the book message before it, or undefined if the chain broke. */
  update(seq: number): number | undefined {
    const previous = this.bookChain;
    if (previous !== undefined) this.bookChain = seq;
    return previous;
  }

  /** An `l2_data` message could not be read: the book missed it. */
  lost(): void {
    this.bookChain = undefined;
  }
}

/**
 * An update applies when its `prevSeq` is the sequence number the book is at; one without
 * `prevSeq` comes after a gap. No skip case: one connection delivers in order, and updates sent
 * before a resubscription's snapshot arrive before it, while the book is not yet synced.
 */
export const coinbaseSequence: SequenceRule = {
  classify(bookSeq, _firstAfterSnapshot, delta) {
    if (delta.prevSeq === undefined || delta.lastSeq === undefined) return 'gap';
    return delta.prevSeq === bookSeq ? 'apply' : 'gap';
  },
  seqAfter(delta) {
    if (delta.lastSeq === undefined) throw new Error('coinbase: seqAfter on an update without sequence_num');
    return delta.lastSeq;
  },
};
