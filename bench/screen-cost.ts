/**
 * Benchmark 2c, the screen against bare Ink: CPU per frame of depthmux's <App> vs a bare Ink
 * ladder (bare-ladder.tsx) drawing the same runtime's ladder at the same size (120×40, 36 price
 * rows), over the `--demo` runtime. Each drawing runs in a fresh process of its own
 * (screen-round-child.ts), so the baseline draws on Ink exactly as installed while depthmux draws
 * on Ink as its binary loads it, and no process runs while another measures; each round runs the
 * three in turn and ratios are per round.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pairedRow, type Section } from './result.js';
import { PHASE_SECONDS, SCREEN_DEPTH, SCREEN_FPS, type ScreenRound } from './screen-round.js';

const ROUNDS = Number(process.env['BENCH_SCREEN_ROUNDS'] ?? 5);
const VARIANTS = ['stock-ladder', 'ladder', 'app'] as const;
type Variant = (typeof VARIANTS)[number];

const run = promisify(execFile);
const child = fileURLToPath(new URL('./screen-round-child.js', import.meta.url));

async function round(variant: Variant): Promise<ScreenRound> {
  const { stdout } = await run(process.execPath, ['--expose-gc', child, variant], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as ScreenRound;
}

export async function screenCostBench(): Promise<Section[]> {
  const rounds: Record<Variant, ScreenRound[]> = { 'stock-ladder': [], ladder: [], app: [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const variant of VARIANTS) rounds[variant].push(await round(variant));
    process.stderr.write('.');
  }
  const cpu = (variant: Variant): number[] => rounds[variant].map((r) => r.cpuMsPerFrame);
  const bytes = (variant: Variant): number[] => rounds[variant].map((r) => r.bytesPerFrame);
  const stock = { samples: cpu('stock-ladder'), name: 'bare ladder, stock Ink, same round' };
  const patched = { samples: cpu('ladder'), name: "bare ladder on depthmux's Ink, same round" };
  return [
    {
      title: `2c. Screen CPU per frame vs a bare Ink ladder (same runtime, 120×40, ${SCREEN_DEPTH * 2} price rows, ${SCREEN_FPS} fps)`,
      rows: [
        pairedRow('bare Ink ladder, Ink 6.8 as installed: CPU per frame (baseline)', stock.samples, 'ms'),
        pairedRow("bare Ink ladder on depthmux's patched Ink: CPU per frame", patched.samples, 'ms', stock),
        pairedRow('depthmux <App>: CPU per frame (goal ≤ ×1.0)', cpu('app'), 'ms', stock),
        pairedRow('depthmux <App>: CPU per frame, against the ladder on the same Ink', cpu('app'), 'ms', patched),
        pairedRow('bare Ink ladder: bytes per frame', bytes('stock-ladder'), 'B'),
        pairedRow('depthmux <App>: bytes per frame', bytes('app'), 'B', { samples: bytes('stock-ladder'), name: 'bare ladder bytes' }),
        pairedRow('depthmux <App>: frames written', rounds.app.map((r) => r.framesPerS), '/s'),
      ],
      notes: [
        `${ROUNDS} rounds (BENCH_SCREEN_ROUNDS); each drawing in a fresh process: the runtime alone for ${PHASE_SECONDS} s, then drawn for ${PHASE_SECONDS} s (BENCH_SCREEN_PHASE_MS), each after a warm-up of up to 3 s; CPU per frame = (drawn CPU − runtime-alone CPU) / frames written`,
        "the baseline is Ink as installed; depthmux's patched Ink (src/cli/ink-patches.ts) makes the same ladder cheaper too, and the fourth row compares on that footing",
        'bytes are UTF-8 bytes written to the terminal per frame',
      ],
    },
  ];
}
