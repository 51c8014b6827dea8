/**
 * `npm run bench`: every benchmark in turn, one table on stdout, the same figures as JSON in
 * dist-bench/results/latest.json (never under version control). Figures are ratios against a
 * baseline measured in the same run; absolute numbers from a shared 2-core machine are only a hint.
 *
 * React and Ink read the environment when first imported, so the benches that draw are imported
 * only after it is set (drawing-env.ts), with Ink patched as the binary loads it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boundInkCaches } from '../src/cli/bound-ink-caches.js';
import { tuneHeap } from '../src/cli/heap-tuning.js';
import { capYoungGeneration } from '../src/cli/young-generation.js';
import { prepareDrawingEnv } from './drawing-env.js';
import type { Section } from './result.js';
import { formatTable } from './table.js';

// With the heap the depthmux binary runs with: the memory figures are the program's own.
capYoungGeneration();
tuneHeap();
prepareDrawingEnv();
// As the depthmux binary draws: Ink patched (before any bench imports Ink).
boundInkCaches();

const COMMAND = 'npm run bench  (tsc -p tsconfig.bench.json && NODE_ENV=production node --expose-gc dist-bench/bench/run.js)';

const BENCHES: ReadonlyArray<{ readonly name: string; readonly run: () => Promise<Section[]> }> = [
  { name: 'decode', run: async () => (await import('./decode.js')).decodeBench() },
  { name: 'render-cpu', run: async () => (await import('./render-cpu.js')).renderCpuBench() },
  { name: 'screen-cost', run: async () => (await import('./screen-cost.js')).screenCostBench() },
  { name: 'idle-cpu', run: async () => (await import('./idle-cpu.js')).idleCpuBench() },
  { name: 'switch-latency', run: async () => (await import('./switch-latency.js')).switchLatencyBench() },
  { name: 'stress', run: async () => (await import('./stress.js')).stressBench() },
  { name: 'memory', run: async () => (await import('./memory.js')).memoryBench() },
  { name: 'binary-memory', run: async () => (await import('./binary-memory.js')).binaryMemoryBench() },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const started = new Date();
  const loadBefore = loadavg();
  const sections: Section[] = [];
  for (const bench of BENCHES) {
    if (only.length > 0 && !only.includes(bench.name)) continue;
    const t0 = performance.now();
    process.stderr.write(`bench: ${bench.name}…`);
    sections.push(...(await bench.run()));
    process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const durationS = (Date.now() - started.getTime()) / 1000;
  const machine = `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`;
  process.stdout.write(`depthmux benchmarks, ${started.toISOString()} (${durationS.toFixed(0)} s)\ncommand: ${COMMAND}\nmachine: ${machine}, NODE_ENV=${process.env['NODE_ENV']}\n`);
  process.stdout.write(`${formatTable(sections)}\n`);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  const report = { command: COMMAND, startedAt: started.toISOString(), durationS, node: process.version, cpus: cpus().length, loadavg: { before: loadBefore, after: loadavg() }, nodeEnv: process.env['NODE_ENV'], sections };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nwritten: ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
