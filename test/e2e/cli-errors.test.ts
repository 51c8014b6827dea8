/** What a user who gets the command line wrong sees: one line, exit code 2, no stack trace. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('depthmux command line', () => {
  it('names an unknown exchange and lists the valid ids', async () => {
    const result = await runCli(['--exchanges', 'binance,mtgox', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('unknown exchange "mtgox"');
    expect(result.stderr).toContain('binance, binance-usdm, aster, bybit, bybit-linear, okx, okx-swap, coinbase, kraken, bingx, hyperliquid');
  });

  it('refuses a malformed symbol', async () => {
    const result = await runCli(['--symbol', 'BTC/USDT', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('depthmux: malformed symbol "BTC/USDT": give a base asset such as BTC or ETH (letters and digits only)');
  });

  it('refuses a bad number with the flag and the value', async () => {
    const result = await runCli(['--depth', 'lots', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--depth must be a whole number from 1 to 200, got "lots"');
  });

  it('names a bad --endpoint and what to give instead', async () => {
    const unknown = await runCli(['--json', '--endpoint', 'mtgox:ws=ws://127.0.0.1:1,rest=http://127.0.0.1:1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('depthmux: --endpoint: unknown exchange "mtgox": valid ids are binance, binance-usdm, aster, bybit, bybit-linear, okx, okx-swap, coinbase, kraken, bingx, hyperliquid');
    const badUrl = await runCli(['--json', '--endpoint', 'binance:ws=127.0.0.1:1,rest=http://127.0.0.1:1']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr.trim()).toBe('depthmux: --endpoint binance: "127.0.0.1:1" is not a URL: give ws=ws://host:port…');
    const variable = await runCli(['--json'], { env: { DEPTHMUX_ENDPOINT_OKX_REST: 'ftp://h' } });
    expect(variable.code).toBe(2);
    expect(variable.stderr.trim()).toBe('depthmux: DEPTHMUX_ENDPOINT_OKX_REST: rest must be a http:// or https:// URL, got "ftp://h"');
  });

  it('points to --json when stdout is not a terminal', async () => {
    const result = await runCli(['--demo']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('depthmux: stdout is not a terminal: use --json for one JSON line per second (or --json --once)');
  });

  it('rejects an unknown option in one line plus a pointer to --help', async () => {
    const result = await runCli(['--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--frobnicate'");
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('prints help and version with exit code 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--exchanges <ids>');
    expect(help.stdout).toContain('--demo');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
