/**
 * How V8 manages depthmux's heap, set at startup (the binary's and the bench's): two flags that
 * V8 reads at every collection, so setting them at startup takes effect (measured). Checked on
 * Node 20.20, 22.23 and 24.22 (`node --v8-options`); a V8 without one would print one
 * "unrecognized flag" line to stderr before the screen and change nothing.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/**
 * How far V8 lets the old generation grow past the live data before a full collection.
 *
 * V8 picks that factor itself (1.1 to 4) from how fast it collects, and a small heap collects fast,
 * so it picks high. depthmux's live heap is small (~25–30 MB) but the screen promotes garbage all
 * the time (each frame's view models and Ink's layout outlive a scavenge or two), so the old space
 * reached ~100 MB between full collections and the client's RSS sat at 220–230 MB at 120×40.
 * A fixed factor of 1.5 keeps the old space near the live data: RSS ~165 MB, measured side by side
 * against `depthmux sim` (BENCHMARKS.md), for a few per cent more CPU (marking runs more often, on
 * V8's background threads).
 */
export function keepHeapNearLive(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Let V8 drop the baseline (Sparkplug) code of functions that have not run for a while, as it
 * already drops their bytecode.
 *
 * V8 compiles a function to baseline code once it has run a little and by default keeps that code,
 * and the bytecode under it, for good. A program open all day keeps reaching functions it runs
 * rarely (a venue's ping, a reconnect, a pane's rare state), so its compiled code grew for many
 * minutes: +1.04 MB over the memory bench's first 30 minutes of `--demo`, against +0.60 MB with
 * flushing, with a live heap 1.1–1.7 MB smaller throughout (BENCHMARKS.md, eighth pass). A
 * dropped function that runs again is compiled again, about three a second on `--demo`: the
 * client's CPU against `depthmux sim` stayed within its runs' spread.
 */
export function flushIdleBaselineCode(): void {
  setFlagsFromString('--flush-baseline-code');
}

export function tuneHeap(): void {
  keepHeapNearLive();
  flushIdleBaselineCode();
}
