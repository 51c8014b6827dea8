/**
 * `node dist-bench/bench/screen-round-child.js <stock-ladder|ladder|app>`: one round of benchmark
 * 2c in a fresh process, printed as JSON. `stock-ladder` draws the bare ladder on Ink exactly as
 * installed (no load hooks): the baseline "what any Ink program drawing this book would pay";
 * the others on Ink as the depthmux binary runs it (bound-ink-caches.ts).
 */
import { boundInkCaches } from '../src/cli/bound-ink-caches.js';
import { prepareDrawingEnv } from './drawing-env.js';

const variant = process.argv[2];
if (variant !== 'stock-ladder' && variant !== 'ladder' && variant !== 'app') throw new Error(`screen round: unknown drawing ${String(variant)}`);
prepareDrawingEnv();
if (variant !== 'stock-ladder') boundInkCaches();
const { screenRound } = await import('./screen-round.js');
process.stdout.write(JSON.stringify(await screenRound(variant === 'app' ? 'app' : 'ladder')));
