/**
 * The status bar's message: what just happened, in one line, gone after a few seconds so an old
 * message never reads as news. Owns its one timer; close() clears it.
 */
import type { AppStore } from '../store/app-store.js';

const MESSAGE_MS = 8_000;

export class StatusLine {
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly store: AppStore) {}

  say(message: string): void {
    if (this.closed) return;
    this.set(message);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.set(undefined);
    }, MESSAGE_MS);
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.set(undefined);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private set(message: string | undefined): void {
    this.store.setState((state) => ({ ui: { ...state.ui, message } }));
  }
}
