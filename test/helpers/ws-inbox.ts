/**
 * A test's WebSocket client: keeps every text frame, ping and close it sees, and lets the test
 * wait on a condition over them, bounded and described (never a fixed sleep).
 */
import WebSocket from 'ws';

export class WsInbox {
  readonly texts: string[] = [];
  pings = 0;
  closed: { readonly code: number; readonly reason: string } | undefined;
  private readonly wakers = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.texts.push(data.toString());
      this.wake();
    });
    socket.on('ping', () => {
      this.pings++;
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static open(url: string): Promise<WsInbox> {
    const socket = new WebSocket(url);
    const inbox = new WsInbox(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(inbox));
      socket.once('error', reject);
    });
  }

  /** Every frame that parsed as JSON, in arrival order (a venue's plain-text frames are skipped). */
  json(): unknown[] {
    return this.texts.flatMap((text) => {
      try {
        return [JSON.parse(text) as unknown];
      } catch {
        return [];
      }
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves once `condition` holds; fails after `timeoutMs` saying what was awaited and what came. */
  until(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        let met: boolean;
        try {
          met = condition();
        } catch (err) {
          done();
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (!met) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        const tail = this.texts.slice(-3).map((t) => t.slice(0, 200));
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${this.texts.length} frames, last: ${JSON.stringify(tail)}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.wakers.delete(check);
      };
      this.wakers.add(check);
    });
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.terminate();
    });
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }
}
