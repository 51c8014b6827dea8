/**
 * How far V8 lets the old generation grow past the live data before a full collection.
 *
 * V8 picks that factor itself (1.1 to 4) from how fast it collects, and a small heap collects fast,
 * so it picks high. depthmux's live heap is small (~25–30 MB) but the screen promotes garbage all
 * the time (each frame's view models and Ink's layout outlive a scavenge or two), so the old space
 * reached ~100 MB between full collections and the client's RSS sat at 220–230 MB at 120×40.
 * A fixed factor of 1.5 keeps the old space near the live data: RSS ~165 MB, measured side by side
 * against `depthmux sim` (BENCHMARKS.md), for a few per cent more CPU (marking runs more often, on
 * V8's background threads). The flag (`heap_growing_percent`) is read at every collection, so
 * setting it at startup takes effect; checked on Node 20.20, 22.23 and 24.22 (`node --v8-options`). A V8
 * without it would print one "unrecognized flag" line to stderr before the screen and change nothing.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function keepHeapNearLive(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
