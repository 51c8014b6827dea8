/**
 * Writes records to a file without ever holding up the feeds: add() only queues the record; a
 * timer (and close()) formats the queue and hands it to the file stream, gzip-compressed when the
 * name ends in .gz. A file that cannot be opened or written (a bad path, a full disk) stops the
 * recording and is reported once; a disk too slow to keep up drops records and says so. Nothing
 * here throws into the feeds. Owns its streams and its timer; close() flushes and ends them.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { constants, createGzip, type Gzip } from 'node:zlib';
import { formatRecord, type RecordEntry } from './format.js';

/** Written this often: at most this much of a session is lost to a crash. */
const FLUSH_EVERY_MS = 1_000;
/** Bytes handed to the stream and not yet on disk, past which new records are dropped. */
const MAX_UNWRITTEN_BYTES = 64 * 1024 * 1024;

export class RecordWriter {
  private queue: RecordEntry[] = [];
  private readonly file: WriteStream;
  private readonly gzip: Gzip | undefined;
  private readonly timer: NodeJS.Timeout;
  /** No more records are taken: closed, or the file failed. */
  private stopped = false;
  private failed = false;
  private closed = false;
  private dropped = 0;

  constructor(
    readonly path: string,
    /** Told once when the recording stops or starts dropping records. */
    private readonly problem: (message: string) => void,
  ) {
    this.file = createWriteStream(path);
    this.file.on('error', (error) => this.stop(error));
    if (path.endsWith('.gz')) {
      this.gzip = createGzip();
      this.gzip.on('error', (error) => this.stop(error));
      this.gzip.pipe(this.file);
    }
    this.timer = setInterval(() => this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /** Queues a record; formatting and writing happen later, off the feeds' path. */
  add(entry: RecordEntry): void {
    if (!this.stopped) this.queue.push(entry);
  }

  flush(): void {
    const entries = this.queue;
    if (this.stopped || entries.length === 0) return;
    this.queue = [];
    const out: Writable = this.gzip ?? this.file;
    if (out.writableLength > MAX_UNWRITTEN_BYTES) {
      if (this.dropped === 0) this.problem(`recording to ${this.path} falls behind the disk: records are being dropped`);
      this.dropped += entries.length;
      return;
    }
    out.write(`${entries.map(formatRecord).join('\n')}\n`);
    // A sync flush makes what was written so far readable even if the process dies.
    this.gzip?.flush(constants.Z_SYNC_FLUSH);
  }

  /** Records dropped because the disk could not keep up. */
  get droppedRecords(): number {
    return this.dropped;
  }

  /** Writes what is queued and ends the file; resolves once it is closed (or has failed). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.flush();
    this.stopped = true;
    if (this.file.closed) return;
    await new Promise<void>((resolve) => {
      this.file.once('close', () => resolve());
      (this.gzip ?? this.file).end();
    });
  }

  /** The file failed (at any time, the last write on close included): told once. */
  private stop(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.stopped = true;
    this.queue = [];
    clearInterval(this.timer);
    this.gzip?.unpipe(this.file);
    this.gzip?.destroy();
    this.file.destroy();
    this.problem(`recording to ${this.path} stopped: ${error.message}`);
  }
}
