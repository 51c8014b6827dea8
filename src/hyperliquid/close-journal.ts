/**
 * The close journal: one JSON line per event in <state dir>/close-journal.jsonl (owner-only, 0600).
 * The intent (cloid, coin, side, size, price, nonce) is written and fsynced BEFORE the order leaves,
 * so even a crash between sending and hearing back leaves a record that an order with this cloid
 * may exist; the outcome follows when known. It holds public facts only: addresses, sizes, prices,
 * ids. No key, no signature.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDir } from './state-dir.js';

export interface CloseIntent {
  readonly cloid: string;
  readonly network: string;
  readonly account: string;
  readonly signer: string;
  readonly coin: string;
  readonly side: 'buy' | 'sell';
  readonly size: string;
  readonly price: string;
  readonly nonce: number;
  /** After this time (ms) the exchange refuses the order: a later look-up is final. */
  readonly expiresAfter: number;
}

export interface CloseOutcomeRecord {
  readonly cloid: string;
  readonly coin: string;
  /** The CloseResult kind. */
  readonly result: string;
  readonly message: string;
  readonly filledSz?: string;
  readonly avgPx?: string;
  readonly remaining?: string;
  readonly orderStatus?: string;
}

export const JOURNAL_FILE = 'close-journal.jsonl';

export class CloseJournal {
  readonly path: string;

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(dir, JOURNAL_FILE);
  }

  /** Resolves only once the line is on disk (fsync). Throws if it cannot be: then nothing may be sent. */
  intent(entry: CloseIntent): Promise<void> {
    return this.append({ t: this.now(), event: 'intent', pid: process.pid, ...entry });
  }

  outcome(entry: CloseOutcomeRecord): Promise<void> {
    return this.append({ t: this.now(), event: 'outcome', pid: process.pid, ...entry });
  }

  private async append(record: Record<string, unknown>): Promise<void> {
    await ensureDir(this.dir);
    // One write of one line in append mode: concurrent writers' lines do not interleave
    // (O_APPEND writes of a few hundred bytes land whole on local filesystems).
    const handle = await open(this.path, 'a', 0o600);
    try {
      await handle.write(`${JSON.stringify(record)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
