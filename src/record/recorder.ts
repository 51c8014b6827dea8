/**
 * `--record FILE`: wraps a feed's transport so that everything it carries for that feed is
 * written down in the record format (format.ts): each connection's URL, every frame received and
 * sent, every REST answer with its URL. The feed runs exactly as it would unrecorded; the
 * records are only queued on its path (RecordWriter writes them later). Owns its writer;
 * close() writes what is queued and ends the file.
 */
import type { FeedTransport, SocketListener } from '../feeds/transport.js';
import { RecordWriter } from './record-writer.js';

export class Recorder {
  private readonly writer: RecordWriter;

  constructor(path: string, problem: (message: string) => void) {
    this.writer = new RecordWriter(path, problem);
  }

  get path(): string {
    return this.writer.path;
  }

  /** `inner` with everything it carries for `venue`'s feed of `symbol` recorded. */
  wrap(inner: FeedTransport, venue: string, symbol: string): FeedTransport {
    const { writer } = this;
    const now = (): number => inner.clock.now();
    return {
      clock: inner.clock,
      // Records carry no connection id: a standby's frames would replay as the current one's.
      oneConnection: true,
      connect(url, listener, options) {
        writer.add({ kind: 'connect', t: now(), venue, symbol, url });
        const recorded: SocketListener = {
          open: () => listener.open(),
          frame: (frame) => {
            writer.add({ kind: 'frame', t: now(), venue, symbol, frame, out: false });
            listener.frame(frame);
          },
          ping: () => listener.ping(),
          pong: () => listener.pong(),
          refused: (status, retryAfter) => listener.refused(status, retryAfter),
          closed: (code, reason) => listener.closed(code, reason),
        };
        const socket = inner.connect(url, recorded, options);
        return {
          get isOpen() {
            return socket.isOpen;
          },
          send(text) {
            writer.add({ kind: 'frame', t: now(), venue, symbol, frame: text, out: true });
            socket.send(text);
          },
          ping: () => socket.ping(),
          terminate: () => socket.terminate(),
        };
      },
      async get(url, signal) {
        const answer = await inner.get(url, signal);
        // An answer the feed cancelled before it came is dropped by the feed: a replay must not
        // hand it to the next request in its place.
        if (!signal.aborted) writer.add({ kind: 'rest', t: now(), venue, symbol, url, body: answer.body, status: answer.status });
        return answer;
      },
    };
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
