import { describe, expect, it } from 'vitest';
import { TimerSlot } from '../../src/feeds/timer-slot.js';
import { ManualClock } from '../helpers/manual-transport.js';

describe('TimerSlot', () => {
  it('runs a timeout once, after its delay', () => {
    const clock = new ManualClock();
    const slot = new TimerSlot(clock);
    const fired: number[] = [];
    slot.after(100, () => fired.push(clock.now()));
    clock.advanceTo(99);
    expect(fired).toEqual([]);
    clock.advanceTo(1_000);
    expect(fired).toEqual([100]);
    expect(clock.pending).toBe(0);
  });

  it('replaces the timer running when started again, leaving one pending', () => {
    const clock = new ManualClock();
    const slot = new TimerSlot(clock);
    const fired: string[] = [];
    slot.after(100, () => fired.push('first'));
    slot.after(50, () => fired.push('second'));
    slot.every(30, () => fired.push('third'));
    expect(clock.pending).toBe(1);
    clock.advanceTo(100);
    expect(fired).toEqual(['third', 'third', 'third']);
  });

  it('stops an interval or a timeout on clear, and clears nothing twice', () => {
    const clock = new ManualClock();
    const slot = new TimerSlot(clock);
    let ticks = 0;
    slot.every(10, () => ticks++);
    clock.advanceTo(25);
    slot.clear();
    slot.clear();
    clock.advanceTo(100);
    expect(ticks).toBe(2);
    slot.after(10, () => ticks++);
    slot.clear();
    clock.advanceTo(200);
    expect(ticks).toBe(2);
    expect(clock.pending).toBe(0);
  });

  it('may start itself again from its own callback, and clear() stops the new timer', () => {
    const clock = new ManualClock();
    const slot = new TimerSlot(clock);
    const fired: number[] = [];
    const again = (): void => {
      fired.push(clock.now());
      if (fired.length < 3) slot.after(10, again);
    };
    slot.after(10, again);
    clock.advanceTo(100);
    expect(fired).toEqual([10, 20, 30]);
    expect(clock.pending).toBe(0);
    fired.length = 0;
    slot.after(10, again);
    clock.advanceTo(115);
    slot.clear();
    clock.advanceTo(200);
    expect(fired).toEqual([110]);
  });
});
