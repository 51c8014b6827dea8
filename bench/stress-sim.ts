/** The simulator side of the stress figure: `depthmux sim -e binance --rate <argv[2]>`, as its own process. */
import { runSim } from '../src/cli/run-sim.js';

const rate = Number(process.argv[2]);
if (!Number.isInteger(rate) || rate <= 0) throw new Error('usage: stress-sim <msgs/s>');
process.exitCode = await runSim({ venues: ['binance'], faults: [], chaos: false, rate });
