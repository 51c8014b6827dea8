import { describe, expect, it } from 'vitest';
import { ConnectRequest, type ConnectGate } from '../../src/feeds/connect-request.js';

/** A gate that holds every request until the test grants it, and counts withdrawals. */
function heldGate(): { gate: ConnectGate; grant: () => void; waiting: () => number; withdrawn: () => number } {
  const queue: Array<() => void> = [];
  let withdrawn = 0;
  const gate: ConnectGate = (open) => {
    queue.push(open);
    return () => {
      const index = queue.indexOf(open);
      if (index >= 0) queue.splice(index, 1);
      withdrawn++;
    };
  };
  return { gate, grant: () => queue.shift()?.(), waiting: () => queue.length, withdrawn: () => withdrawn };
}

describe('ConnectRequest', () => {
  it('opens at once without a gate, and nothing waits', () => {
    const request = new ConnectRequest(undefined);
    let opened = 0;
    request.ask(() => opened++);
    expect(opened).toBe(1);
    expect(request.waiting).toBe(false);
  });

  it('waits for the gate, then opens once and waits no more', () => {
    const held = heldGate();
    const request = new ConnectRequest(held.gate);
    let opened = 0;
    request.ask(() => opened++);
    expect([opened, request.waiting]).toEqual([0, true]);
    held.grant();
    expect([opened, request.waiting]).toEqual([1, false]);
    request.withdraw();
    expect(held.withdrawn()).toBe(0);
  });

  it('takes a gate that grants before it returns as granted: nothing is left to withdraw', () => {
    let withdrawals = 0;
    const request = new ConnectRequest((open) => {
      open();
      return () => withdrawals++;
    });
    let opened = 0;
    request.ask(() => opened++);
    expect([opened, request.waiting]).toEqual([1, false]);
    request.withdraw();
    expect(withdrawals).toBe(0);
  });

  it('withdraws the waiting request when asked again, so the gate holds one', () => {
    const held = heldGate();
    const request = new ConnectRequest(held.gate);
    const opened: string[] = [];
    request.ask(() => opened.push('first'));
    request.ask(() => opened.push('second'));
    expect(held.waiting()).toBe(1);
    held.grant();
    expect(opened).toEqual(['second']);
  });

  it('withdraws a waiting request for good', () => {
    const held = heldGate();
    const request = new ConnectRequest(held.gate);
    let opened = 0;
    request.ask(() => opened++);
    request.withdraw();
    held.grant();
    expect([opened, held.waiting(), request.waiting]).toEqual([0, 0, false]);
  });
});
