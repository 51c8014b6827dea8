/**
 * The close journal: one JSON line per event in <state dir>/close-journal.jsonl (owner-only, 0600).
 * The intent (cloid, coin, side, size, price, nonce) is written and fsynced BEFORE the order leaves,
 * so even a crash between sending and hearing back leaves a record that an order with this cloid
 * may exist; the outcome follows when known. It holds public facts only: addresses, sizes, prices,
 * ids. No key, no signature.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isRecord } from '../wire/json.js';
import { ensureDir, openToOthers } from './state-dir.js';

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

  /**
   * Intents with no outcome after them: closes a crash or kill -9 interrupted between writing the
   * intent and hearing back. A line that is not a well-formed record (a torn last write) is skipped.
   */
  async unfinished(): Promise<CloseIntent[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const open = new Map<string, CloseIntent>();
    for (const line of text.split('\n')) {
      const record = parseRecord(line);
      if (record?.event === 'intent') open.set(record.intent.cloid, record.intent);
      else if (record?.event === 'outcome') open.delete(record.cloid);
    }
    return [...open.values()];
  }

  private async append(record: Record<string, unknown>): Promise<void> {
    await ensureDir(this.dir);
    // One write of one line in append mode: concurrent writers' lines do not interleave
    // (O_APPEND writes of a few hundred bytes land whole on local filesystems).
    const handle = await open(this.path, 'a+', 0o600);
    try {
      // open()'s mode applies only to a new file: an existing journal others can read is tightened.
      const { mode, size } = await handle.stat();
      if (openToOthers(mode)) await handle.chmod(0o600);
      // A write torn by a crash leaves a last line without its newline: start on a line of our own,
      // or this record would be glued to the torn one and lost with it.
      const torn = size > 0 && (await lastByte(handle, size)) !== NEWLINE;
      await handle.write(`${torn ? '\n' : ''}${JSON.stringify(record)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

const NEWLINE = 0x0a;

async function lastByte(handle: FileHandle, size: number): Promise<number | undefined> {
  const { bytesRead, buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
  return bytesRead === 1 ? buffer[0] : undefined;
}

type JournalLine = { readonly event: 'intent'; readonly intent: CloseIntent } | { readonly event: 'outcome'; readonly cloid: string };

function parseRecord(line: string): JournalLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value['cloid'] !== 'string') return undefined;
  if (value['event'] === 'outcome') return { event: 'outcome', cloid: value['cloid'] };
  if (value['event'] !== 'intent') return undefined;
  const text = (key: string): string | undefined => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
  const { nonce, expiresAfter } = value;
  const side = text('side');
  const [network, account, signer, coin, size, price] = ['network', 'account', 'signer', 'coin', 'size', 'price'].map(text);
  if (network === undefined || account === undefined || signer === undefined || coin === undefined || size === undefined || price === undefined) return undefined;
  if ((side !== 'buy' && side !== 'sell') || typeof nonce !== 'number' || typeof expiresAfter !== 'number') return undefined;
  return { event: 'intent', intent: { cloid: value['cloid'], network, account, signer, coin, side, size, price, nonce, expiresAfter } };
}
