/**
 * The command line, declared with commander. It only parses: validation is config.ts's job and
 * running is the caller's, so this file can be tested without starting anything.
 */
import { Command, Option } from 'commander';
import { VENUE_IDS } from '../venues/ids.js';
import { FAULT_NAMES } from '../sim/faults.js';
import type { RawOptions } from './config.js';
import { UsageError } from './errors.js';

export interface RawSimOptions {
  readonly exchanges?: string;
  readonly faults?: string;
  readonly chaos?: boolean;
  readonly rate?: string;
}

export interface RawReplayOptions {
  readonly speed?: string;
  readonly json?: boolean;
  readonly depth?: string;
  readonly logFile?: string;
}

export interface ProgramActions {
  run(options: RawOptions): Promise<void>;
  sim(options: RawSimOptions): Promise<void>;
  replay(file: string, options: RawReplayOptions): Promise<void>;
}

export function buildProgram(version: string, actions: ProgramActions): Command {
  const program = new Command('depthmux')
    .description('Live L2 order book of one symbol merged across crypto venues, with feed health.')
    .version(version, '-V, --version')
    .option('-s, --symbol <base>', 'symbol shown first, as a base asset (e.g. BTC)')
    .option('--symbols <list>', 'watchlist for ] and [ (comma-separated; default BTC,ETH,SOL,XRP,DOGE)')
    .option('-e, --exchanges <ids>', `venues, comma-separated: ${VENUE_IDS.join(', ')}`)
    .option('--demo', 'run against the embedded simulated venues (no network needed)')
    .option('--chaos', 'with --demo: inject random faults so you can watch the feeds heal')
    .addOption(new Option('--faults <spec>', `with --demo: scheduled faults NAME[@START][/EVERY][~DURATION] in seconds, e.g. "drop@10,stall@20~8"; faults: ${FAULT_NAMES.join(', ')}`))
    .option('-d, --depth <n>', 'price levels per side (default: as many as the terminal fits; 15 with --json)')
    .option('--size <amount>', 'fill size, in the base asset, the liquidity line prices (default: about $100k at the mid; < and > halve and double it)')
    .option('--fps <n>', 'screen refreshes per second at most, 1-20 (default 10)')
    .option('--json', 'no screen: print one JSON line per second with every venue and the merged top levels')
    .option('--once', 'with --json: print one line once every venue has settled, then exit')
    .option('--interval <seconds>', 'with --json: seconds between lines (default 1)')
    .option('--no-color', 'no colours or styles (also when NO_COLOR is set)')
    .option('--log-file <path>', 'write a log to this file (the screen belongs to the TUI)')
    .option('--record <file>', 'record every frame, connection and REST answer to this file (gzip when it ends in .gz); replay it with depthmux replay')
    .option('--hl-address <0x…>', 'Hyperliquid account whose positions to show (or HYPERLIQUID_ADDRESS)')
    .option('--hl-key-file <path>', 'file holding the Hyperliquid signing key, mode 600 (or HYPERLIQUID_PRIVATE_KEY); an API wallet key works')
    .option('--testnet', 'use Hyperliquid testnet for positions and closing')
    .option('--slippage <percent>', 'worst price a close accepts, in percent from mid (default 1)')
    .option(
      '--endpoint <venue:key=url,…>',
      'reach a venue elsewhere (proxy, testnet, depthmux sim): keys ws and rest, for hyperliquid ws, api and user-ws; repeat per venue (or DEPTHMUX_ENDPOINT_<VENUE>_<KEY>)',
      (value: string, previous: readonly string[] = []) => [...previous, value],
    )
    .showHelpAfterError('(run depthmux --help for usage)')
    .enablePositionalOptions()
    // A word that is no command reaches the action, which names it, instead of commander's
    // "too many arguments".
    .argument('[command]')
    .usage('[options] [command]')
    .action(async (command: string | undefined, options: RawOptions) => {
      if (command !== undefined) throw new UsageError('unknown-command', `unknown command "${command}": the commands are sim and replay (run depthmux --help for usage)`);
      return actions.run(options);
    });
  program
    .command('sim')
    .description('run the simulated venues alone and print their URLs (Ctrl-C stops)')
    .option('-e, --exchanges <ids>', 'venues to simulate, comma-separated (default: all with a simulator)')
    .option('--faults <spec>', 'scheduled faults NAME[@START][/EVERY][~DURATION], e.g. "drop@10,stall@20~8"')
    .option('--chaos', 'inject random faults')
    .option('--rate <msgs/s>', 'flood every venue with this many depth messages a second per symbol subscribed (a stress source)')
    .action(async (options: RawSimOptions) => actions.sim(options));
  program
    .command('replay <file>')
    .description('play a recording (depthmux --record, or a cryptofeed capture) through the real feeds')
    .option('--speed <n|max>', 'times the recorded pace, or max (default 1 on screen, max with --json)')
    .option('--json', 'no screen: play it all, then print per venue and symbol the final book and the counts')
    .option('-d, --depth <n>', 'price levels per side shown (default 10)')
    .option('--log-file <path>', 'write a log to this file')
    .action(async (file: string, options: RawReplayOptions) => actions.replay(file, options));
  return program;
}
