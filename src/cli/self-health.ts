/**
 * depthmux watching itself while the self-health line is shown: frames drawn per second (Ink's
 * render callback counts them), event-loop lag p99 (perf_hooks' histogram) and resident memory.
 * Samples once a second and writes the store only while the line is on, so a hidden line costs
 * no frame. Owns one timer and one histogram; close() ends both.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { AppStore } from '../store/app-store.js';

const SAMPLE_MS = 1_000;

export class SelfHealthMonitor {
  private frames = 0;
  private sampledAt: number;
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: AppStore,
    private readonly now: () => number = Date.now,
  ) {
    this.sampledAt = now();
    this.histogram.enable();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  /** Called for every frame drawn. */
  frameDrawn = (): void => {
    this.frames++;
  };

  close(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private sample(): void {
    const now = this.now();
    const seconds = Math.max(0.001, (now - this.sampledAt) / 1000);
    const framesPerSec = this.frames / seconds;
    const loopLagP99Ms = this.histogram.percentile(99) / 1e6;
    this.frames = 0;
    this.sampledAt = now;
    this.histogram.reset();
    if (!this.store.getState().ui.selfHealth) return;
    this.store.setState({ selfHealth: { framesPerSec, loopLagP99Ms, rssMb: process.memoryUsage.rss() / 2 ** 20 } });
  }
}
