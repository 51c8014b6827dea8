/** The latency figure under clock skew: shown as it is, and following a change at once. */
import { describe, expect, it } from 'vitest';
import { LatencyMeter } from '../../src/feeds/health.js';

describe('LatencyMeter', () => {
  it('smooths ordinary jitter', () => {
    const meter = new LatencyMeter();
    meter.sample(1_000, 1_050);
    meter.sample(2_000, 2_100);
    expect(meter.ms).toBe(60);
  });

  it('shows exchange time in the future as a negative figure, not 0 ms', () => {
    const meter = new LatencyMeter();
    meter.sample(10_000, 7_000);
    expect(meter.ms).toBe(-3_000);
  });

  it('follows a skew that begins or ends at once instead of decaying for many seconds', () => {
    const meter = new LatencyMeter();
    meter.sample(1_000, 1_040);
    meter.sample(2_000, 3_602_040);
    expect(meter.ms).toBe(3_600_040);
    meter.sample(3_000, 3_045);
    expect(meter.ms).toBe(45);
  });

  it('forgets everything on reset', () => {
    const meter = new LatencyMeter();
    meter.sample(1_000, 1_040);
    meter.reset();
    expect(meter.ms).toBeUndefined();
  });
});
