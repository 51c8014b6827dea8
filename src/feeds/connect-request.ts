/**
 * Asking a venue's connection budget (the pool's per-venue rate limiter) for leave to connect.
 * A gate runs `open` when allowed, perhaps at once, and returns what withdraws a request still
 * waiting; a ConnectRequest keeps at most one such request for its owner.
 */

/** Runs `open` when a connection is allowed; the returned function withdraws a waiting request. */
export type ConnectGate = (open: () => void) => () => void;

export class ConnectRequest {
  private withdrawWaiting: (() => void) | undefined;

  /** No gate: every request is granted at once. */
  constructor(private readonly gate: ConnectGate | undefined) {}

  get waiting(): boolean {
    return this.withdrawWaiting !== undefined;
  }

  /** Ask for leave to connect, in place of any request waiting; `open` runs once it is granted. */
  ask(open: () => void): void {
    this.withdraw();
    if (!this.gate) return open();
    let granted = false;
    const withdraw = this.gate(() => {
      granted = true;
      this.withdrawWaiting = undefined;
      open();
    });
    // A gate may grant at once, before it returns: nothing is waiting then.
    if (!granted) this.withdrawWaiting = withdraw;
  }

  withdraw(): void {
    this.withdrawWaiting?.();
    this.withdrawWaiting = undefined;
  }
}
